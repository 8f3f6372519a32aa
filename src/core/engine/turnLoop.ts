/**
 * The turn loop of one reply: stream a request; while the model stops for `tool_use`, run the tools
 * and send their results; continue a `pause_turn`; stop at the iteration cap and say so. What a
 * stop reason means for the person is set on the reply as a note and actions.
 */
import * as l10n from '@vscode/l10n';
import { messageOf, type ClassifiedError } from '../api/errors';
import type { HostToWebview, ReplyStatus } from '../protocol/protocol';
import type { CreateMessageRequest } from '../api/wire';
import type { LiveReply } from './liveReply';
import type { TurnAccumulator, TurnUpdate } from './turnAccumulator';
import { failedCompactionText } from '../context/compaction';
import { formatNumber } from '../l10n/format';
import { isPromptTooLong, isThinkingSignatureError, streamRequest, type ChatBackend, type StreamOptions } from './replyStream';
import type { ContextKeeper } from './contextKeeper';
import type { ToolRunner } from './toolRunner';
import type { AttachmentSources } from './attachmentSources';
import type { FeatureRefusals } from './refusedFeatures';

export interface TurnLoopDeps {
  readonly backend: ChatBackend;
  readonly conversationId: string;
  /** The request for the next iteration: the stored history plus the reply's rounds so far. */
  readonly request: (live: LiveReply) => CreateMessageRequest;
  /** Drops thinking blocks from the stored history (healing a conversation the API refuses); false when there were none. */
  readonly healThinking: () => boolean;
  readonly tools: ToolRunner | undefined;
  readonly post: (message: HostToWebview) => void;
  readonly save: (streaming: boolean) => void;
  readonly maxIterations: number;
  readonly stream?: StreamOptions;
  /** Keeps requests inside the context window (summaries, one recovery from a prompt too long). */
  readonly context?: ContextKeeper;
  /** Uploads attachments before a request, and mends one refused for an upload or a web address. */
  readonly sources?: AttachmentSources;
  /** Sends a request refused for a feature the endpoint lacks (effort, thinking, caching) again without it. */
  readonly refusals?: FeatureRefusals;
}

/** How the loop ended: a reply to keep (with its status), or a failure before anything worth keeping. */
export type LoopOutcome = { readonly status: ReplyStatus; readonly error?: ClassifiedError } | { readonly status: 'failed'; readonly error: ClassifiedError };

/** The reply's note when it stopped at max_tokens. */
export const cutOffNote = () => l10n.t('Cut off at the token limit.');
/** The reply's note when the conversation no longer fits the model's context window. */
export const tooLongNote = () => l10n.t('This chat is too long for the model: start a new chat to go on.');
/** An error for Stop before anything arrived (never shown: the person stopped it). */
const stoppedError = (): ClassifiedError => ({ kind: 'aborted', message: l10n.t('Stopped.'), actions: [] });

/** Runs the loop; an unexpected failure (a tool adapter that threw) ends the reply with a message, never an unhandled rejection. */
export async function runTurnLoop(live: LiveReply, signal: AbortSignal, deps: TurnLoopDeps): Promise<LoopOutcome> {
  try {
    return await loop(live, signal, deps);
  } catch (err) {
    live.current = undefined;
    const error: ClassifiedError = { kind: 'unknown', actions: ['retry'], message: l10n.t('The reply failed: {0}', messageOf(err)) };
    return live.hasOutput ? { status: 'error', error } : { status: 'failed', error };
  }
}

async function loop(live: LiveReply, signal: AbortSignal, deps: TurnLoopDeps): Promise<LoopOutcome> {
  let healed = false;
  /** The iteration already summarized once after a prompt too long: a second one is a dead end said plainly. */
  let recovered = 0;
  const streamHooks = hooks(live, deps);
  // What the refused request wrote (if anything) is taken back on screen only once the summary is there.
  const recover = async (iteration: number, refused: CreateMessageRequest, refusal?: string, wrote = false) => {
    if (recovered === iteration || !deps.context) return false;
    recovered = iteration;
    return deps.context.recover(live, signal, refusal, wrote ? streamHooks.reset : undefined, refused);
  };
  const stopped = (): LoopOutcome => (live.rounds.length ? { status: 'stopped' } : { status: 'failed', error: stoppedError() });
  for (let iteration = 1; ; ) {
    await deps.context?.makeRoom(live, signal);
    if (signal.aborted) return stopped();
    let request = deps.request(live);
    if (await deps.sources?.upload(request, signal)) request = deps.request(live);
    if (signal.aborted) return stopped();
    const result = await streamRequest(deps.backend, request, signal, streamHooks, deps.stream);
    live.current = undefined;
    const { accumulator } = result;
    if (result.kind === 'failed' && !healed && isThinkingSignatureError(result.error) && deps.healThinking()) {
      healed = true;
      deps.post({ type: 'replyStatus', id: live.id, text: l10n.t('The API refused a thinking block of an earlier reply; removed old thinking and retrying once…') });
      deps.post({ type: 'replyReset', id: live.id });
      continue;
    }
    if (result.kind === 'failed' && (deps.sources?.mend(result.error, request) || deps.refusals?.mend(result.error, request))) {
      if (accumulator.hasText) streamHooks.reset();
      continue;
    }
    if (result.kind === 'failed' && isPromptTooLong(result.error) && (await recover(iteration, request, result.error.detail))) continue;
    // Out of room mid-reply: what this request wrote goes, the earlier conversation is summarized, the request goes again.
    if (result.kind === 'complete' && accumulator.stopReason === 'model_context_window_exceeded' && (await recover(iteration, request, undefined, true))) continue;
    const content = accumulator.content();
    if (signal.aborted && result.kind !== 'stopped') {
      // Stop during the summary: what the request wrote stays, as it is still shown.
      if (content.length) live.addRound(content, accumulator.usage);
      return stopped();
    }
    if (result.kind !== 'complete') {
      if (content.length) live.addRound(content, accumulator.usage);
      // Stopped before anything arrived: nothing to keep, so the person gets their message back.
      if (result.kind === 'stopped') return stopped();
      return live.hasOutput ? { status: 'error', error: result.error } : { status: 'failed', error: result.error };
    }
    const round = live.addRound(content, accumulator.usage);
    deps.context?.observe(request, round, accumulator.compactionUsage);
    deps.post({ type: 'replyStatus', id: live.id, text: '' });
    switch (accumulator.stopReason) {
      case 'tool_use': {
        if (iteration >= deps.maxIterations || !deps.tools) {
          // not localized: sent to Claude (the tool_result)
          const why = deps.tools ? `this reply reached its limit of ${deps.maxIterations} requests` : 'tools are off';
          // not localized: sent to Claude
          for (const use of round.content) if (use.type === 'tool_use') round.results.push({ type: 'tool_result', tool_use_id: use.id, content: `Not run: ${why}.`, is_error: true });
          live.note = deps.tools
            ? l10n.t('Stopped after {0} requests in one reply (claudeChat.tools.maxIterations). Ask Claude to go on, or raise the limit.', formatNumber(deps.maxIterations))
            : l10n.t('Claude asked to use a tool, but tools are off.');
          return { status: 'done' };
        }
        const stopped = await deps.tools.runRound(round, { conversationId: deps.conversationId, replyId: live.id, signal, changed: live.changed, saved: () => deps.save(true) });
        if (stopped) return { status: 'stopped' };
        break;
      }
      case 'pause_turn':
        if (iteration >= deps.maxIterations) {
          live.note = l10n.t('Stopped after {0} requests in one reply (claudeChat.tools.maxIterations).', formatNumber(deps.maxIterations));
          return { status: 'done' };
        }
        break;
      case 'max_tokens':
        // A tool call that finished just before the limit is answered, not run: the reply was cut off.
        // not localized: sent to Claude
        for (const use of round.content) if (use.type === 'tool_use') round.results.push({ type: 'tool_result', tool_use_id: use.id, content: 'Not run: the reply was cut off at the token limit.', is_error: true });
        live.note = cutOffNote();
        live.actions = ['continue'];
        return { status: 'done' };
      case 'refusal': {
        const explanation = accumulator.stopDetails?.explanation;
        live.note = explanation ? l10n.t('Claude declined to continue: {0}', explanation) : l10n.t('Claude declined to continue.');
        return { status: 'done' };
      }
      case 'model_context_window_exceeded':
        live.note = tooLongNote();
        live.actions = ['newChat'];
        return { status: 'done' };
      default:
        return { status: 'done' };
    }
    iteration++;
    deps.save(true);
  }
}

function hooks(live: LiveReply, deps: TurnLoopDeps) {
  const first = () => live.rounds.length === 0;
  return {
    update: (update: TurnUpdate) => {
      if (update.kind === 'compaction') deps.post({ type: 'summary', id: live.id, text: update.summary ?? failedCompactionText(), freed: 0, streamed: true });
      else deps.post({ type: update.kind === 'text' ? 'replyDelta' : 'thinkingDelta', id: live.id, text: update.delta });
    },
    status: (text: string) => deps.post({ type: 'replyStatus', id: live.id, text }),
    reset: () => {
      deps.post({ type: 'replyReset', id: live.id });
      if (first() && live.prefill) deps.post({ type: 'replyDelta', id: live.id, text: live.prefill });
    },
    begin: (accumulator: TurnAccumulator) => {
      live.current = accumulator;
    },
    progress: () => deps.save(true),
  };
}
