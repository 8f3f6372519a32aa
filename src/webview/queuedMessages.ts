import type { QueuedMessage } from '../core/protocol/protocol';
import { button, el } from './dom';

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
  readonly element = el('div', { className: 'queued', hidden: true }, { role: 'group', 'aria-label': 'Queued messages' });

  constructor(private readonly handlers: QueuedHandlers) {}

  /** Shows the queue as the host has it now; true when it grew (a message was just queued). */
  update(items: readonly QueuedMessage[]): boolean {
    const grew = items.length > this.element.childElementCount;
    this.element.replaceChildren(...items.map((item) => this.article(item)));
    this.element.hidden = items.length === 0;
    return grew;
  }

  private article(item: QueuedMessage): HTMLElement {
    const actions = [button('Edit', () => this.handlers.edit(item.id)), button('Remove', () => this.handlers.remove(item.id))];
    const head = el('div', { className: 'author' }, {}, [
      el('span', { textContent: 'You' }, { 'aria-hidden': 'true' }),
      el('span', { className: 'queued-badge', textContent: 'Queued' }, { title: 'Sent when the reply ends' }),
      el('span', { className: 'spacer' }),
      ...actions,
    ]);
    return el('article', { className: 'message user waiting' }, { 'aria-label': 'You', 'aria-busy': 'false' }, [head, el('div', { className: 'body plain', textContent: item.text })]);
  }
}
