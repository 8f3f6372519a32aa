/**
 * Checks of single content blocks (text, image, document, tool_use, tool_result, thinking), with
 * error messages in the real API's wording and paths (`messages.N.content.M`).
 */
import { isObj, nonEmptyString, type Obj } from './json';
import { checkDocument, checkImage } from './validateSources';

export { checkImage, isObj, nonEmptyString, type Obj };

/** `where` is the top-level field the API names in this error ("messages" or "system"), not the block's path. */
export function checkText(block: Obj, where: 'messages' | 'system', path: string): string | undefined {
  if (typeof block.text !== 'string') return `${path}.text.text: Field required`;
  if (block.text === '') return `${where}: text content blocks must be non-empty`;
  if (block.text.trim() === '') return `${where}: text content blocks must contain non-whitespace text`;
  return undefined;
}

/** One block of a message's content array; `issued` holds the signatures the fake server streamed. */
export function checkBlock(block: unknown, role: 'user' | 'assistant', path: string, issued: ReadonlySet<string>): string | undefined {
  if (!isObj(block)) return `${path}: Input should be a valid dictionary`;
  const onlyIn = (allowed: 'user' | 'assistant') =>
    role === allowed ? undefined : `${path}: \`${String(block.type)}\` blocks are only allowed in \`${allowed}\` messages`;
  switch (block.type) {
    case undefined:
      return `${path}.type: Field required`;
    case 'text':
      return checkText(block, 'messages', path);
    case 'image':
      return checkImage(block, path);
    case 'document':
      return onlyIn('user') ?? checkDocument(block, path);
    case 'tool_use':
      return onlyIn('assistant') ?? checkToolUse(block, path);
    case 'tool_result':
      return onlyIn('user') ?? checkToolResult(block, path);
    case 'thinking':
      return onlyIn('assistant') ?? checkThinking(block, path, issued);
    case 'redacted_thinking':
      return onlyIn('assistant') ?? (nonEmptyString(block.data) ? undefined : `${path}.redacted_thinking.data: Field required`);
    default:
      // Server-tool and other block types are not modelled by the fake.
      return undefined;
  }
}

function checkToolUse(block: Obj, path: string): string | undefined {
  if (!nonEmptyString(block.id)) return `${path}.tool_use.id: Field required`;
  if (!nonEmptyString(block.name)) return `${path}.tool_use.name: Field required`;
  return isObj(block.input) ? undefined : `${path}.tool_use.input: Input should be a valid dictionary`;
}

function checkToolResult(block: Obj, path: string): string | undefined {
  if (!nonEmptyString(block.tool_use_id)) return `${path}.tool_result.tool_use_id: Field required`;
  if (block.is_error !== undefined && typeof block.is_error !== 'boolean') return `${path}.tool_result.is_error: Input should be a valid boolean`;
  const content = block.content;
  if (content === undefined || typeof content === 'string') return undefined;
  if (!Array.isArray(content)) return `${path}.tool_result.content: Input should be a valid list`;
  for (const [i, item] of content.entries()) {
    const itemPath = `${path}.tool_result.content.${i}`;
    if (!isObj(item)) return `${itemPath}: Input should be a valid dictionary`;
    const error =
      item.type === 'text' ? checkText(item, 'messages', itemPath) : item.type === 'image' ? checkImage(item, itemPath) : item.type === 'document' ? checkDocument(item, itemPath) : undefined;
    if (error) return error;
  }
  return undefined;
}

// The API verifies signatures cryptographically; the fake can only tell a signature it streamed
// from one that was cut short (a prefix of it) or never arrived (missing or empty).
function checkThinking(block: Obj, path: string, issued: ReadonlySet<string>): string | undefined {
  if (typeof block.thinking !== 'string') return `${path}.thinking.thinking: Field required`;
  const signature = block.signature;
  const truncated = typeof signature === 'string' && [...issued].some((s) => s.length > signature.length && s.startsWith(signature));
  return !nonEmptyString(signature) || truncated ? `${path}: Invalid \`signature\` in \`thinking\` block` : undefined;
}
