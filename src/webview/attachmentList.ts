import type { AttachmentView } from '../core/context/attachments';
import { button, el } from './dom';

/** The list "Attachments" above the message box: each item names what is attached and can be removed. */
export class AttachmentList {
  readonly element = el('ul', { className: 'attachments', hidden: true }, { 'aria-label': 'Attachments' });

  constructor(private readonly onRemove: (id: string) => void) {}

  update(items: readonly AttachmentView[]): void {
    this.element.hidden = items.length === 0;
    this.element.replaceChildren(
      ...items.map((item) => {
        const remove = button('Remove attachment', () => this.onRemove(item.id), 'icon remove');
        remove.setAttribute('aria-label', 'Remove attachment');
        remove.title = `Remove ${item.label}`;
        remove.textContent = '×';
        const parts: Node[] = [];
        if (item.thumbnail) parts.push(el('img', { className: 'thumb' }, { src: item.thumbnail, alt: '' }));
        parts.push(el('span', { className: 'label', textContent: item.label }));
        if (item.tokens !== undefined) parts.push(el('span', { className: 'tokens', textContent: `≈${item.tokens.toLocaleString('en-US')} tokens` }));
        return el('li', { className: `attachment ${item.kind}` }, { title: item.label }, [...parts, remove]);
      }),
    );
  }
}
