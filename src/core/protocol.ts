/**
 * The typed protocol between the extension host and the chat webview. Every message has a
 * `type`; incoming messages pass the runtime guards below before anything acts on them.
 */
import type { AttachmentView } from './attachments';
import type { UsageSummary } from './usage';

/** Actions an error message can offer; each is a button in the webview. */
export type ErrorAction = 'setApiKey' | 'retry' | 'pickModel';

export type ReplyStatus = 'done' | 'stopped' | 'error' | 'interrupted';

export interface TranscriptEntry {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly thinking?: string;
  /** Names of what was attached to a user message (`path:start-end`). */
  readonly attachments?: readonly string[];
  /** Undefined while the reply streams. */
  readonly status?: ReplyStatus;
  readonly usage?: UsageSummary;
}

export interface ModelOption {
  readonly id: string;
  readonly label: string;
  /** Accepts "Start Claude's reply with…" (assistant prefill). */
  readonly prefill?: boolean;
}

export interface ConversationUsage {
  readonly total: UsageSummary;
  /** Prompt + output tokens of the last reply: what the next request starts from. */
  readonly contextUsed: number;
  readonly contextLimit: number;
}

export interface ImagePayload {
  readonly name: string;
  readonly mediaType: string;
  /** Base64, no data: prefix. */
  readonly data: string;
  readonly width: number;
  readonly height: number;
  readonly thumbnail: string;
}

/** Messages the webview sends to the host. */
export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string; readonly prefill?: string }
  | { readonly type: 'stop' }
  | { readonly type: 'retry' }
  | { readonly type: 'newChat' }
  | { readonly type: 'setApiKey' }
  | { readonly type: 'pickModel' }
  | { readonly type: 'selectModel'; readonly model: string }
  | { readonly type: 'removeAttachment'; readonly id: string }
  /** A pasted, dropped or picked image, already sized and encoded by the webview. */
  | { readonly type: 'addImage'; readonly image: ImagePayload }
  /** The "Attach image" button: the host shows a file picker. */
  | { readonly type: 'attachImage' }
  /** Files dropped from the Explorer arrive as URIs: the host reads them. */
  | { readonly type: 'attachUris'; readonly uris: readonly string[] }

  | { readonly type: 'copyCode'; readonly code: string }
  | { readonly type: 'insertCode'; readonly code: string };

/** Messages the host sends to the webview. Replies arrive as deltas, never as whole snapshots. */
export type HostToWebview =
  | {
      readonly type: 'init';
      readonly hasKey: boolean;
      readonly model: string;
      readonly models: readonly ModelOption[];
      readonly transcript: readonly TranscriptEntry[];
      readonly usage: ConversationUsage;
      /** Workspace instruction files in the system prompt (CLAUDE.md, AGENTS.md). */
      readonly instructionFiles: readonly string[];
      /** Attachments waiting for the next message. */
      readonly attachments: readonly AttachmentView[];
    }
  | { readonly type: 'attachments'; readonly items: readonly AttachmentView[] }
  /** A file picked with "Attach image", for the webview to size and encode. */
  | { readonly type: 'imageFile'; readonly name: string; readonly mediaType: string; readonly data: string }
  | { readonly type: 'instructions'; readonly files: readonly string[] }
  | { readonly type: 'keyStatus'; readonly hasKey: boolean }
  | { readonly type: 'models'; readonly models: readonly ModelOption[]; readonly selected: string }
  | { readonly type: 'userMessage'; readonly id: string; readonly text: string; readonly attachments?: readonly string[] }
  | { readonly type: 'replyStart'; readonly id: string; readonly model: string }
  | { readonly type: 'replyDelta'; readonly id: string; readonly text: string }
  | { readonly type: 'thinkingDelta'; readonly id: string; readonly text: string }
  /** An automatic retry starts the reply over. */
  | { readonly type: 'replyReset'; readonly id: string }
  /** A transient note on a reply (a retry countdown); empty text clears it. */
  | { readonly type: 'replyStatus'; readonly id: string; readonly text: string }
  | { readonly type: 'replyEnd'; readonly id: string; readonly status: ReplyStatus; readonly usage?: UsageSummary }
  | { readonly type: 'usage'; readonly usage: ConversationUsage }
  | { readonly type: 'removeMessage'; readonly id: string }
  | { readonly type: 'error'; readonly message: string; readonly actions: readonly ErrorAction[] }
  | { readonly type: 'restoreComposer'; readonly text: string }
  | { readonly type: 'cleared' };

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ERROR_ACTIONS: readonly string[] = ['setApiKey', 'retry', 'pickModel'];
const STATUSES: readonly string[] = ['done', 'stopped', 'error', 'interrupted'];
const MAX_TEXT = 1_000_000;
const isText = (v: unknown, max = MAX_TEXT) => typeof v === 'string' && v.length <= max;

/** Runtime guard for messages arriving from the webview (which delivers `any`). */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'stop':
    case 'retry':
    case 'newChat':
    case 'setApiKey':
    case 'pickModel':
      return true;
    case 'send':
      return isText(value.text) && (value.prefill === undefined || isText(value.prefill, 10_000));
    case 'selectModel':
      return isText(value.model, 200) && /^[\w.:@/-]+$/.test(value.model as string);
    case 'copyCode':
    case 'insertCode':
      return isText(value.code);
    case 'removeAttachment':
      return isText(value.id, 200);
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

function isUsage(value: unknown): boolean {
  return isRecord(value) && ['input', 'cacheRead', 'cacheWrite', 'output'].every((k) => typeof value[k] === 'number');
}

function isTranscriptEntry(value: unknown): value is TranscriptEntry {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    (value.role === 'user' || value.role === 'assistant') &&
    typeof value.text === 'string' &&
    (value.thinking === undefined || typeof value.thinking === 'string') &&
    (value.attachments === undefined || isStringArray(value.attachments)) &&
    (value.status === undefined || STATUSES.includes(value.status as string)) &&
    (value.usage === undefined || isUsage(value.usage))
  );
}

const isAttachmentView = (v: unknown) =>
  isRecord(v) &&
  typeof v.id === 'string' &&
  (v.kind === 'selection' || v.kind === 'image') &&
  typeof v.label === 'string' &&
  (v.tokens === undefined || typeof v.tokens === 'number') &&
  (v.thumbnail === undefined || (typeof v.thumbnail === 'string' && v.thumbnail.startsWith('data:image/')));
const isStringArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isModelOption = (v: unknown) => isRecord(v) && typeof v.id === 'string' && typeof v.label === 'string';
const isConversationUsage = (v: unknown) =>
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
        value.attachments.every(isAttachmentView)
      );
    case 'attachments':
      return Array.isArray(value.items) && value.items.every(isAttachmentView);
    case 'imageFile':
      return typeof value.name === 'string' && typeof value.mediaType === 'string' && typeof value.data === 'string';
    case 'instructions':
      return isStringArray(value.files);
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
      return typeof value.id === 'string' && STATUSES.includes(value.status as string) && (value.usage === undefined || isUsage(value.usage));
    case 'usage':
      return isConversationUsage(value.usage);
    case 'replyReset':
    case 'removeMessage':
      return typeof value.id === 'string';
    case 'error':
      return (
        typeof value.message === 'string' &&
        Array.isArray(value.actions) &&
        value.actions.every((a) => ERROR_ACTIONS.includes(a as string))
      );
    case 'restoreComposer':
      return typeof value.text === 'string';
    case 'cleared':
      return true;
    default:
      return false;
  }
}
