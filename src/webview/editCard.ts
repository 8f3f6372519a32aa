import type { DiffLine, EditCardView, EditState } from '../core/protocol/protocol';
import { button, el } from './dom';

export interface EditCardHandlers {
  decide(cardId: string, accept: boolean): void;
  showDiff(cardId: string): void;
}

const MINUS = '\u2212';
const PREFIX: Record<DiffLine['kind'], string> = { '+': '+', '-': MINUS, ' ': ' ' };
const LINE_CLASS: Record<DiffLine['kind'], string> = { '+': 'added', '-': 'removed', ' ': 'context' };

const EDIT_WORDS = { title: 'Proposed edit', accept: 'Accept', reject: 'Reject', applied: 'Applied', rejected: 'Rejected' };
const READ_WORDS = { title: 'Read request', accept: 'Allow', reject: 'Deny', applied: 'Allowed', rejected: 'Denied' };

/**
 * A review card for a proposed edit (or, with command `view`, a read waiting for permission):
 * a `group` named "Proposed edit: <path> (+A −R)" with the diff and Accept / Reject / Show diff.
 */
export class EditCard {
  readonly element: HTMLElement;
  private readonly words: typeof EDIT_WORDS;
  private readonly stateLine: HTMLElement;
  private readonly buttons: HTMLElement;
  private readonly accept: HTMLButtonElement;
  private readonly reject: HTMLButtonElement;
  private readonly diff: HTMLButtonElement | undefined;

  constructor(
    readonly card: EditCardView,
    private readonly handlers: EditCardHandlers,
  ) {
    const isRead = card.command === 'view';
    this.words = isRead ? READ_WORDS : EDIT_WORDS;
    const stats = `+${card.added} ${MINUS}${card.removed}`;
    const name = isRead ? `${this.words.title}: ${card.path}` : `${this.words.title}: ${card.path} (${stats})`;
    const head = el('div', { className: 'edit-head' }, {}, [
      el('span', { className: 'edit-kind', textContent: this.words.title }),
      el('code', { className: 'edit-path', textContent: card.path }, { title: card.path }),
    ]);
    if (!isRead) {
      head.append(
        el('span', { className: 'edit-stats' }, { 'aria-hidden': 'true' }, [
          el('span', { className: 'added', textContent: `+${card.added}` }),
          el('span', { className: 'removed', textContent: `${MINUS}${card.removed}` }),
        ]),
      );
    }
    this.stateLine = el('p', { className: 'edit-state' });
    this.accept = button(this.words.accept, () => this.decide(true), 'primary');
    this.reject = button(this.words.reject, () => this.decide(false));
    if (!isRead) {
      this.diff = button('Show diff', () => this.handlers.showDiff(card.id));
      this.diff.title = 'Open the change in a diff editor';
    }
    this.buttons = el('div', { className: 'edit-buttons' }, {}, [this.accept, this.reject, ...(this.diff ? [this.diff] : [])]);
    this.element = el('div', { className: 'edit-card' }, { role: 'group', 'aria-label': name, tabindex: '-1' }, [
      head,
      ...(card.lines.length || card.omitted ? [diffView(card)] : []),
      this.stateLine,
      this.buttons,
    ]);
    this.setState(card.state, card.note);
  }

  get id(): string {
    return this.card.id;
  }

  get pending(): boolean {
    return this.element.dataset.state === 'pending';
  }

  /** The host's word on the card: pending shows the buttons, anything else the outcome. */
  setState(state: EditState, note?: string): void {
    this.element.dataset.state = state;
    const pending = state === 'pending';
    this.buttons.hidden = !pending;
    this.accept.disabled = this.reject.disabled = false;
    const label = pending ? '' : state === 'applied' ? this.words.applied : state === 'rejected' ? this.words.rejected : 'Not applied';
    const parts: Node[] = label ? [el('strong', { textContent: label })] : [];
    if (note) parts.push(document.createTextNode(label ? `: ${note}` : note));
    this.stateLine.replaceChildren(...parts);
    this.stateLine.hidden = !parts.length;
    if (!pending) this.keepFocus();
  }

  private decide(accept: boolean): void {
    if (this.accept.disabled) return;
    this.accept.disabled = this.reject.disabled = true;
    this.keepFocus();
    this.handlers.decide(this.card.id, accept);
  }

  /** A disabled or hidden button drops keyboard focus to the page: keep it on the card instead. */
  private keepFocus(): void {
    const active = document.activeElement;
    if (active instanceof HTMLButtonElement && this.buttons.contains(active) && (active.disabled || this.buttons.hidden)) this.element.focus();
  }
}

function diffView(card: EditCardView): HTMLElement {
  const pre = el('pre', { className: 'edit-diff' });
  for (const line of card.lines) {
    pre.append(el('span', { className: `diff-line ${LINE_CLASS[line.kind]}`, textContent: `${PREFIX[line.kind]}${line.text}\n` }));
  }
  if (card.omitted > 0) {
    const more = `\u2026 ${card.omitted} more line${card.omitted === 1 ? '' : 's'} (Show diff)`;
    pre.append(el('span', { className: 'diff-line omitted', textContent: more }));
  }
  return pre;
}
