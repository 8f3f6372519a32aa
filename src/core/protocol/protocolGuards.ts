/** Runtime guards for protocol messages (`onDidReceiveMessage` and `message` events deliver `any`). */
import type { EditCardView, HostToWebview, ReplyPart, TranscriptEntry, WebviewToHost } from './protocol';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ERROR_ACTIONS: readonly string[] = ['setApiKey', 'retry', 'pickModel'];
const STATUSES: readonly string[] = ['done', 'stopped', 'error', 'interrupted'];
export const REPLY_ACTIONS: readonly string[] = ['continue', 'newChat', 'revert', 'tryAgain'];
const EDIT_STATES: readonly string[] = ['pending', 'applied', 'rejected', 'notApplied'];
const EDIT_COMMANDS: readonly string[] = ['str_replace', 'insert', 'create', 'view'];
const MAX_TEXT = 1_000_000;
const isText = (v: unknown, max = MAX_TEXT) => typeof v === 'string' && v.length <= max;

/** Runtime guard for messages arriving from the webview (which delivers `any`). */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'stop':
    case 'retry':
    case 'continue':
    case 'newChat':
    case 'setApiKey':
    case 'pickModel':
      return true;
    case 'editLast':
      return isText(value.text);
    case 'send':
      return isText(value.text) && (value.prefill === undefined || isText(value.prefill, 10_000));
    case 'selectModel':
      return isText(value.model, 200) && /^[\w.:@/-]+$/.test(value.model as string);
    case 'copyCode':
    case 'insertCode':
      return isText(value.code);
    case 'removeAttachment':
    case 'revert':
    case 'tryAgain':
      return isText(value.id, 200);
    case 'editDecision':
      return isText(value.cardId, 200) && typeof value.accept === 'boolean';
    case 'showDiff':
      return isText(value.cardId, 200);
    case 'attachImage':
      return true;
    case 'attachUris':
      return Array.isArray(value.uris) && value.uris.length <= 50 && value.uris.every((u) => isText(u, 4000));
    case 'addImage': {
      const image = value.image;
      return (
        isRecord(image) &&
        isText(image.name, 500) &&
        isText(image.mediaType, 50) &&
        typeof image.data === 'string' &&
        image.data.length <= 8 * 1024 * 1024 &&
        Number.isInteger(image.width) &&
        Number.isInteger(image.height) &&
        typeof image.thumbnail === 'string' &&
        image.thumbnail.startsWith('data:image/') &&
        image.thumbnail.length <= 200_000
      );
    }
    default:
      return false;
  }
}

export function isUsage(value: unknown): boolean {
  return isRecord(value) && ['input', 'cacheRead', 'cacheWrite', 'output'].every((k) => Number.isFinite(value[k])) && (value.cost === undefined || Number.isFinite(value.cost));
}

export function isTranscriptEntry(value: unknown): value is TranscriptEntry {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    (value.role === 'user' || value.role === 'assistant') &&
    typeof value.text === 'string' &&
    (value.thinking === undefined || typeof value.thinking === 'string') &&
    (value.attachments === undefined || isStringArray(value.attachments)) &&
    (value.status === undefined || STATUSES.includes(value.status as string)) &&
    (value.usage === undefined || isUsage(value.usage)) &&
    (value.parts === undefined || (Array.isArray(value.parts) && value.parts.every(isReplyPart))) &&
    (value.note === undefined || typeof value.note === 'string') &&
    (value.actions === undefined || isReplyActions(value.actions)) &&
    (value.model === undefined || typeof value.model === 'string')
  );
}

export const isReplyActions = (v: unknown) => Array.isArray(v) && v.every((a) => REPLY_ACTIONS.includes(a as string));

export function isEditCardView(value: unknown): value is EditCardView {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    EDIT_COMMANDS.includes(value.command as string) &&
    typeof value.path === 'string' &&
    typeof value.added === 'number' &&
    typeof value.removed === 'number' &&
    typeof value.omitted === 'number' &&
    Array.isArray(value.lines) &&
    value.lines.every((l) => isRecord(l) && (l.kind === ' ' || l.kind === '+' || l.kind === '-') && typeof l.text === 'string') &&
    EDIT_STATES.includes(value.state as string) &&
    (value.note === undefined || typeof value.note === 'string')
  );
}

export function isReplyPart(value: unknown): value is ReplyPart {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'text':
    case 'thinking':
      return typeof value.text === 'string';
    case 'tool':
      return typeof value.text === 'string' && typeof value.isError === 'boolean';
    case 'edit':
      return isEditCardView(value.card);
    default:
      return false;
  }
}

export const isToolsStatus = (v: unknown) => isRecord(v) && typeof v.enabled === 'boolean' && (v.reason === undefined || typeof v.reason === 'string');

export const isAttachmentView = (v: unknown) =>
  isRecord(v) &&
  typeof v.id === 'string' &&
  (v.kind === 'selection' || v.kind === 'image') &&
  typeof v.label === 'string' &&
  (v.tokens === undefined || typeof v.tokens === 'number') &&
  (v.thumbnail === undefined || (typeof v.thumbnail === 'string' && v.thumbnail.startsWith('data:image/')));
const isStringArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
export const isModelOption = (v: unknown) => isRecord(v) && typeof v.id === 'string' && typeof v.label === 'string';
export const isConversationUsage = (v: unknown) =>
  isRecord(v) && isUsage(v.total) && typeof v.contextUsed === 'number' && typeof v.contextLimit === 'number';

/** Runtime guard for messages arriving from the host. */
export function isHostToWebview(value: unknown): value is HostToWebview {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'init':
      return (
        typeof value.hasKey === 'boolean' &&
        typeof value.model === 'string' &&
        Array.isArray(value.models) &&
        value.models.every(isModelOption) &&
        Array.isArray(value.transcript) &&
        value.transcript.every(isTranscriptEntry) &&
        isConversationUsage(value.usage) &&
        isStringArray(value.instructionFiles) &&
        Array.isArray(value.attachments) &&
        value.attachments.every(isAttachmentView) &&
        isToolsStatus(value.tools)
      );
    case 'toolsStatus':
      return isToolsStatus(value.status);
    case 'toolNote':
      return typeof value.id === 'string' && typeof value.text === 'string' && typeof value.isError === 'boolean';
    case 'editCard':
      return typeof value.id === 'string' && isEditCardView(value.card);
    case 'editState':
      return typeof value.cardId === 'string' && EDIT_STATES.includes(value.state as string) && (value.note === undefined || typeof value.note === 'string');
    case 'replyActions':
      return typeof value.id === 'string' && isReplyActions(value.actions) && (value.note === undefined || typeof value.note === 'string');
    case 'attachments':
      return Array.isArray(value.items) && value.items.every(isAttachmentView);
    case 'imageFile':
      return typeof value.name === 'string' && typeof value.mediaType === 'string' && typeof value.data === 'string';
    case 'instructions':
      return isStringArray(value.files);
    case 'ignoredSettings':
      return isStringArray(value.keys);
    case 'keyStatus':
      return typeof value.hasKey === 'boolean';
    case 'models':
      return Array.isArray(value.models) && value.models.every(isModelOption) && typeof value.selected === 'string';
    case 'userMessage':
      return typeof value.id === 'string' && typeof value.text === 'string' && (value.attachments === undefined || isStringArray(value.attachments));
    case 'replyDelta':
    case 'thinkingDelta':
    case 'replyStatus':
      return typeof value.id === 'string' && typeof value.text === 'string';
    case 'replyStart':
      return typeof value.id === 'string' && typeof value.model === 'string';
    case 'replyEnd':
      return (
        typeof value.id === 'string' &&
        STATUSES.includes(value.status as string) &&
        (value.usage === undefined || isUsage(value.usage)) &&
        (value.note === undefined || typeof value.note === 'string') &&
        (value.actions === undefined || isReplyActions(value.actions))
      );
    case 'usage':
      return isConversationUsage(value.usage);
    case 'replyReset':
    case 'removeMessage':
      return typeof value.id === 'string';
    case 'error':
      return (
        typeof value.message === 'string' &&
        Array.isArray(value.actions) &&
        value.actions.every((a) => ERROR_ACTIONS.includes(a as string)) &&
        (value.replyId === undefined || typeof value.replyId === 'string')
      );
    case 'restoreComposer':
      return typeof value.text === 'string';
    case 'cleared':
    case 'focusComposer':
      return true;
    default:
      return false;
  }
}
