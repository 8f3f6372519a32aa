/**
 * The typed protocol between the extension host and the chat webview. Every message has a
 * `type`; incoming messages pass the runtime guards below before anything acts on them.
 */
import type { AttachmentView } from '../context/attachments';
import type { UsageSummary } from '../models/usage';

/** Actions an error message can offer; each is a button in the webview. */
export type ErrorAction = 'setApiKey' | 'retry' | 'pickModel';

/** Actions a finished reply can offer: Continue (cut off at the token limit), New chat (too long for the model), Revert changes, Try again (a quick fix whose problem is still reported). */
export type ReplyAction = 'continue' | 'newChat' | 'revert' | 'tryAgain';

/** Where a proposed edit stands. `pending` waits for Accept or Reject. */
export type EditState = 'pending' | 'applied' | 'rejected' | 'notApplied';

/** One line of a proposed edit's diff: context (' '), added ('+') or removed ('-'). */
export interface DiffLine {
  readonly kind: ' ' | '+' | '-';
  readonly text: string;
}

/** A proposed edit (or, with command `view`, a read that waits for permission) as the review card shows it. */
export interface EditCardView {
  /** The tool_use id. */
  readonly id: string;
  readonly command: 'str_replace' | 'insert' | 'create' | 'view';
  /** Relative to the workspace. */
  readonly path: string;
  readonly added: number;
  readonly removed: number;
  /** The changed lines with a little context, capped (the diff editor shows everything). */
  readonly lines: readonly DiffLine[];
  /** Lines left out of `lines`. */
  readonly omitted: number;
  readonly state: EditState;
  /** Why it was not applied, or what happened. */
  readonly note?: string;
}

/** A piece of a reply, in order: streamed text and thinking, tool activity, review cards. */
export type ReplyPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'thinking'; readonly text: string }
  | { readonly kind: 'tool'; readonly text: string; readonly isError: boolean }
  | { readonly kind: 'edit'; readonly card: EditCardView };

/** Whether Claude may use the editor tool in this window, and why not. */
export interface ToolsStatus {
  readonly enabled: boolean;
  readonly reason?: string;
}

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
  /** An assistant reply's pieces in order (text, thinking, tools, edit cards). */
  readonly parts?: readonly ReplyPart[];
  /** A lasting note on a finished reply (cut off, refused, too long, stopped at the step limit). */
  readonly note?: string;
  readonly actions?: readonly ReplyAction[];
  /** The model that wrote a reply, by its friendly name. */
  readonly model?: string;
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

  /** Accept or Reject on a review card. */
  | { readonly type: 'editDecision'; readonly cardId: string; readonly accept: boolean }
  | { readonly type: 'showDiff'; readonly cardId: string }
  /** Continue a reply cut off at the token limit. */
  | { readonly type: 'continue' }
  /** Revert changes: restore the files a reply changed. */
  | { readonly type: 'revert'; readonly id: string }
  /** Try again on a quick fix whose problem is still reported. */
  | { readonly type: 'tryAgain'; readonly id: string }
  /** Edit and resend: the last user message again with new text, replacing it and its reply. */
  | { readonly type: 'editLast'; readonly text: string }
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
      readonly tools: ToolsStatus;
    }
  | { readonly type: 'toolsStatus'; readonly status: ToolsStatus }
  /** A line of tool activity in a reply ("Read src/a.ts", or a refusal). */
  | { readonly type: 'toolNote'; readonly id: string; readonly text: string; readonly isError: boolean }
  /** A review card in a reply. */
  | { readonly type: 'editCard'; readonly id: string; readonly card: EditCardView }
  /** A card's decision or outcome. */
  | { readonly type: 'editState'; readonly cardId: string; readonly state: EditState; readonly note?: string }
  /** The actions of a finished reply changed (Revert changes done). */
  | { readonly type: 'replyActions'; readonly id: string; readonly actions: readonly ReplyAction[]; readonly note?: string }
  | { readonly type: 'attachments'; readonly items: readonly AttachmentView[] }
  /** A file picked with "Attach image", for the webview to size and encode. */
  | { readonly type: 'imageFile'; readonly name: string; readonly mediaType: string; readonly data: string }
  | { readonly type: 'instructions'; readonly files: readonly string[] }
  /** Restricted Mode: settings this workspace sets that are ignored until the folder is trusted (empty: none). */
  | { readonly type: 'ignoredSettings'; readonly keys: readonly string[] }
  | { readonly type: 'keyStatus'; readonly hasKey: boolean }
  | { readonly type: 'models'; readonly models: readonly ModelOption[]; readonly selected: string }
  | { readonly type: 'userMessage'; readonly id: string; readonly text: string; readonly attachments?: readonly string[] }
  | { readonly type: 'replyStart'; readonly id: string; readonly model: string }
  | { readonly type: 'replyDelta'; readonly id: string; readonly text: string }
  | { readonly type: 'thinkingDelta'; readonly id: string; readonly text: string }
  /** An automatic retry starts the current request's part of the reply over (text and thinking after the last tool part). */
  | { readonly type: 'replyReset'; readonly id: string }
  /** A transient note on a reply (a retry countdown); empty text clears it. */
  | { readonly type: 'replyStatus'; readonly id: string; readonly text: string }
  | {
      readonly type: 'replyEnd';
      readonly id: string;
      readonly status: ReplyStatus;
      readonly usage?: UsageSummary;
      readonly note?: string;
      readonly actions?: readonly ReplyAction[];
    }
  | { readonly type: 'usage'; readonly usage: ConversationUsage }
  | { readonly type: 'removeMessage'; readonly id: string }
  /** A failure. With `replyId`, it belongs to that reply and shows there. */
  | { readonly type: 'error'; readonly message: string; readonly actions: readonly ErrorAction[]; readonly replyId?: string }
  /** Put keyboard focus in the message box (after Add Selection to Chat or Explain Selection). */
  | { readonly type: 'focusComposer' }
  | { readonly type: 'restoreComposer'; readonly text: string }
  | { readonly type: 'cleared' };

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

export { isHostToWebview, isWebviewToHost } from './protocolGuards';
