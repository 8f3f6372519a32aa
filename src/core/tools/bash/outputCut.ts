/**
 * How much of a command's output is kept, and where. Claude gets the start (the first error) and
 * the end (the test summary) with a note of what was cut between them; the card shows only the
 * last lines; and a command that floods output never makes either grow without bound.
 */

/** At most this many characters of one command's answer reach Claude. */
export const CLAUDE_OUTPUT_LIMIT = 30_000;
/** The output's share of the answer; the rest is room for the exit code and how the command ended. */
export const OUTPUT_BUDGET = CLAUDE_OUTPUT_LIMIT - 1_000;
/** The card's live view: its last lines, so a flood never grows the webview. */
export const CARD_TAIL_LINES = 200;
export const CARD_TAIL_CHARACTERS = 20_000;

const countLines = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

const cutNote = (characters: number, lines: number): string =>
  `\n\n[… ${characters.toLocaleString('en-US')} characters${lines ? ` (${lines.toLocaleString('en-US')} lines)` : ''} cut from the middle of the output …]\n\n`; // not localized: sent to Claude

/**
 * Keeps the first and the last characters of a stream as it arrives and counts what falls between,
 * so memory stays bounded however much a command prints (`yes` for two minutes included).
 */
export class OutputKeeper {
  private head = '';
  private tail = '';
  private droppedCharacters = 0;
  private droppedLines = 0;
  private total = 0;

  constructor(private readonly limit = OUTPUT_BUDGET) {}

  /** Characters seen so far. */
  get length(): number {
    return this.total;
  }

  add(chunk: string): void {
    this.total += chunk.length;
    const headRoom = this.headSize - this.head.length;
    if (headRoom > 0) {
      this.head += chunk.slice(0, headRoom);
      chunk = chunk.slice(headRoom);
    }
    if (!chunk) return;
    this.tail += chunk;
    // Trim in batches (at twice the size) so a stream of small chunks costs O(1) each on average.
    if (this.tail.length > 2 * this.limit) {
      const drop = this.tail.length - this.limit;
      this.droppedCharacters += drop;
      this.droppedLines += countLines(this.tail.slice(0, drop));
      this.tail = this.tail.slice(drop);
    }
  }

  /** The output, whole when it fits the limit, else its start and end around a note of what was cut. */
  text(): string {
    if (!this.droppedCharacters) return cutForClaude(this.head + this.tail, this.limit);
    return cutParts(this.head, this.tail, this.droppedCharacters, this.droppedLines, this.limit);
  }

  private get headSize(): number {
    return Math.floor(this.limit / 3);
  }
}

/** At most `limit` characters: the whole text when it fits, else its first third and its end, cut at line breaks where one is near. */
export function cutForClaude(text: string, limit = OUTPUT_BUDGET): string {
  if (text.length <= limit) return text;
  const head = text.slice(0, Math.floor(limit / 3));
  return cutParts(head, text.slice(head.length), 0, 0, limit);
}

/** Joins `head` and the end of `rest` with a note counting everything left out (`dropped` before `rest`, plus what `rest` loses). */
function cutParts(head: string, rest: string, dropped: number, droppedLines: number, limit: number): string {
  // A cut inside a line would show a half line: move each cut to the nearest line break within 200 characters.
  const headBreak = head.lastIndexOf('\n');
  const keptHead = headBreak >= head.length - 200 ? head.slice(0, headBreak + 1) : head;
  const looseHead = head.slice(keptHead.length);
  const room = limit - keptHead.length - cutNote(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).length;
  let tailStart = Math.max(0, rest.length - room);
  const tailBreak = rest.indexOf('\n', tailStart);
  if (tailBreak >= 0 && tailBreak - tailStart < 200) tailStart = tailBreak + 1;
  const cut = looseHead + rest.slice(0, tailStart);
  return keptHead + cutNote(dropped + cut.length, droppedLines + countLines(cut)) + rest.slice(tailStart);
}

/** The end of `text` as the card shows it: the last `maxLines` lines, at most `maxCharacters` characters. */
export function lastLines(text: string, maxLines = CARD_TAIL_LINES, maxCharacters = CARD_TAIL_CHARACTERS): string {
  let start = Math.max(0, text.length - maxCharacters);
  let lines = 0;
  // A trailing newline does not start a line of its own.
  for (let i = text.length - 2; i >= start; i--) {
    if (text[i] === '\n' && ++lines >= maxLines) {
      start = i + 1;
      break;
    }
  }
  return text.slice(start);
}
