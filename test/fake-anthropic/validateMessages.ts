/**
 * Checks of the `messages` array: roles, non-empty content, each block, and the pairing of every
 * `tool_use` with a `tool_result` in the message right after it.
 */
import { checkBlock, isObj, type Obj } from './validateBlocks';

export function checkMessages(messages: readonly unknown[], issued: ReadonlySet<string>): string | undefined {
  for (const [n, message] of messages.entries()) {
    const error = checkMessage(message, n, n === messages.length - 1, issued);
    if (error) return error;
  }
  return checkToolPairs(messages as readonly Obj[]);
}

function checkMessage(message: unknown, n: number, last: boolean, issued: ReadonlySet<string>): string | undefined {
  const path = `messages.${n}`;
  if (!isObj(message)) return `${path}: Input should be a valid dictionary`;
  const role = message.role;
  if (role !== 'user' && role !== 'assistant') return `${path}.role: Input should be 'user' or 'assistant'`;
  if (n === 0 && role !== 'user') return 'messages: first message must use the "user" role';
  // The API lets the final assistant turn (a prefill) be empty, and no other message.
  const mayBeEmpty = last && role === 'assistant';
  const empty = `${path}: all messages must have non-empty content except for the optional final assistant message`;
  const content = message.content;
  if (typeof content === 'string') {
    if (content === '') return mayBeEmpty ? undefined : empty;
    return content.trim() === '' && !mayBeEmpty ? 'messages: text content blocks must contain non-whitespace text' : undefined;
  }
  if (!Array.isArray(content)) return `${path}.content: Field required`;
  if (content.length === 0) return mayBeEmpty ? undefined : empty;
  for (const [m, block] of content.entries()) {
    const error = checkBlock(block, role, `${path}.content.${m}`, issued);
    if (error) return error;
  }
  return undefined;
}

const blocksOf = (message: Obj | undefined): readonly Obj[] => (message && Array.isArray(message.content) ? (message.content as Obj[]) : []);

const toolUseIds = (message: Obj | undefined): string[] =>
  message?.role === 'assistant' ? blocksOf(message).flatMap((b) => (b.type === 'tool_use' ? [String(b.id)] : [])) : [];

// Consecutive messages of one role are merged by the API; the fake only looks at
// the message immediately after an assistant turn.
function checkToolPairs(messages: readonly Obj[]): string | undefined {
  for (const [n, message] of messages.entries()) {
    if (message.role === 'assistant') {
      const next = messages[n + 1];
      const answered = new Set(next?.role === 'user' ? blocksOf(next).flatMap((b) => (b.type === 'tool_result' ? [String(b.tool_use_id)] : [])) : []);
      const missing = toolUseIds(message).filter((id) => !answered.has(id));
      if (missing.length) {
        return (
          `messages.${n}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` +
          'Each `tool_use` block must have a corresponding `tool_result` block in the next message.'
        );
      }
      continue;
    }
    const expected = toolUseIds(messages[n - 1]);
    let sawOther = false;
    for (const [m, block] of blocksOf(message).entries()) {
      if (block.type !== 'tool_result') {
        sawOther = true;
        continue;
      }
      if (!expected.includes(String(block.tool_use_id))) {
        return (
          `messages.${n}.content.${m}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. ` +
          'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.'
        );
      }
      if (sawOther) {
        return (
          `messages.${n}: Did not find ${expected.length} \`tool_result\` block(s) at the beginning of this message. ` +
          'Messages following `tool_use` blocks must begin with a matching number of `tool_result` blocks.'
        );
      }
    }
  }
  return undefined;
}
