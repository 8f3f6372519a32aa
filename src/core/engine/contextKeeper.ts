/**
 * Keeps a reply's requests inside the model's context window: summarizes first when the next
 * request would pass the threshold (where the server does not compact), summarizes once and retries
 * after a prompt too long, and notes what a compaction freed. Every step shows in the reply.
 */
import * as l10n from '@vscode/l10n';
import type { ClientSummary, Turn } from '../conversation/turns';
import type { ModelInfo } from '../models/models';
import type { HostToWebview } from '../protocol/protocol';
import type { CreateMessageRequest, Usage } from '../api/wire';
import { COMPACT_AT, requestMessages, sizeOf, type TokenGauge } from '../context/compaction';
import { latestRoundSummary, summarize, type RequestFor } from './compactor';
import type { LiveReply, LiveRound } from './liveReply';
import type { ChatBackend, StreamOptions } from './replyStream';

export interface KeeperHost {
  readonly backend: ChatBackend;
  readonly gauge: TokenGauge;
  readonly model: ModelInfo;
  /** The server compacts (context_management is sent): no summary before a request. */
  readonly serverCompacts: boolean;
  /** The stored turns the reply follows (a reply being regenerated left out). */
  turns(): readonly Turn[];
  readonly requestFor: RequestFor;
  readonly post: (message: HostToWebview) => void;
  /** Stores the summary on the latest stored reply (when the reply in progress has no round yet); its id, or undefined when there is none. */
  attach(summary: ClientSummary): string | undefined;
  /** Sends the conversation's usage again (the meter). */
  usageChanged(): void;
  save(streaming: boolean): void;
  readonly stream?: StreamOptions;
}

const promptOf = (u: Usage) => u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0);

export const nearLimitStatus = () => l10n.t('The conversation is near the context window: summarizing the earlier part…');
export const tooLongStatus = () => l10n.t('Too long for the model: summarizing the earlier conversation, then trying again…');

export class ContextKeeper {
  /** A summary failed in this reply: no new attempt before each request (a prompt too long still gets its one). */
  private failed = false;

  constructor(private readonly host: KeeperHost) {}

  /** The conversation as the next request sees it, the reply in progress included. */
  private turnsWith(live: LiveReply): Turn[] {
    return [...this.host.turns(), live.toTurn('streaming', false)];
  }

  /** Before a request: summarizes first when it would pass the threshold (client-side compaction only). */
  async makeRoom(live: LiveReply, signal: AbortSignal): Promise<void> {
    if (this.host.serverCompacts || this.failed) return;
    const next = this.host.requestFor(requestMessages(this.turnsWith(live)), false);
    if (this.host.gauge.estimate(next) <= this.host.gauge.windowOf(this.host.model) * COMPACT_AT) return;
    await this.compact(live, signal, nearLimitStatus());
  }

  /**
   * After a prompt too long (`refusal`: the API's words, which may name the real maximum):
   * summarizes once; true when the request can go again. `beforeShow` runs only once the summary
   * is there, before it shows (what the refused request wrote is taken back then, not before).
   */
  recover(live: LiveReply, signal: AbortSignal, refusal = '', beforeShow?: () => void, refused?: CreateMessageRequest): Promise<boolean> {
    this.host.gauge.learnLimit(this.host.model.id, refusal, refused && sizeOf(refused));
    return this.compact(live, signal, tooLongStatus(), beforeShow);
  }

  /** A request completed: calibrates the estimate, and notes what a server-side compaction freed and cost. */
  observe(request: CreateMessageRequest, round: LiveRound, compactionUsage?: Usage): void {
    if (compactionUsage) round.compactionUsage = compactionUsage;
    if (!round.usage) return;
    const characters = sizeOf(request);
    const prompt = promptOf(round.usage);
    if (round.content.some((b) => b.type === 'compaction')) round.freed = Math.max(0, this.host.gauge.tokensOf(characters) - prompt);
    else this.host.gauge.observe(characters, prompt);
  }

  private async compact(live: LiveReply, signal: AbortSignal, status: string, beforeShow?: () => void): Promise<boolean> {
    const { host } = this;
    host.post({ type: 'replyStatus', id: live.id, text: status });
    const turns = this.turnsWith(live);
    const outcome = await summarize({
      earlierUsage: latestRoundSummary(turns)?.usage,
      backend: host.backend,
      gauge: host.gauge,
      window: host.gauge.windowOf(host.model),
      turns,
      requestFor: host.requestFor,
      signal,
      status: (text) => host.post({ type: 'replyStatus', id: live.id, text: text || status }),
      stream: host.stream,
    });
    host.post({ type: 'replyStatus', id: live.id, text: '' });
    if ('failed' in outcome) {
      this.failed = true;
      host.post({ type: 'toolNote', id: live.id, text: l10n.t('Could not summarize the earlier conversation ({0}); going on without a summary.', outcome.failed), isError: true });
      return false;
    }
    if (!('summary' in outcome)) return false;
    const last = live.rounds.at(-1);
    if (last) last.summary = outcome.summary;
    const holder = last ? live.id : host.attach(outcome.summary);
    if (!holder) return false;
    beforeShow?.();
    host.post({ type: 'summary', id: holder, text: outcome.summary.text, freed: outcome.summary.freed });
    host.usageChanged();
    host.save(true);
    return true;
  }
}
