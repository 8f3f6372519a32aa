/**
 * Compaction policy: when the context is summarized, what the summary must keep, and what a
 * request sends once it has been. Where the model supports it the server compacts
 * (`compact_20260112`, its blocks sent back as received); elsewhere the extension asks the model for
 * a summary and sends it in place of the messages before `keepFrom`. Stored turns stay whole.
 */
import * as l10n from '@vscode/l10n';
import { mergeRoles, toApiMessages } from '../conversation/history';
import type { ClientSummary, KeepFrom, Round, Turn } from '../conversation/turns';
import type { ModelInfo } from '../models/models';
import type { ContextEdit, ContextManagement, MessageParam } from '../api/wire';
import { pdfTokens } from './pdf';
import { pagesOfSource } from './sources';

/** What a summary part says when the server's compaction produced none. */
export const failedCompactionText = () => l10n.t('The server could not summarize the earlier conversation; it goes on as it was.');

/** A request past this share of the window is compacted first. */
export const COMPACT_AT = 0.8;
/** Past this share (a compaction that failed), the server clears old tool results. */
const CLEAR_AT = 0.9;
/** The recent messages a client summary leaves as they are: at most this share of the window. */
const KEEP_SHARE = 0.25;
export const COMPACT_BETA = 'compact-2026-01-12';
export const CLEAR_TOOL_USES_BETA = 'context-management-2025-06-27';

/** What every summary keeps (the server's compaction gets the same instructions). */
export const SUMMARY_INSTRUCTIONS = [
  'Summarize the conversation so far so that the work can go on from the summary alone.', // not localized: sent to Claude
  'Keep, in this order: the task the person asked for, in their own words, and anything they added or changed since;', // not localized: sent to Claude
  'the decisions made and why; every file read, created or changed (workspace-relative paths) and what changed in it;', // not localized: sent to Claude
  'commands run and what they showed when it matters; what is done and what is left to do, with the next step;', // not localized: sent to Claude
  'and the workspace instructions (CLAUDE.md, AGENTS.md) that apply. Leave out greetings and dead ends.', // not localized: sent to Claude
].join(' ');

/** The message that asks for a client-side summary. */
export const SUMMARY_REQUEST = `${SUMMARY_INSTRUCTIONS}\n\nDo not use any tool now: answer with the summary only, as plain text.`; // not localized: sent to Claude

const summaryMessage = (summary: string): MessageParam => ({
  role: 'user',
  // not localized: sent to Claude
  content: [{ type: 'text', text: `The conversation so far was summarized to fit the context window. Summary of everything before the messages that follow:\n\n<summary>\n${summary}\n</summary>` }],
});

/** `context_management` and its betas, for a model whose endpoint says it compacts (never for one that did not say). */
export function serverContextManagement(model: ModelInfo): { readonly context_management: ContextManagement; readonly betas: readonly string[] } | undefined {
  const strategies = model.contextManagement ?? [];
  if (!strategies.includes('compact_20260112')) return undefined;
  const window = model.contextWindow;
  const edits: ContextEdit[] = [];
  const betas = [COMPACT_BETA];
  if (strategies.includes('clear_tool_uses_20250919')) {
    // A safety net above the compaction trigger: clearing old tool results changes the prefix at every
    // request it acts on (the long-session bench read 15 % from cache with it at 60 %, 92 % without),
    // so it acts only when a compaction did not bring the context down.
    edits.push({ type: 'clear_tool_uses_20250919', trigger: { type: 'input_tokens', value: Math.floor(window * CLEAR_AT) }, keep: { type: 'tool_uses', value: 8 }, clear_at_least: { type: 'input_tokens', value: Math.floor(window * 0.2) } });
    betas.push(CLEAR_TOOL_USES_BETA);
  }
  edits.push({ type: 'compact_20260112', trigger: { type: 'input_tokens', value: Math.floor(window * COMPACT_AT) }, instructions: SUMMARY_INSTRUCTIONS });
  return { context_management: { edits }, betas };
}

/** The latest client summary, with the index of the turn it is stored in. */
export function latestSummary(turns: readonly Turn[]): { readonly summary: ClientSummary; readonly turnIndex: number } | undefined {
  for (let t = turns.length - 1; t >= 0; t--) {
    const turn = turns[t];
    if (turn.role !== 'assistant') continue;
    for (let r = turn.rounds.length - 1; r >= 0; r--) {
      const summary = turn.rounds[r].summary;
      if (summary) return { summary, turnIndex: t };
    }
  }
  return undefined;
}

/** The turns from `keepFrom` on (a reply's earlier rounds left out); empty when it is not found. */
export function turnsFrom(turns: readonly Turn[], keepFrom: KeepFrom): Turn[] {
  const at = turns.findIndex((t) => t.id === keepFrom.turn);
  if (at < 0) return [];
  const first = turns[at];
  const head: Turn = first.role === 'assistant' && keepFrom.round > 0 ? { ...first, rounds: first.rounds.slice(keepFrom.round) } : first;
  return [head, ...turns.slice(at + 1)];
}

/** The messages a request sends: after a client summary, the summary and what it did not replace; else every turn. */
export function requestMessages(turns: readonly Turn[]): MessageParam[] {
  const latest = latestSummary(turns);
  if (!latest) return toApiMessages(turns);
  // Its start gone (a message taken back after a failed send): the summary covers up to where it is stored.
  const found = turnsFrom(turns, latest.summary.keepFrom);
  const kept = found.length ? found : turns.slice(latest.turnIndex + 1);
  return mergeRoles([summaryMessage(latest.summary.text), ...toApiMessages(kept)]);
}

/** Characters per token until the endpoint's own counts calibrate it. */
const DEFAULT_CHARS_PER_TOKEN = 3.5;
const MIN_CHARS_PER_TOKEN = 2;
const MAX_CHARS_PER_TOKEN = 6;
/** An image counts as about this many characters (~1,600 tokens), whatever its size in base64. */
const IMAGE_CHARACTERS = 6_000;

/** A PDF page counts as about this many characters (its token estimate at the default rate). */
const PAGE_CHARACTERS = pdfTokens(1) * DEFAULT_CHARS_PER_TOKEN;
/** Pages assumed for a document block of unknown length. */
const UNKNOWN_PAGES = 3;

const typeOf = (v: unknown) => (typeof v === 'object' && v !== null ? (v as { type?: unknown }).type : undefined);

/** Characters of a request body as the model reads it (images and PDF pages at flat rates, not their base64). */
export function sizeOf(value: unknown): number {
  let flat = 0;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    const type = typeOf(v);
    if (type === 'image') flat += IMAGE_CHARACTERS;
    else if (type === 'document') flat += (pagesOfSource((v as { source: object }).source) ?? UNKNOWN_PAGES) * PAGE_CHARACTERS;
    else return v;
    return 0;
  });
  return (text?.length ?? 0) + flat;
}

/** Estimates tokens from characters, calibrated by what the endpoint reported for the last request. */
export class TokenGauge {
  private charsPerToken = DEFAULT_CHARS_PER_TOKEN;
  /** By model id: the window an endpoint named in a "prompt is too long: N tokens > M maximum" (a gateway may allow less than the model). */
  private readonly limits = new Map<string, number>();

  /**
   * Reads the endpoint's count and maximum from its refusal of a request of `characters`
   * ("prompt is too long: N tokens > M maximum"): the maximum is the window for `model` from now
   * on, and N calibrates the estimate.
   */
  learnLimit(model: string, message: string, characters?: number): void {
    const said = /(\d+) tokens? > (\d+) maximum/.exec(message);
    if (!said) return;
    this.limits.set(model, Number(said[2]));
    if (characters) this.observe(characters, Number(said[1]));
  }

  /** The window to plan for: the model's, or less where the endpoint said so. */
  windowOf(model: { readonly id: string; readonly contextWindow: number }): number {
    return Math.min(this.limits.get(model.id) ?? Infinity, model.contextWindow);
  }

  /** A request of `characters` took `tokens` of prompt (input, cache reads and writes). */
  observe(characters: number, tokens: number): void {
    // Within what real tokenizers give (a gateway that reports nothing useful must not blind the estimate).
    if (characters > 2_000 && tokens > 0) this.charsPerToken = Math.min(MAX_CHARS_PER_TOKEN, Math.max(MIN_CHARS_PER_TOKEN, characters / tokens));
  }

  estimate(value: unknown): number {
    return Math.ceil(sizeOf(value) / this.charsPerToken);
  }

  tokensOf(characters: number): number {
    return Math.ceil(characters / this.charsPerToken);
  }
}

/** Where the messages a summary leaves as they are can begin, oldest first: user turns, and each round of a reply. */
function cutPoints(turns: readonly Turn[], from: number): KeepFrom[] {
  const points: KeepFrom[] = [];
  for (let t = from; t < turns.length; t++) {
    const turn = turns[t];
    if (turn.role === 'user') points.push({ turn: turn.id, round: 0 });
    else turn.rounds.forEach((_: Round, r) => points.push({ turn: turn.id, round: r }));
  }
  return points;
}

/**
 * Where a new summary's kept messages begin: the earliest cut point whose messages fit in
 * `keepShare` of the window (a quarter; Compact now keeps only the last answer), but never the first (something must be summarized) and never before the
 * previous summary's. Undefined when there is nothing to summarize.
 */
export function chooseKeepFrom(turns: readonly Turn[], window: number, tokensOf: (messages: MessageParam[]) => number, keepShare = KEEP_SHARE): KeepFrom | undefined {
  const latest = latestSummary(turns);
  const kept = latest ? turns.findIndex((t) => t.id === latest.summary.keepFrom.turn) : 0;
  // Its start gone (see requestMessages): the summary covers up to the reply that holds it.
  const start = latest && kept < 0 ? latest.turnIndex + 1 : kept;
  const points = cutPoints(turns, start);
  if (latest && kept >= 0) {
    const skip = points.findIndex((p) => p.turn === latest.summary.keepFrom.turn && p.round === latest.summary.keepFrom.round);
    points.splice(0, skip + 1); // only later points summarize something new
  } else points.shift();
  if (!points.length) return undefined;
  let chosen = points[points.length - 1];
  for (let i = points.length - 2; i >= 0; i--) {
    if (tokensOf(toApiMessages(turnsFrom(turns, points[i]))) > window * keepShare) break;
    chosen = points[i];
  }
  return chosen;
}
