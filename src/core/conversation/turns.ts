/**
 * The conversation as stored: user turns (what the person wrote, with attachments) and assistant
 * replies. A reply is one or more rounds: one API request's content blocks, kept exactly as they
 * arrived, and the tool results that answered them. A reply is what a person sees as one answer
 * and what "Revert changes" undoes; rounds keep every tool_use next to its tool_result.
 */
import type { Attachment } from '../context/attachments';
import type { EditCardView, ReplyAction } from '../protocol/protocol';
import type { ContentBlock, ToolResultBlock, Usage } from '../api/wire';

/** `streaming` only ever appears in a saved file when the window closed mid-reply; loading turns it into `interrupted`. */
export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export interface UserTurn {
  readonly id: string;
  readonly role: 'user';
  readonly text: string;
  readonly attachments?: readonly Attachment[];
  /** The editor that was active when the message was sent (volatile context: it lives in the turn, not the system prompt). */
  readonly editor?: EditorContext;
}

export interface EditorContext {
  readonly path: string;
  readonly language: string;
}

/** What the chat showed for one tool_use: a line of activity, or a review card. */
export type ToolView =
  | { readonly kind: 'tool'; readonly text: string; readonly isError: boolean }
  | { readonly kind: 'edit'; readonly card: EditCardView };

/** One request of a reply: the assistant's blocks and, when it used tools, their results. */
export interface Round {
  /** Blocks as they arrived. A thinking block cut off before its end has an empty signature and is never sent back. */
  readonly content: readonly ContentBlock[];
  readonly results?: readonly ToolResultBlock[];
  readonly tools?: readonly ToolView[];
  readonly usage?: Usage;
}

export interface AssistantTurn {
  readonly id: string;
  readonly role: 'assistant';
  readonly rounds: readonly Round[];
  readonly status: TurnStatus;
  readonly model: string;
  /** A lasting note: cut off, refused, too long for the model, stopped at the step limit, reverted. */
  readonly note?: string;
  /** Continue / New chat offers (Revert changes is derived from `changed`). */
  readonly actions?: readonly ReplyAction[];
  /** Files the reply changed (relative paths), for Revert changes. */
  readonly changed?: readonly string[];
  readonly reverted?: boolean;
}

export type Turn = UserTurn | AssistantTurn;

export const STORAGE_VERSION = 2;

export interface Conversation {
  readonly version: typeof STORAGE_VERSION;
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly turns: readonly Turn[];
}

export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
  readonly turns: number;
}

export function newConversationId(now = Date.now()): string {
  return `c${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** A title from the first user message: its first line, at most 60 characters. */
export function titleFor(turns: readonly Turn[]): string {
  const first = turns.find((t): t is UserTurn => t.role === 'user');
  const line = first?.text.trim().split('\n')[0]?.trim() ?? '';
  if (!line) return 'New chat';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** Every content block of a reply, in order. */
export function blocksOf(turn: AssistantTurn): ContentBlock[] {
  return turn.rounds.flatMap((r) => r.content);
}

export function textOf(content: readonly ContentBlock[]): string {
  let out = '';
  for (const block of content) if (block.type === 'text') out += block.text;
  return out;
}

export function thinkingOf(content: readonly ContentBlock[]): string {
  let out = '';
  for (const block of content) if (block.type === 'thinking') out += block.thinking;
  return out;
}

/** Token usage of a reply: the sum over its rounds (what it cost). */
export function usageOf(turn: AssistantTurn): Usage | undefined {
  const used = turn.rounds.flatMap((r) => (r.usage ? [r.usage] : []));
  if (!used.length) return undefined;
  const sum = (k: 'cache_creation_input_tokens' | 'cache_read_input_tokens') => used.reduce((n, u) => n + (u[k] ?? 0), 0);
  return {
    input_tokens: used.reduce((n, u) => n + u.input_tokens, 0),
    output_tokens: used.reduce((n, u) => n + u.output_tokens, 0),
    cache_creation_input_tokens: sum('cache_creation_input_tokens'),
    cache_read_input_tokens: sum('cache_read_input_tokens'),
  };
}

/** Image data of the user turns' attachments, by hash. */
export function imagesOf(turns: readonly Turn[]): Map<string, { data: string; mediaType: string }> {
  const out = new Map<string, { data: string; mediaType: string }>();
  for (const turn of turns) {
    if (turn.role !== 'user') continue;
    for (const a of turn.attachments ?? []) if (a.kind === 'image' && a.data) out.set(a.sha256, { data: a.data, mediaType: a.mediaType });
  }
  return out;
}
