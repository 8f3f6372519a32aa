/**
 * Summarizes the conversation on the client (endpoints without server-side compaction, Compact
 * now, and the one recovery from a prompt too long): asks the model for a summary with the same
 * request prefix (so it reads the cache), then stores it on the latest round with where the
 * messages it leaves as they are begin. Nothing is dropped from the stored turns.
 */
import * as l10n from '@vscode/l10n';
import { flattenToolBlocks, mergeRoles } from '../conversation/history';
import type { ClientSummary, Turn } from '../conversation/turns';
import type { CreateMessageRequest, MessageParam, Usage } from '../api/wire';
import type { ClassifiedError } from '../api/errors';
import { chooseKeepFrom, requestMessages, SUMMARY_REQUEST, type TokenGauge } from '../context/compaction';
import { streamRequest, type ChatBackend, type StreamOptions } from './replyStream';

/** Builds a request from messages: with the reply's tools and settings, or (`bare`) with none, for a history too long to send whole. */
export type RequestFor = (messages: readonly MessageParam[], bare: boolean) => CreateMessageRequest;

export interface SummaryJob {
  readonly backend: ChatBackend;
  readonly gauge: TokenGauge;
  readonly window: number;
  /** The conversation as the next request sees it (a reply in progress included). */
  readonly turns: readonly Turn[];
  readonly requestFor: RequestFor;
  readonly signal: AbortSignal;
  /** A transient status line (retries), empty to clear. */
  readonly status: (text: string) => void;
  readonly stream?: StreamOptions;
  /** What an earlier summary stored on the same round cost (it is replaced; its cost stays counted). */
  readonly earlierUsage?: Usage;
  /** Share of the window the messages left as they are may take (default: a quarter; 0 keeps only the last answer). */
  readonly keepShare?: number;
}

export type SummaryOutcome = { readonly summary: ClientSummary } | { readonly failed: string } | { readonly nothing: true } | { readonly stopped: true };

/** Share of the window the summary request may fill; past it the history goes as text, oldest exchanges first out. */
const SUMMARY_REQUEST_SHARE = 0.9;

/** The request that asks for the summary: the same prefix as the next request where it fits. */
function summaryRequest(job: SummaryJob): CreateMessageRequest {
  const ask: MessageParam = { role: 'user', content: [{ type: 'text', text: SUMMARY_REQUEST }] };
  const messages = requestMessages(job.turns);
  const whole = job.requestFor(mergeRoles([...messages, ask]), false);
  if (job.gauge.estimate(whole) <= job.window * SUMMARY_REQUEST_SHARE) return whole;
  // Too long to send even once: tool use as short text, then the oldest exchanges after the first message (the task) go.
  const flat = flattenToolBlocks(messages);
  let request = job.requestFor(mergeRoles([...flat, ask]), true);
  while (job.gauge.estimate(request) > job.window * SUMMARY_REQUEST_SHARE && flat.length > 3) {
    flat.splice(1, 2);
    request = job.requestFor(mergeRoles([...flat, ask]), true);
  }
  return request;
}

/** Asks for a summary and says what came of it; never throws. */
export async function summarize(job: SummaryJob): Promise<SummaryOutcome> {
  const keepFrom = chooseKeepFrom(job.turns, job.window, (m) => job.gauge.estimate(m), job.keepShare);
  if (!keepFrom) return { nothing: true };
  const before = job.gauge.estimate(requestMessages(job.turns));
  const result = await streamRequest(job.backend, summaryRequest(job), job.signal, { begin: () => {}, update: () => {}, status: job.status, reset: () => {}, progress: () => {} }, job.stream);
  job.status('');
  if (result.kind === 'stopped') return { stopped: true };
  if (result.kind === 'failed') return { failed: reasonOf(result.error) };
  // Only a whole answer in words is a summary: not a tool call, not one cut off at a limit.
  const stop = result.accumulator.stopReason;
  if (stop !== 'end_turn' && stop !== 'stop_sequence') {
    return { failed: stop === 'tool_use' ? l10n.t('the model asked for a tool instead of summarizing') : l10n.t('the summary was cut off ({0})', stop ?? l10n.t('no stop reason')) };
  }
  const text = result.accumulator
    .content()
    .flatMap((b) => (b.type === 'text' ? [b.text] : []))
    .join('\n')
    .trim();
  if (!text) return { failed: l10n.t('the model answered without a summary') };
  const usage = addUsage(result.accumulator.usage, job.earlierUsage);
  const draft: ClientSummary = { text, keepFrom, freed: 0, usage };
  const after = job.gauge.estimate(requestMessages(withSummary(job.turns, draft)));
  return { summary: { ...draft, freed: Math.max(0, before - after) } };
}

/** The error's message, to go inside parentheses: without its final full stop (Latin or CJK). */
function reasonOf(error: ClassifiedError): string {
  return error.message.replace(/[.。]$/, '');
}

/** The turns with `summary` on the latest round (for estimates; the engine stores it on the real turn). */
export function withSummary(turns: readonly Turn[], summary: ClientSummary): Turn[] {
  const at = turns.map((t) => t.role === 'assistant' && t.rounds.length > 0).lastIndexOf(true);
  if (at < 0) return [...turns];
  const turn = turns[at];
  if (turn.role !== 'assistant') return [...turns];
  const rounds = turn.rounds.map((r, i) => (i === turn.rounds.length - 1 ? { ...r, summary } : r));
  return turns.map((t, i) => (i === at ? { ...turn, rounds } : t));
}

function addUsage(a: Usage, b: Usage | undefined): Usage {
  if (!b) return a;
  const sum = (x: number | null | undefined, y: number | null | undefined) => (x ?? 0) + (y ?? 0);
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    cache_creation_input_tokens: sum(a.cache_creation_input_tokens, b.cache_creation_input_tokens),
    cache_read_input_tokens: sum(a.cache_read_input_tokens, b.cache_read_input_tokens),
  };
}

/** The summary already stored on the round a new one goes to (the latest round), if any. */
export function latestRoundSummary(turns: readonly Turn[]): ClientSummary | undefined {
  const reply = [...turns].reverse().find((t) => t.role === 'assistant' && t.rounds.length > 0);
  return reply?.role === 'assistant' ? reply.rounds.at(-1)?.summary : undefined;
}
