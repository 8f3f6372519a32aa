/**
 * What the API does to one request's context before the model answers: the clearing edits in the
 * order given, then the compaction check on what is left. The window check and the usage are both
 * taken from the result.
 */
import { clearThinking, clearToolUses, type AppliedEdit, type Cleared } from './clearEdits';
import { compactionFor, type Compaction } from './compaction';
import { modelView, viewTokens, type ModelView } from './contextWindow';
import { isObj, type Obj } from './validateBlocks';

export interface ContextPlan {
  /** What the model sees once the clearing edits are applied (before any compaction). */
  readonly view: ModelView;
  /** Tokens of `view`: what the window is checked against and the compaction trigger compared with. */
  readonly tokens: number;
  /** Set when the request carried `context_management`: the API then reports its applied edits. */
  readonly appliedEdits?: readonly AppliedEdit[];
  readonly compaction?: Compaction;
}

const CLEARING: Readonly<Record<string, (view: ModelView, edit: Obj) => Cleared | undefined>> = {
  clear_tool_uses_20250919: clearToolUses,
  clear_thinking_20251015: clearThinking,
};

/** Plans a (validated) Messages request body. */
export function planContext(body: unknown): ContextPlan {
  let view = modelView(body);
  const config = isObj(body) && isObj(body.context_management) ? body.context_management : undefined;
  if (!config) return { view, tokens: viewTokens(view) };
  const edits = Array.isArray(config.edits) ? config.edits.filter(isObj) : [];
  const applied: AppliedEdit[] = [];
  for (const edit of edits) {
    const clear = Object.hasOwn(CLEARING, String(edit.type)) ? CLEARING[String(edit.type)] : undefined;
    const cleared = clear?.(view, edit);
    if (!cleared) continue;
    view = cleared.view;
    applied.push(cleared.applied);
  }
  const tokens = viewTokens(view);
  const compact = edits.find((edit) => edit.type === 'compact_20260112');
  return { view, tokens, appliedEdits: applied, compaction: compact && compactionFor(view, compact, tokens) };
}
