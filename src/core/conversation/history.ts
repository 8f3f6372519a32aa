/**
 * The conversation as API messages. The API is stateless and strict: every request carries the
 * whole history, and it must be valid however the reply before it ended (Stop, a dropped
 * connection, a reload during review). So what goes back is only what the API accepts:
 * - thinking blocks only when complete and signed (a cut-off one has an empty signature);
 * - no empty text blocks, and no assistant message without text or tool use;
 * - every tool_use answered by a tool_result in the next user message (a stopped round's
 *   unanswered ones are answered "stopped by the user"), and no tool_result without its tool_use;
 * - consecutive messages of one role merged (tool results first, then the next prompt).
 */
import { userContent } from '../context/attachments';
import type { ContentBlock, MessageParam, RequestBlock, ToolResultBlock, ToolUseBlock } from '../api/wire';
import type { AssistantTurn, Round, Turn } from './turns';

export const STOPPED_RESULT = 'Not run: the reply ended before this tool ran (stopped by the user, or interrupted).'; // not localized: sent to Claude

/** True for a block the API accepts back in an assistant message. */
export function isSendable(block: ContentBlock): boolean {
  switch (block.type) {
    case 'text':
      return block.text.trim().length > 0; // the API refuses empty and whitespace-only text blocks
    case 'thinking':
      return block.signature.length > 0;
    case 'redacted_thinking':
      return block.data.length > 0;
    case 'tool_use':
      return block.id.length > 0;
    case 'compaction':
      return true; // as received, even with null content (the API treats that as a no-op)
  }
}

function roundMessages(round: Round): MessageParam[] {
  const content = round.content.filter(isSendable);
  if (!content.some((b) => b.type === 'text' || b.type === 'tool_use' || b.type === 'compaction')) return [];
  const uses = content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
  const out: MessageParam[] = [{ role: 'assistant', content }];
  if (uses.length) {
    const results: ToolResultBlock[] = uses.map(
      (use) => round.results?.find((r) => r.tool_use_id === use.id) ?? { type: 'tool_result', tool_use_id: use.id, content: STOPPED_RESULT, is_error: true },
    );
    out.push({ role: 'user', content: results });
  }
  return out;
}

/** The API messages of one reply (the rounds so far of a reply in progress included). */
export function replyMessages(turn: Pick<AssistantTurn, 'rounds'>): MessageParam[] {
  return turn.rounds.flatMap(roundMessages);
}

const asBlocks = (content: MessageParam['content']): readonly RequestBlock[] => (typeof content === 'string' ? [{ type: 'text', text: content }] : content);

/** Joins consecutive messages of the same role into one (the API would merge them too). */
export function mergeRoles(messages: readonly MessageParam[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const message of messages) {
    const last = out.at(-1);
    if (last && last.role === message.role) out[out.length - 1] = { role: last.role, content: [...asBlocks(last.content), ...asBlocks(message.content)] };
    else out.push(message);
  }
  return out;
}

/** The conversation as the API will accept it. */
export function toApiMessages(turns: readonly Turn[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const turn of turns) {
    if (turn.role === 'user') {
      const hasContext = turn.attachments?.length || turn.editor;
      if (turn.text.trim() || hasContext) out.push({ role: 'user', content: hasContext ? userContent(turn.text, turn.attachments ?? [], turn.editor) : turn.text });
    } else out.push(...replyMessages(turn));
  }
  return mergeRoles(out);
}

/** The turns without any thinking blocks (healing a conversation the API refuses for a thinking signature); undefined when there were none. */
export function withoutThinking(turns: readonly Turn[]): Turn[] | undefined {
  const isThinking = (b: ContentBlock) => b.type === 'thinking' || b.type === 'redacted_thinking';
  if (!turns.some((t) => t.role === 'assistant' && t.rounds.some((r) => r.content.some(isThinking)))) return undefined;
  return turns.map((turn) =>
    turn.role === 'user' ? turn : { ...turn, rounds: turn.rounds.map((r) => ({ ...r, content: r.content.filter((b) => !isThinking(b)) })) },
  );
}

const isToolBlock = (b: RequestBlock) => b.type === 'tool_use' || b.type === 'tool_result';

function toolBlockText(block: ToolUseBlock | ToolResultBlock): string {
  if (block.type === 'tool_use') {
    const input = block.input as Record<string, unknown>;
    return `[Used ${block.name}: ${String(input.command ?? '')} ${String(input.path ?? '')}]`;
  }
  const text = typeof block.content === 'string' ? block.content : block.content.map((b) => b.text).join('\n');
  return `[Tool result${block.is_error ? ' (error)' : ''}: ${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}]`; // not localized: sent to Claude
}

/** Earlier tool use as text, for a request that declares no tools (tools turned off, Restricted Mode). */
export function flattenToolBlocks(messages: readonly MessageParam[]): MessageParam[] {
  return messages.map((m) =>
    typeof m.content === 'string' || !m.content.some(isToolBlock)
      ? m
      : { role: m.role, content: m.content.map((b) => (b.type === 'tool_use' || b.type === 'tool_result' ? { type: 'text' as const, text: toolBlockText(b) } : b)) },
  );
}
