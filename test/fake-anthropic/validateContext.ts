/**
 * Checks of `context_management` and of the `compaction` blocks a request sends back, in the real
 * API's wording: known strategies only, each behind its beta header and supported by the model, and
 * a compaction block exactly as the server issued it.
 */
import { COMPACT_BETA } from './compaction';
import type { FakeModel } from './models';
import { isObj, type Obj } from './validateBlocks';

const CONTEXT_BETA = 'context-management-2025-06-27';

/** The beta each strategy needs. */
const STRATEGIES: ReadonlyMap<string, string> = new Map([
  ['clear_tool_uses_20250919', CONTEXT_BETA],
  ['clear_thinking_20251015', CONTEXT_BETA],
  ['compact_20260112', COMPACT_BETA],
]);

type Strategy = keyof NonNullable<FakeModel['capabilities']>['context_management'];

/** What the context checks need besides the body. */
export interface ContextInputs {
  /** The `anthropic-beta` header's values. */
  readonly betas: readonly string[];
  /** The requested model as the fake lists it; undefined for a model it does not know. */
  readonly model?: FakeModel;
  /** Every compaction handed out: encrypted content → summary. */
  readonly compactions: ReadonlyMap<string, string>;
}

/** The values of an `anthropic-beta` header (the SDK joins `betas` with commas). */
export const betasOf = (header: string | undefined): string[] => (header ?? '').split(',').map((b) => b.trim()).filter(Boolean);

/** The 400 message for the request's context management or compaction blocks, or undefined when they are valid. */
export function checkContext(body: Obj, inputs: ContextInputs): string | undefined {
  return checkEdits(body.context_management, inputs) ?? checkCompactionBlocks(body.messages as unknown[], inputs);
}

function checkEdits(config: unknown, inputs: ContextInputs): string | undefined {
  if (config == null) return undefined;
  if (!isObj(config)) return 'context_management: Input should be a valid dictionary';
  if (config.edits == null) return undefined;
  if (!Array.isArray(config.edits)) return 'context_management.edits: Input should be a valid list';
  for (const [i, edit] of config.edits.entries()) {
    const path = `context_management.edits.${i}`;
    if (!isObj(edit)) return `${path}: Input should be a valid dictionary`;
    const type = String(edit.type);
    const beta = STRATEGIES.get(type);
    if (!beta) {
      const tags = [...STRATEGIES.keys()].map((t) => `'${t}'`).join(', ');
      return `${path}.type: Input tag '${type}' found using 'type' does not match any of the expected tags: ${tags}`;
    }
    if (!inputs.betas.includes(beta)) return `${path}: the '${type}' strategy requires the beta header \`anthropic-beta: ${beta}\``;
    const support = inputs.model?.capabilities?.context_management;
    if (support && !support[type as Strategy]?.supported) return `${path}: the model '${inputs.model?.id}' does not support the '${type}' strategy`;
    const error = checkTrigger(edit.trigger, `${path}.${type}.trigger`, type === 'clear_tool_uses_20250919');
    if (error) return error;
  }
  return undefined;
}

function checkTrigger(trigger: unknown, path: string, toolUsesToo: boolean): string | undefined {
  if (trigger == null) return undefined;
  if (!isObj(trigger)) return `${path}: Input should be a valid dictionary`;
  const tags = toolUsesToo ? ['input_tokens', 'tool_uses'] : ['input_tokens'];
  if (!tags.includes(String(trigger.type))) {
    return `${path}: Input tag '${String(trigger.type)}' found using 'type' does not match any of the expected tags: ${tags.map((t) => `'${t}'`).join(', ')}`;
  }
  const value = trigger.value;
  if (typeof value !== 'number' || !Number.isInteger(value)) return `${path}.${String(trigger.type)}.value: Input should be a valid integer`;
  return value < 1 ? `${path}.${String(trigger.type)}.value: Input should be greater than or equal to 1` : undefined;
}

// The API verifies a compaction block cryptographically; the fake compares it with what it issued.
function checkCompactionBlocks(messages: readonly unknown[], inputs: ContextInputs): string | undefined {
  for (const [n, message] of messages.entries()) {
    if (!isObj(message) || !Array.isArray(message.content)) continue;
    for (const [m, block] of message.content.entries()) {
      if (!isObj(block) || block.type !== 'compaction') continue;
      const path = `messages.${n}.content.${m}`;
      if (message.role !== 'assistant') return `${path}: \`compaction\` blocks are only allowed in \`assistant\` messages`;
      if (!inputs.betas.includes(COMPACT_BETA)) return `${path}: \`compaction\` blocks require the beta header \`anthropic-beta: ${COMPACT_BETA}\``;
      const content = block.content;
      if (content == null) continue; // a failed compaction, sent back: a no-op
      if (typeof content !== 'string') return `${path}.compaction.content: Input should be a valid string`;
      if (content === '') return `${path}.compaction.content: String should have at least 1 character`;
      if (inputs.compactions.get(String(block.encrypted_content)) !== content) return `${path}: Invalid compaction block`;
    }
  }
  return undefined;
}
