/**
 * The conversation as stored: user turns (what the person wrote, with attachments) and assistant
 * replies. A reply is one or more rounds: one API request's content blocks, kept exactly as they
 * arrived, and the tool results that answered them. A reply is what a person sees as one answer
 * and what "Revert changes" undoes; rounds keep every tool_use next to its tool_result.
 */
import * as l10n from '@vscode/l10n';
import type * as v from 'valibot';
import type { ContentBlock, Usage } from '../api/wire';
import type { AssistantTurnSchema, ClientSummarySchema, ConversationSchema, KeepFromSchema, ConversationSummarySchema, EditorContextSchema, RoundSchema, ToolViewSchema, UserTurnSchema } from './storedConversation';
export { STORAGE_VERSION, type TurnStatus } from './storedConversation';

export type UserTurn = v.InferOutput<typeof UserTurnSchema>;
export type EditorContext = v.InferOutput<typeof EditorContextSchema>;
/** What the chat showed for one tool_use: a line of activity, or a review card. */
export type ToolView = v.InferOutput<typeof ToolViewSchema>;
/** One request of a reply: the assistant's blocks and, when it used tools, their results. */
export type Round = v.InferOutput<typeof RoundSchema>;
export type AssistantTurn = v.InferOutput<typeof AssistantTurnSchema>;
/** The extension's summary of the conversation up to a round, and where the messages it did not replace begin. */
export type ClientSummary = v.InferOutput<typeof ClientSummarySchema>;
export type KeepFrom = v.InferOutput<typeof KeepFromSchema>;
export type Turn = UserTurn | AssistantTurn;
export type Conversation = v.InferOutput<typeof ConversationSchema>;

export type ConversationSummary = v.InferOutput<typeof ConversationSummarySchema>;

export function newConversationId(now = Date.now()): string {
  return `c${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** A title from the first user message: its first line, at most 60 characters. */
export function titleFor(turns: readonly Turn[]): string {
  const first = turns.find((t): t is UserTurn => t.role === 'user');
  const line = first?.text.trim().split('\n')[0]?.trim() ?? '';
  if (!line) return l10n.t({ message: 'New chat', comment: ['The title of a chat with no message yet'] });
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

/** Data of the user turns' images and documents, by hash. */
export function imagesOf(turns: readonly Turn[]): Map<string, { data: string; mediaType: string }> {
  const out = new Map<string, { data: string; mediaType: string }>();
  for (const turn of turns) {
    if (turn.role !== 'user') continue;
    for (const a of turn.attachments ?? []) if (a.kind !== 'selection' && a.data) out.set(a.sha256, { data: a.data, mediaType: a.mediaType });
  }
  return out;
}
