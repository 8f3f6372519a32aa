/**
 * A scripted reply as the API sends it for the request it answers: the input usage computed from the
 * request, a compaction block in front (the script's own blocks one index later) with the usage of
 * both iterations, and the `context_management` the API reports in `message_delta`.
 */
import { compactedView, compactionIteration, compactionSteps } from './compaction';
import type { ContextPlan } from './contextPlan';
import { viewTokens } from './contextWindow';
import type { EmulatedUsage, PromptCache } from './promptCache';
import { ev, messageStart, type Reply, type Step } from './sse';
import type { Obj } from './validateBlocks';

/** What shapes a reply besides its script. */
export interface ReplyContext {
  readonly plan: ContextPlan;
  /** The requested model, named in the `message` iteration. */
  readonly model: string;
  /** Replaces the input side of `message_start`'s usage when given. */
  readonly usage?: EmulatedUsage;
}

/** The input usage of a reply, when the fake computes it: always after a compaction, and from `cache` (the emulated prompt cache) when given. */
export function replyUsage(plan: ContextPlan, model: string, cache?: PromptCache): EmulatedUsage | undefined {
  const view = plan.compaction ? compactedView(plan.view, plan.compaction) : plan.view;
  if (cache) return cache.use(model, view);
  return plan.compaction ? { input_tokens: viewTokens(view), cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } : undefined;
}

const withData = (step: Step & { kind: 'event' }, patch: Obj): Step => ({ kind: 'event', name: step.name, data: { ...(step.data as Obj), ...patch } });

/** `reply` shaped for the request; anything but a stream, or a request that changes nothing, is returned as is. */
export function shapeReply(reply: Reply, context: ReplyContext): Reply {
  const { plan, usage } = context;
  if (reply.kind !== 'stream' || (!usage && !plan.compaction && !plan.appliedEdits)) return reply;
  const shift = plan.compaction ? 1 : 0;
  const steps: Step[] = [];
  let startUsage: Obj = {};
  let opened = !plan.compaction;
  const openCompaction = () => {
    if (!opened && plan.compaction) steps.push(...compactionSteps(plan.compaction));
    opened = true;
  };
  for (const step of reply.steps) {
    if (step.kind !== 'event') {
      steps.push(step);
      continue;
    }
    const data = step.data as Obj;
    switch (step.name) {
      case 'message_start': {
        const message = data.message as Obj;
        startUsage = { ...(message.usage as Obj), ...usage };
        steps.push(withData(step, { message: { ...message, usage: startUsage } }));
        break;
      }
      case 'content_block_start':
      case 'content_block_delta':
      case 'content_block_stop':
        openCompaction();
        steps.push(withData(step, { index: Number(data.index) + shift }));
        break;
      case 'message_delta':
        openCompaction();
        steps.push(withData(step, endOf(data.usage as Obj, startUsage, context)));
        break;
      default:
        steps.push(step);
    }
  }
  return { ...reply, steps };
}

/**
 * The reply to a request whose `pause_after_compaction` edit compacted it: the compaction block
 * alone, `stop_reason: 'compaction'`. Nothing was sampled, so the top-level usage is zero (the
 * compaction's own tokens are only in `iterations`, as the API reports them).
 */
export function pausedReply(plan: ContextPlan, model: string): Reply {
  const compaction = plan.compaction;
  if (!compaction) throw new Error('pausedReply: the request was not compacted');
  const usage = { output_tokens: 0, iterations: [compactionIteration(compaction)] };
  return {
    kind: 'stream',
    steps: [
      messageStart({ model, inputTokens: 0 }),
      ...compactionSteps(compaction),
      ev('message_delta', { delta: { stop_reason: 'compaction', stop_sequence: null }, usage, ...contextManagement(plan) }),
      ev('message_stop', {}),
    ],
  };
}

function endOf(usage: Obj, startUsage: Obj, { plan, model }: ReplyContext): Obj {
  const patch: Obj = contextManagement(plan);
  if (plan.compaction) {
    const sampled = {
      type: 'message',
      input_tokens: startUsage.input_tokens,
      output_tokens: usage.output_tokens,
      cache_read_input_tokens: startUsage.cache_read_input_tokens ?? 0,
      cache_creation_input_tokens: startUsage.cache_creation_input_tokens ?? 0,
      cache_creation: null,
      model,
    };
    patch.usage = { ...usage, iterations: [compactionIteration(plan.compaction), sampled] };
  }
  return patch;
}

const contextManagement = (plan: ContextPlan): Obj => (plan.appliedEdits ? { context_management: { applied_edits: plan.appliedEdits } } : {});
