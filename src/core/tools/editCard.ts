/** The review card's data for a proposed edit (or a read waiting for permission). */
import { diffArrays } from 'diff';
import type { DiffLine, EditCardView, EditState } from '../protocol/protocol';
import type { ProposedEdit, ViewRequest } from './toolTypes';
import { splitLines } from './editorText';

/** Unchanged lines shown around each change. */
export const CARD_CONTEXT = 2;
/** Lines a card shows at most; the diff editor shows everything. */
export const CARD_MAX_LINES = 60;
/** Stands for unchanged lines left out between two changes. */
export const CARD_GAP: DiffLine = { kind: ' ', text: '⋯' };

/** The card for `item` in `state`: added and removed line counts, the changed lines with context, capped. */
export function editCardView(item: ProposedEdit | ViewRequest, state: EditState, note?: string): EditCardView {
  const base = { id: item.id, command: item.command, path: item.path.display, state, ...(note === undefined ? {} : { note }) };
  if (item.command === 'view') return { ...base, added: 0, removed: 0, lines: [], omitted: 0 };

  const { all, added, removed } = lineDiff(splitLines(item.before ?? ''), splitLines(item.after));
  const { lines, omitted } = withContext(all);
  return { ...base, added, removed, lines, omitted };
}

/** Longest a card's diff may take; past it the changed region shows as removed, then added. */
const DIFF_TIMEOUT_MS = 100;

/**
 * The diff of two line lists. Only the region between the common leading and trailing lines is
 * diffed (with a time limit), so a one-line change in a large file costs a scan, not a search.
 */
function lineDiff(before: readonly string[], after: readonly string[]): { all: DiffLine[]; added: number; removed: number } {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const oldMiddle = before.slice(head, before.length - tail);
  const newMiddle = after.slice(head, after.length - tail);
  const all: DiffLine[] = before.slice(Math.max(0, head - CARD_CONTEXT), head).map((text) => ({ kind: ' ', text }));
  const changes = diffArrays(oldMiddle, newMiddle, { timeout: DIFF_TIMEOUT_MS }) ?? [
    { value: oldMiddle, count: oldMiddle.length, removed: true, added: false },
    { value: newMiddle, count: newMiddle.length, removed: false, added: true },
  ];
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    const kind = change.added ? '+' : change.removed ? '-' : ' ';
    if (change.added) added += change.count;
    if (change.removed) removed += change.count;
    for (const text of change.value) all.push({ kind, text });
  }
  all.push(...before.slice(before.length - tail, before.length - tail + CARD_CONTEXT).map((text): DiffLine => ({ kind: ' ', text })));
  return { all, added, removed };
}

/** Changed lines plus CARD_CONTEXT lines either side, gaps marked, at most CARD_MAX_LINES (the rest counted in `omitted`). */
function withContext(all: readonly DiffLine[]): { lines: DiffLine[]; omitted: number } {
  const keep = new Array<boolean>(all.length).fill(false);
  all.forEach((line, i) => {
    if (line.kind === ' ') return;
    for (let j = Math.max(0, i - CARD_CONTEXT); j <= Math.min(all.length - 1, i + CARD_CONTEXT); j++) keep[j] = true;
  });
  const lines: DiffLine[] = [];
  let omitted = 0;
  let previous = -1;
  all.forEach((line, i) => {
    if (!keep[i]) return;
    const gap = previous !== -1 && i > previous + 1;
    if (omitted > 0 || lines.length + (gap ? 2 : 1) > CARD_MAX_LINES) {
      omitted++;
    } else {
      if (gap) lines.push(CARD_GAP);
      lines.push(line);
    }
    previous = i;
  });
  return { lines, omitted };
}
