/** The review card's data for a proposed edit (or a read waiting for permission). */
import { diffArrays } from 'diff';
import type { DiffLine, EditCardView, EditState } from '../protocol';
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

  const all: DiffLine[] = [];
  let added = 0;
  let removed = 0;
  for (const change of diffArrays(splitLines(item.before ?? ''), splitLines(item.after))) {
    const kind = change.added ? '+' : change.removed ? '-' : ' ';
    if (change.added) added += change.count;
    if (change.removed) removed += change.count;
    for (const text of change.value) all.push({ kind, text });
  }
  const { lines, omitted } = withContext(all);
  return { ...base, added, removed, lines, omitted };
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
