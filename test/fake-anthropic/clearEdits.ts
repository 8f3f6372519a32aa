/**
 * The clearing edits of `context_management`: `clear_tool_uses_20250919` empties the results (and,
 * when asked, the inputs) of the oldest tool uses once the prompt reaches its trigger;
 * `clear_thinking_20251015` drops the thinking blocks of older assistant turns. Each returns the
 * view the model then sees and the `applied_edits` entry the API reports, or undefined when it did
 * not apply.
 */
import { viewTokens, type ModelView } from './contextWindow';
import { isObj, type Obj } from './validateBlocks';

/** One entry of `context_management.applied_edits`. */
export type AppliedEdit =
  | { readonly type: 'clear_tool_uses_20250919'; readonly cleared_tool_uses: number; readonly cleared_input_tokens: number }
  | { readonly type: 'clear_thinking_20251015'; readonly cleared_thinking_turns: number; readonly cleared_input_tokens: number };

/** What a clearing edit did to the request. */
export interface Cleared {
  readonly view: ModelView;
  readonly applied: AppliedEdit;
}

const DEFAULT_TOOL_TRIGGER = { type: 'input_tokens', value: 100_000 };
const DEFAULT_KEEP_TOOL_USES = 3;
const DEFAULT_KEEP_THINKING_TURNS = 1;

const valueOf = (setting: unknown, fallback: number): number => (isObj(setting) && typeof setting.value === 'number' ? setting.value : fallback);
const blocksOf = (message: Obj): readonly Obj[] => (Array.isArray(message.content) ? message.content.filter(isObj) : []);

/** Applies a `clear_tool_uses_20250919` edit to `view`. */
export function clearToolUses(view: ModelView, edit: Obj): Cleared | undefined {
  const before = viewTokens(view);
  const uses = view.messages.flatMap((m) => (m.role === 'assistant' ? blocksOf(m).filter((b) => b.type === 'tool_use') : []));
  const trigger = isObj(edit.trigger) ? edit.trigger : DEFAULT_TOOL_TRIGGER;
  const reached = trigger.type === 'tool_uses' ? uses.length >= valueOf(trigger, 0) : before >= valueOf(trigger, DEFAULT_TOOL_TRIGGER.value);
  if (!reached) return undefined;
  const excluded = new Set(Array.isArray(edit.exclude_tools) ? edit.exclude_tools : []);
  const clearable = uses.filter((use) => !excluded.has(use.name));
  const cleared = clearable.slice(0, Math.max(0, clearable.length - valueOf(edit.keep, DEFAULT_KEEP_TOOL_USES)));
  if (!cleared.length) return undefined;
  const ids = new Set(cleared.map((use) => String(use.id)));
  const inputsToo = (name: unknown) => edit.clear_tool_inputs === true || (Array.isArray(edit.clear_tool_inputs) && edit.clear_tool_inputs.includes(name));
  const clearBlock = (block: unknown): unknown => {
    if (!isObj(block)) return block;
    if (block.type === 'tool_result' && ids.has(String(block.tool_use_id))) {
      const { content: _content, ...rest } = block;
      return rest;
    }
    return block.type === 'tool_use' && ids.has(String(block.id)) && inputsToo(block.name) ? { ...block, input: {} } : block;
  };
  const next = { ...view, messages: view.messages.map((m) => (Array.isArray(m.content) ? { ...m, content: m.content.map(clearBlock) } : m)) };
  const tokens = before - viewTokens(next);
  if (tokens < valueOf(edit.clear_at_least, 0)) return undefined;
  return { view: next, applied: { type: 'clear_tool_uses_20250919', cleared_tool_uses: cleared.length, cleared_input_tokens: tokens } };
}

/** Applies a `clear_thinking_20251015` edit to `view`. */
export function clearThinking(view: ModelView, edit: Obj): Cleared | undefined {
  if (edit.keep === 'all' || (isObj(edit.keep) && edit.keep.type === 'all')) return undefined;
  const isThinking = (b: unknown) => isObj(b) && (b.type === 'thinking' || b.type === 'redacted_thinking');
  const turns = view.messages.filter((m) => m.role === 'assistant' && blocksOf(m).some(isThinking));
  const older = new Set(turns.slice(0, Math.max(0, turns.length - valueOf(edit.keep, DEFAULT_KEEP_THINKING_TURNS))));
  if (!older.size) return undefined;
  const next = { ...view, messages: view.messages.map((m) => (older.has(m) ? { ...m, content: blocksOf(m).filter((b) => !isThinking(b)) } : m)) };
  const tokens = viewTokens(view) - viewTokens(next);
  return { view: next, applied: { type: 'clear_thinking_20251015', cleared_thinking_turns: older.size, cleared_input_tokens: tokens } };
}
