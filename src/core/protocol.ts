/**
 * The typed protocol between the extension host and the chat webview. Every message has a
 * `type`; incoming messages pass the runtime guards below before anything acts on them.
 */

/** Actions an error message can offer; each is a button in the webview. */
export type ErrorAction = 'setApiKey' | 'retry';

export type ReplyStatus = 'done' | 'stopped' | 'error' | 'interrupted';

export interface TranscriptEntry {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly status?: ReplyStatus;
}

/** Messages the webview sends to the host. */
export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string }
  | { readonly type: 'stop' }
  | { readonly type: 'retry' }
  | { readonly type: 'newChat' }
  | { readonly type: 'setApiKey' };

/** Messages the host sends to the webview. Replies arrive as deltas, never as whole snapshots. */
export type HostToWebview =
  | { readonly type: 'init'; readonly hasKey: boolean; readonly model: string; readonly transcript: readonly TranscriptEntry[] }
  | { readonly type: 'keyStatus'; readonly hasKey: boolean }
  | { readonly type: 'userMessage'; readonly id: string; readonly text: string }
  | { readonly type: 'replyStart'; readonly id: string; readonly model: string }
  | { readonly type: 'replyDelta'; readonly id: string; readonly text: string }
  | { readonly type: 'replyEnd'; readonly id: string; readonly status: ReplyStatus }
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

const ERROR_ACTIONS: readonly string[] = ['setApiKey', 'retry'];
const STATUSES: readonly string[] = ['done', 'stopped', 'error', 'interrupted'];

/** Runtime guard for messages arriving from the webview (which delivers `any`). */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'stop':
    case 'retry':
    case 'newChat':
    case 'setApiKey':
      return true;
    case 'send':
      return typeof value.text === 'string' && value.text.length <= 1_000_000;
    default:
      return false;
  }
}

function isTranscriptEntry(value: unknown): value is TranscriptEntry {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    (value.role === 'user' || value.role === 'assistant') &&
    typeof value.text === 'string' &&
    (value.status === undefined || STATUSES.includes(value.status as string))
  );
}

/** Runtime guard for messages arriving from the host. */
export function isHostToWebview(value: unknown): value is HostToWebview {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'init':
      return (
        typeof value.hasKey === 'boolean' &&
        typeof value.model === 'string' &&
        Array.isArray(value.transcript) &&
        value.transcript.every(isTranscriptEntry)
      );
    case 'keyStatus':
      return typeof value.hasKey === 'boolean';
    case 'userMessage':
    case 'replyDelta':
      return typeof value.id === 'string' && typeof value.text === 'string';
    case 'replyStart':
      return typeof value.id === 'string' && typeof value.model === 'string';
    case 'replyEnd':
      return typeof value.id === 'string' && STATUSES.includes(value.status as string);
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
