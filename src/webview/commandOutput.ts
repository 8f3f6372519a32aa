/**
 * The live output of a command on its card: the last lines in a scrollable `pre`, with "Show all
 * output" to see everything the card holds. The card holds a bounded tail, and appends are written
 * at most once per animation frame, so a command that floods its output never grows the page.
 */
import * as l10n from '@vscode/l10n';
import { button, el } from './dom';

/** Most lines a card holds (the host sends Claude the whole output, cut to its own limit). */
export const CARD_OUTPUT_LINES = 200;
/** Most characters a card holds. */
export const CARD_OUTPUT_CHARS = 20_000;
/** Lines the collapsed view is sized for; longer output offers "Show all output". */
const COLLAPSED_LINES = 12;

const ESC = String.fromCharCode(27);
/** Colour and cursor sequences (ESC [ … letter) and OSC titles: a terminal draws them, a `pre` would print them. */
const ANSI = new RegExp(`${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${ESC}\\u0007]*(?:\\u0007|${ESC}\\\\)`, 'g');

/**
 * What a terminal would show: CRLF as a line end, a line rewritten after a bare CR (progress bars)
 * reduced to its last version, colour codes dropped. A CR or an escape sequence cut at the end of
 * the text is left for the next chunk to complete.
 */
export function displayText(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n/g, '\n').replace(/[^\n]*\r(?=[^\n])/g, '');
}

/** The end of `text`: at most `maxLines` lines and `maxChars` characters; `cut` when anything was dropped. */
export function keepTail(text: string, maxLines = CARD_OUTPUT_LINES, maxChars = CARD_OUTPUT_CHARS): { text: string; cut: boolean } {
  let kept = text.length > maxChars ? text.slice(text.length - maxChars) : text;
  // A final newline ends the last line rather than starting an empty one.
  let at = kept.endsWith('\n') ? kept.length - 1 : kept.length;
  for (let found = 0; found < maxLines; found++) {
    at = at > 0 ? kept.lastIndexOf('\n', at - 1) : -1;
    if (at < 0) break;
  }
  if (at >= 0) kept = kept.slice(at + 1);
  // Never start on the second half of a character cut in two.
  if (/^[\uDC00-\uDFFF]/.test(kept)) kept = kept.slice(1);
  return { text: kept, cut: kept.length < text.length };
}

/** More lines than the collapsed view shows (counted only as far as needed). */
function isLong(text: string): boolean {
  let at = -1;
  for (let lines = 0; lines < COLLAPSED_LINES; lines++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return false;
  }
  return at < text.length - 1;
}

export class CommandOutputView {
  readonly element = el('div', { className: 'command-output-area', hidden: true });
  private readonly cutNote = el('p', { className: 'command-output-cut', textContent: l10n.t('Earlier output is not shown here.'), hidden: true });
  // Its own live region set to off: the log around it would otherwise read every chunk aloud.
  private readonly pre = el('pre', { className: 'command-output' }, { tabindex: '0', role: 'region', 'aria-label': l10n.t('Command output'), 'aria-live': 'off' });
  private readonly toggle = button(l10n.t('Show all output'), () => this.setExpanded(!this.expanded), 'link-button');
  private text = '';
  private pending = '';
  private cut = false;
  private expanded = false;
  private frame: number | undefined;

  constructor() {
    this.toggle.hidden = true;
    this.element.append(this.cutNote, this.pre, this.toggle);
  }

  /** Replaces the whole output (a card's state sent again, or restored). */
  set(output: string): void {
    this.text = '';
    this.cut = false;
    this.pending = output;
    this.flush();
  }

  /** Output as it arrives; written on the next animation frame. */
  append(chunk: string): void {
    if (!chunk) return;
    this.pending += chunk;
    // A hidden view gets no frames: the waiting text stays bounded too.
    if (this.pending.length > 2 * CARD_OUTPUT_CHARS) {
      this.pending = this.pending.slice(this.pending.length - 2 * CARD_OUTPUT_CHARS);
      this.cut = true;
    }
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.flush();
    });
  }

  /** Writes what is waiting now (the command ended, or the card is shown again). */
  flush(): void {
    this.cancelFrame();
    if (!this.pending && this.pre.textContent === this.text) return;
    const tail = keepTail(displayText(this.text + this.pending));
    this.pending = '';
    this.text = tail.text;
    this.cut ||= tail.cut;
    const atEnd = this.pre.scrollTop + this.pre.clientHeight >= this.pre.scrollHeight - 4;
    this.pre.textContent = this.text;
    this.element.hidden = !this.text;
    this.cutNote.hidden = !this.cut;
    this.toggle.hidden = !isLong(this.text);
    // Follows the newest line unless the person scrolled up to read.
    if (atEnd && !this.expanded) this.pre.scrollTop = this.pre.scrollHeight;
  }

  private setExpanded(expanded: boolean): void {
    this.expanded = expanded;
    this.pre.classList.toggle('expanded', expanded);
    this.toggle.textContent = expanded ? l10n.t('Show less output') : l10n.t('Show all output');
    if (!expanded) this.pre.scrollTop = this.pre.scrollHeight;
  }

  /** The card is gone: no frame is left to write into it. */
  dispose(): void {
    this.cancelFrame();
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }
}
