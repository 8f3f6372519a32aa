import type { QueuedMessage } from '../core/protocol/protocol';
import * as l10n from '@vscode/l10n';
import { button, el } from './dom';
import { you } from './userMessage';

export interface QueuedHandlers {
  remove(id: string): void;
  /** The message leaves the queue and its text goes to the message box (the host says so). */
  edit(id: string): void;
}

/**
 * Messages sent while a reply runs, at the end of the conversation: each a "You" article marked
 * "Queued" with Remove and Edit, in a group "Queued messages". The host owns the queue; this only
 * shows what it says.
 */
export class QueuedMessages {
  readonly element = el('div', { className: 'queued', hidden: true }, { role: 'group', 'aria-label': l10n.t('Queued messages') });

  constructor(private readonly handlers: QueuedHandlers) {}

  /** Shows the queue as the host has it now; true when it grew (a message was just queued). */
  update(items: readonly QueuedMessage[]): boolean {
    const grew = items.length > this.element.childElementCount;
    this.element.replaceChildren(...items.map((item) => this.article(item)));
    this.element.hidden = items.length === 0;
    return grew;
  }

  private article(item: QueuedMessage): HTMLElement {
    const actions = [
      button(l10n.t({ message: 'Edit', comment: ['Button on a queued message'] }), () => this.handlers.edit(item.id)),
      button(l10n.t({ message: 'Remove', comment: ['Button on a queued message'] }), () => this.handlers.remove(item.id)),
    ];
    const head = el('div', { className: 'author' }, {}, [
      el('span', { textContent: you() }, { 'aria-hidden': 'true' }),
      el('span', { className: 'queued-badge', textContent: l10n.t({ message: 'Queued', comment: ['Message waiting for the reply to end'] }) }, { title: l10n.t('Sent when the reply ends') }),
      el('span', { className: 'spacer' }),
      ...actions,
    ]);
    return el('article', { className: 'message user waiting' }, { 'aria-label': you(), 'aria-busy': 'false' }, [head, el('div', { className: 'body plain', textContent: item.text })]);
  }
}
