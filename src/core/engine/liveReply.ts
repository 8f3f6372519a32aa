/** A reply while it is being produced: finished rounds, the request streaming now, files changed. */
import type { AssistantTurn, ClientSummary, Round, ToolView, TurnStatus } from '../conversation/turns';
import type { ReplyAction } from '../protocol/protocol';
import type { ContentBlock, ToolResultBlock, Usage } from '../api/wire';
import type { TurnAccumulator } from './turnAccumulator';

/** A round the loop is still filling in (tool results and cards arrive after the stream). */
export interface LiveRound {
  readonly content: readonly ContentBlock[];
  readonly usage?: Usage;
  readonly results: ToolResultBlock[];
  readonly tools: ToolView[];
  /** The conversation was summarized after this round. */
  summary?: ClientSummary;
  /** Estimated tokens a server-side compaction in this round freed. */
  freed?: number;
  /** What that compaction cost (not in `usage`). */
  compactionUsage?: Usage;
}

export class LiveReply {
  readonly rounds: LiveRound[] = [];
  /** The request streaming now, if any. */
  current: TurnAccumulator | undefined;
  readonly changed = new Set<string>();
  note: string | undefined;
  actions: ReplyAction[] = [];

  constructor(
    readonly id: string,
    readonly model: string,
    /** The start of the reply the user wrote (first round only); the stored reply begins with it. */
    readonly prefill: string | undefined,
  ) {}

  /** Adds a finished request's blocks as a round. */
  addRound(content: readonly ContentBlock[], usage: Usage | undefined): LiveRound {
    const round: LiveRound = { content: this.rounds.length === 0 ? withPrefill(content, this.prefill) : [...content], ...(usage ? { usage } : {}), results: [], tools: [] };
    this.rounds.push(round);
    return round;
  }

  /** True once the reply shows anything a person would miss if it were thrown away. */
  get hasOutput(): boolean {
    return this.rounds.some((r) => r.tools.length || r.content.some((b) => b.type === 'text' && b.text)) || (this.current?.hasText ?? false);
  }

  /** The reply as stored; `withCurrent` includes what has arrived of the request streaming now. */
  toTurn(status: TurnStatus, withCurrent: boolean): AssistantTurn {
    const rounds: Round[] = this.rounds.map(storedRound);
    if (withCurrent && this.current) {
      const acc = this.current;
      const content = this.rounds.length === 0 ? withPrefill(acc.content(), this.prefill) : acc.content();
      if (content.length) rounds.push({ content, usage: acc.usage });
    }
    return {
      id: this.id,
      role: 'assistant',
      rounds,
      status,
      model: this.model,
      ...(this.note ? { note: this.note } : {}),
      ...(this.actions.length ? { actions: [...this.actions] } : {}),
      ...(this.changed.size ? { changed: [...this.changed] } : {}),
    };
  }
}

function storedRound(round: LiveRound): Round {
  return {
    content: round.content,
    ...(round.results.length ? { results: [...round.results] } : {}),
    ...(round.tools.length ? { tools: [...round.tools] } : {}),
    ...(round.usage ? { usage: round.usage } : {}),
    ...(round.summary ? { summary: round.summary } : {}),
    ...(round.freed !== undefined ? { freed: round.freed } : {}),
    ...(round.compactionUsage ? { compactionUsage: round.compactionUsage } : {}),
  };
}

/** The reply as stored: the prefilled start joined to the first text block that continued it. */
export function withPrefill(content: readonly ContentBlock[], prefill: string | undefined): ContentBlock[] {
  if (!prefill) return [...content];
  const first = content.findIndex((b) => b.type === 'text');
  if (first < 0) return [{ type: 'text', text: prefill }, ...content];
  return content.map((b, i) => (i === first && b.type === 'text' ? { ...b, text: prefill + b.text } : b));
}
