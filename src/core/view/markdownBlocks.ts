/**
 * Splits streamed markdown into blocks that are complete (safe to render once and freeze) and an
 * open tail. A boundary is a blank line, or the end of a closed code fence, followed by a line that
 * starts at column 0 (so list continuations and indented blocks stay together). Lines are scanned
 * once, so the work per delta is proportional to the delta.
 */

export interface OpenFence {
  /** Offset in the tail where the opening fence line starts. */
  readonly start: number;
  /** Offset in the tail where the fence's content starts (after the opening line). */
  readonly bodyStart: number;
  readonly info: string;
}

export interface MarkdownTail {
  readonly text: string;
  /** Set while a code fence is open: its content is shown as plain text until it closes. */
  readonly fence?: OpenFence;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const BLANK = /^[ \t]*$/;

export class MarkdownBlockSplitter {
  private buffer = '';
  /** Offset in `buffer` of the first line not scanned yet. */
  private scanned = 0;
  private fence: { char: string; length: number; start: number; bodyStart: number; info: string } | undefined;
  /** A possible boundary (after a blank line or a closed top-level fence), confirmed by the next line. */
  private candidate: number | undefined;

  /** Adds streamed text; returns the blocks it completed, in order. */
  push(delta: string): string[] {
    this.buffer += delta;
    const completed: string[] = [];
    let newline = this.buffer.indexOf('\n', this.scanned);
    while (newline !== -1) {
      const lineStart = this.scanned;
      const line = this.buffer.slice(lineStart, newline);
      this.scanned = newline + 1;
      const boundary = this.scanLine(line, lineStart, newline + 1);
      if (boundary !== undefined && boundary > 0) {
        completed.push(this.buffer.slice(0, boundary));
        this.shift(boundary);
      }
      newline = this.buffer.indexOf('\n', this.scanned);
    }
    // The first character of the next line is enough to confirm a boundary.
    if (this.candidate !== undefined && !this.fence && this.scanned < this.buffer.length && !/\s/.test(this.buffer[this.scanned])) {
      const boundary = this.candidate;
      completed.push(this.buffer.slice(0, boundary));
      this.shift(boundary);
    }
    return completed;
  }

  /** The open tail block (everything not yet returned as complete). */
  tail(): MarkdownTail {
    const f = this.fence;
    return f ? { text: this.buffer, fence: { start: f.start, bodyStart: f.bodyStart, info: f.info } } : { text: this.buffer };
  }

  /** Ends the stream: returns the rest as the last block (empty string when nothing is left). */
  end(): string {
    const rest = this.buffer;
    this.buffer = '';
    this.scanned = 0;
    this.fence = undefined;
    this.candidate = undefined;
    return rest;
  }

  /** Scans one complete line; returns a confirmed boundary offset, if this line confirms one. */
  private scanLine(line: string, lineStart: number, lineEnd: number): number | undefined {
    if (this.fence) {
      const close = new RegExp(`^ {0,3}${this.fence.char === '`' ? '`' : '~'}{${this.fence.length},}[ \\t]*$`);
      if (close.test(line)) {
        const topLevel = !/^\s/.test(this.buffer.slice(this.fence.start, this.fence.start + 1));
        this.fence = undefined;
        if (topLevel) this.candidate = lineEnd;
      }
      return undefined;
    }
    if (BLANK.test(line)) {
      this.candidate ??= lineEnd;
      return undefined;
    }
    const boundary = this.candidate !== undefined && !/^\s/.test(line) ? this.candidate : undefined;
    this.candidate = undefined;
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      this.fence = { char: open[1][0], length: open[1].length, start: lineStart, bodyStart: lineEnd, info: open[2].trim() };
    }
    return boundary;
  }

  private shift(offset: number): void {
    this.buffer = this.buffer.slice(offset);
    this.scanned -= offset;
    if (this.fence) this.fence = { ...this.fence, start: this.fence.start - offset, bodyStart: this.fence.bodyStart - offset };
    this.candidate = undefined;
  }
}
