/** Turns as the webview shows them: entries made of parts, the actions a reply offers, usage. */
import { attachmentView } from '../context/attachments';
import { textOf, thinkingOf, usageOf, type AssistantTurn, type Round, type Turn, type UserTurn } from '../conversation/turns';
import type { ModelInfo } from '../models/models';
import type { ConversationUsage, ReplyAction, ReplyPart, ReplyStatus, TranscriptEntry } from '../protocol/protocol';
import { addUsage, promptTokens, summarizeUsage, ZERO_USAGE } from '../models/usage';
import { CONTINUE_TEXT, continueShown } from './chatEngineDeps';
import { failedCompactionText } from '../context/compaction';
export { failedCompactionText };

/** What the view shows of a user turn besides its text: its attachments' names, and whether the extension wrote it (Continue). */
export function userViewFields(turn: UserTurn): { attachments?: string[]; automatic?: true } {
  return {
    ...(turn.attachments?.length ? { attachments: turn.attachments.map((a) => attachmentView(a).label) } : {}),
    ...(turn.text === CONTINUE_TEXT ? { automatic: true as const } : {}),
  };
}

/** A user turn's text as the view shows it: what the person wrote, or Continue's message in the display language. */
export function shownUserText(turn: UserTurn): string {
  return turn.text === CONTINUE_TEXT ? continueShown() : turn.text;
}

/** A reply's parts in order: per round, its thinking and text, then its tools' lines and cards, then a summary made after it. */
export function partsOf(rounds: readonly Round[]): ReplyPart[] {
  const parts: ReplyPart[] = [];
  for (const round of rounds) {
    for (const block of round.content) {
      if (block.type === 'text' && block.text) parts.push({ kind: 'text', text: block.text });
      if (block.type === 'thinking' && block.thinking) parts.push({ kind: 'thinking', text: block.thinking });
      if (block.type === 'compaction') parts.push({ kind: 'summary', text: block.content ?? failedCompactionText(), freed: round.freed ?? 0 });
    }
    for (const view of round.tools ?? []) parts.push(view.kind === 'tool' ? { kind: 'tool', text: view.text, isError: view.isError } : view);
    if (round.summary) parts.push({ kind: 'summary', text: round.summary.text, freed: round.summary.freed });
  }
  return parts;
}

/** What a finished reply offers: Continue only on the last reply, Revert while its changes stand. */
export function actionsOf(turn: AssistantTurn, isLast: boolean): ReplyAction[] {
  const actions = (turn.actions ?? []).filter((a) => a !== 'continue' || isLast);
  if (turn.changed?.length && !turn.reverted) actions.push('revert');
  return actions;
}

export function userEntry(turn: UserTurn): TranscriptEntry {
  return { id: turn.id, role: 'user', text: shownUserText(turn), ...userViewFields(turn) };
}

export function replyEntry(turn: AssistantTurn, model: ModelInfo, isLast: boolean, live = false): TranscriptEntry {
  const content = turn.rounds.flatMap((r) => r.content);
  const usage = usageOf(turn);
  const status: ReplyStatus = turn.status === 'streaming' ? 'interrupted' : turn.status;
  const actions = live ? [] : actionsOf(turn, isLast);
  return {
    id: turn.id,
    role: 'assistant',
    text: textOf(content),
    thinking: thinkingOf(content) || undefined,
    parts: partsOf(turn.rounds),
    ...(live ? {} : { status }),
    ...(usage && !live ? { usage: summarizeUsage(usage, model) } : {}),
    ...(turn.note && !live ? { note: turn.note } : {}),
    ...(actions.length ? { actions } : {}),
    model: model.label,
  };
}

export function transcriptOf(turns: readonly Turn[], modelFor: (id: string) => ModelInfo): TranscriptEntry[] {
  return turns.map((t, i) => (t.role === 'user' ? userEntry(t) : replyEntry(t, modelFor(t.model), i === turns.length - 1)));
}

/** Cost of the whole conversation (summaries included), how much of the context window the next request starts from, and what the latest compaction freed. */
export function conversationUsage(turns: readonly Turn[], modelFor: (id: string) => ModelInfo, current: ModelInfo): ConversationUsage {
  let total = ZERO_USAGE;
  let contextUsed = 0;
  let freed = 0;
  for (const turn of turns) {
    if (turn.role !== 'assistant') continue;
    const model = modelFor(turn.model);
    for (const round of turn.rounds) {
      if (round.usage) {
        const used = summarizeUsage(round.usage, model);
        total = addUsage(total, used);
        contextUsed = promptTokens(used) + used.output;
      }
      if (round.freed !== undefined) freed = round.freed;
      if (round.compactionUsage) total = addUsage(total, summarizeUsage(round.compactionUsage, model));
      if (round.summary) {
        if (round.summary.usage) total = addUsage(total, summarizeUsage(round.summary.usage, model));
        freed = round.summary.freed;
        contextUsed = Math.max(0, contextUsed - freed);
      }
    }
  }
  return { total, contextUsed, contextLimit: current.contextWindow, freed };
}
