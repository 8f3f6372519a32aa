import type { AttachmentView } from '../core/protocol/views';
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../core/l10n/format';
import { button, el } from './dom';

/** An image's token estimate: "≈1,600 tokens". */
function tokenEstimate(tokens: number): string {
  return tokens === 1 ? l10n.t('≈1 token') : l10n.t('≈{0} tokens', formatNumber(tokens));
}

/** The list "Attachments" above the message box: each item names what is attached and can be removed. */
export class AttachmentList {
  readonly element = el('ul', { className: 'attachments', hidden: true }, { 'aria-label': l10n.t('Attachments') });

  constructor(private readonly onRemove: (id: string) => void) {}

  update(items: readonly AttachmentView[]): void {
    this.element.hidden = items.length === 0;
    this.element.replaceChildren(
      ...items.map((item) => {
        const remove = button(l10n.t('Remove attachment'), () => this.onRemove(item.id), 'icon remove'); // not localized: class names
        remove.setAttribute('aria-label', l10n.t('Remove attachment'));
        remove.title = l10n.t('Remove {0}', item.label);
        remove.textContent = '×'; // a glyph; the button's name is "Remove attachment"
        const parts: Node[] = [];
        if (item.thumbnail) parts.push(el('img', { className: 'thumb' }, { src: item.thumbnail, alt: '' }));
        // A badge where an image has its thumbnail; the label names the file.
        if (item.kind === 'document') parts.push(el('span', { className: 'badge', textContent: 'PDF' }, { 'aria-hidden': 'true' })); // not localized: a file format's name
        parts.push(el('span', { className: 'label', textContent: item.label }));
        if (item.tokens !== undefined) parts.push(el('span', { className: 'tokens', textContent: tokenEstimate(item.tokens) }));
        return el('li', { className: `attachment ${item.kind}` }, { title: item.label }, [...parts, remove]);
      }),
    );
  }
}
