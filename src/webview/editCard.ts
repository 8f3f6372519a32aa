import type { DiffLine, EditCardView, EditState } from '../core/protocol/protocol';
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../core/l10n/format';
import { button, el, fillSlots, slot } from './dom';

export interface EditCardHandlers {
  decide(cardId: string, accept: boolean): void;
  showDiff(cardId: string): void;
}

const MINUS = '\u2212';
const PREFIX: Record<DiffLine['kind'], string> = { '+': '+', '-': MINUS, ' ': ' ' };
const LINE_CLASS: Record<DiffLine['kind'], string> = { '+': 'added', '-': 'removed', ' ': 'context' };

interface CardWords {
  /** The card's title. */
  readonly title: string;
  /** Its accessible name, with the path (and, for an edit, the lines added and removed). */
  readonly name: string;
  readonly accept: string;
  readonly reject: string;
  readonly applied: string;
  readonly rejected: string;
}

/** An edit's words: "Proposed edit", Accept / Reject, Applied / Rejected. */
function editWords(card: EditCardView): CardWords {
  return {
    title: l10n.t('Proposed edit'),
    name: l10n.t('Proposed edit: {0} (+{1} −{2})', card.path, formatNumber(card.added), formatNumber(card.removed)),
    accept: l10n.t({ message: 'Accept', comment: ['Button: apply the edit'] }),
    reject: l10n.t({ message: 'Reject', comment: ['Button: do not apply the edit'] }),
    applied: l10n.t({ message: 'Applied', comment: ['Edit outcome'] }),
    rejected: l10n.t({ message: 'Rejected', comment: ['Edit outcome'] }),
  };
}

/** A read's words: "Read request", Allow / Deny, Allowed / Denied. */
function readWords(card: EditCardView): CardWords {
  return {
    title: l10n.t('Read request'),
    name: l10n.t('Read request: {0}', card.path),
    accept: l10n.t({ message: 'Allow', comment: ['Button: let Claude read the file'] }),
    reject: l10n.t({ message: 'Deny', comment: ['Button: do not let Claude read it'] }),
    applied: l10n.t({ message: 'Allowed', comment: ['Read request outcome'] }),
    rejected: l10n.t({ message: 'Denied', comment: ['Read request outcome'] }),
  };
}

/**
 * A review card for a proposed edit (or, with command `view`, a read waiting for permission):
 * a `group` named "Proposed edit: <path> (+A −R)" with the diff and Accept / Reject / Show diff.
 */
export class EditCard {
  readonly element: HTMLElement;
  private readonly words: CardWords;
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
    this.words = isRead ? readWords(card) : editWords(card);
    const head = el('div', { className: 'edit-head' }, {}, [
      el('span', { className: 'edit-kind', textContent: this.words.title }),
      el('code', { className: 'edit-path', textContent: card.path }, { title: card.path }),
    ]);
    if (!isRead) {
      head.append(
        el('span', { className: 'edit-stats' }, { 'aria-hidden': 'true' }, [
          el('span', { className: 'added', textContent: `+${formatNumber(card.added)}` }),
          el('span', { className: 'removed', textContent: `${MINUS}${formatNumber(card.removed)}` }),
        ]),
      );
    }
    this.stateLine = el('p', { className: 'edit-state' });
    this.accept = button(this.words.accept, () => this.decide(true), 'primary');
    this.reject = button(this.words.reject, () => this.decide(false));
    if (!isRead) {
      this.diff = button(l10n.t('Show diff'), () => this.handlers.showDiff(card.id));
      this.diff.title = l10n.t('Open the change in a diff editor');
    }
    this.buttons = el('div', { className: 'edit-buttons' }, {}, [this.accept, this.reject, ...(this.diff ? [this.diff] : [])]);
    this.element = el('div', { className: 'edit-card' }, { role: 'group', 'aria-label': this.words.name, tabindex: '-1' }, [
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
    const label = pending ? '' : state === 'applied' ? this.words.applied : state === 'rejected' ? this.words.rejected : l10n.t('Not applied');
    const strong = el('strong', { textContent: label });
    const parts: Node[] = !label ? (note ? [document.createTextNode(note)] : []) : !note ? [strong] : fillSlots(l10n.t({ message: '{0}: {1}', args: [slot(0), slot(1)], comment: ['{0}: an outcome such as Applied; {1}: why'] }), strong, document.createTextNode(note));
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
    const more = card.omitted === 1 ? l10n.t('… 1 more line (Show diff)') : l10n.t('… {0} more lines (Show diff)', formatNumber(card.omitted));
    pre.append(el('span', { className: 'diff-line omitted', textContent: more }));
  }
  return pre;
}
