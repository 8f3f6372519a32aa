/**
 * Rejects a `POST /v1/messages` body the way the real API does, so that a request the extension
 * builds wrongly fails in tests with the same 400 `invalid_request_error` it would get in production.
 * Returns the error message, or undefined when the request is valid.
 */
import { checkText, isObj, type Obj } from './validateBlocks';
import { checkContext, type ContextInputs } from './validateContext';
import { checkMessages } from './validateMessages';
import { checkToolChoice, checkTools } from './validateTools';

const MAX_BREAKPOINTS = 4;

/** `context` (the beta header, the model, the compactions issued) turns on the context-management checks. */
export function validateMessagesRequest(body: unknown, issuedSignatures: ReadonlySet<string>, context?: ContextInputs): string | undefined {
  if (!isObj(body)) return 'body: Input should be a valid dictionary';
  return (
    checkRequired(body) ??
    checkSystem(body.system) ??
    checkThinking(body) ??
    checkTools(body.tools) ??
    checkToolChoice(body.tool_choice, thinkingOn(body)) ??
    checkMessages(body.messages as unknown[], issuedSignatures) ??
    checkToolBlocksNeedTools(body) ??
    (context && checkContext(body, context)) ??
    checkBreakpoints(body)
  );
}

function checkRequired(body: Obj): string | undefined {
  if (body.model === undefined) return 'model: Field required';
  if (typeof body.model !== 'string') return 'model: Input should be a valid string';
  if (body.model === '') return 'model: String should have at least 1 character';
  const maxTokens = body.max_tokens;
  if (maxTokens === undefined) return 'max_tokens: Field required';
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens)) return 'max_tokens: Input should be a valid integer';
  if (maxTokens < 1) return 'max_tokens: Input should be greater than or equal to 1';
  if (body.messages === undefined) return 'messages: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Input should be a valid list';
  if (body.messages.length === 0) return 'messages: List should have at least 1 item after validation, not 0';
  return undefined;
}

function checkSystem(system: unknown): string | undefined {
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return 'system: Input should be a valid string';
  for (const [i, block] of system.entries()) {
    if (!isObj(block) || block.type !== 'text') return `system.${i}.type: Input should be 'text'`;
    const error = checkText(block, 'system', `system.${i}`);
    if (error) return error;
  }
  return undefined;
}

const thinkingOn = (body: Obj): boolean => isObj(body.thinking) && (body.thinking.type === 'enabled' || body.thinking.type === 'adaptive');

function checkThinking(body: Obj): string | undefined {
  const thinking = body.thinking;
  if (thinking === undefined) return undefined;
  if (!isObj(thinking)) return 'thinking: Input should be a valid dictionary';
  switch (thinking.type) {
    case 'adaptive':
    case 'disabled':
      return undefined;
    case 'enabled': {
      const budget = thinking.budget_tokens;
      if (typeof budget !== 'number' || !Number.isInteger(budget)) return 'thinking.enabled.budget_tokens: Field required';
      if (budget < 1024) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
      return budget < (body.max_tokens as number) ? undefined : '`max_tokens` must be greater than `thinking.budget_tokens`';
    }
    default:
      return `thinking: Input tag '${String(thinking.type)}' found using 'type' does not match any of the expected tags: 'adaptive', 'disabled', 'enabled'`;
  }
}

// Breakpoints count wherever they sit: tools, system blocks, message blocks, tool_result content.
function checkBreakpoints(body: Obj): string | undefined {
  const found = countBreakpoints(body);
  return found > MAX_BREAKPOINTS ? `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${found}.` : undefined;
}

function countBreakpoints(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + countBreakpoints(item), 0);
  if (!isObj(value)) return 0;
  return Object.entries(value).reduce((n, [key, v]) => {
    if (key === 'input' || key === 'input_schema') return n; // a tool's own data, not request structure
    return n + (key === 'cache_control' ? (v == null ? 0 : 1) : countBreakpoints(v));
  }, 0);
}

/** The API refuses tool_use / tool_result blocks in a request that defines no tools. */
function checkToolBlocksNeedTools(body: Obj): string | undefined {
  if (Array.isArray(body.tools) && body.tools.length) return undefined;
  const used = (body.messages as unknown[]).some((m) => isObj(m) && Array.isArray(m.content) && m.content.some((b) => isObj(b) && (b.type === 'tool_use' || b.type === 'tool_result')));
  return used ? 'Requests which include `tool_use` or `tool_result` blocks must define tools.' : undefined;
}
