import * as l10n from '@vscode/l10n';
import { button, el, iconButton } from './dom';
import { isComposing, isSubmitKey } from './keys';

/** The name of the person's messages in the conversation. */
export function you(): string {
  return l10n.t({ message: 'You', comment: ['Author of a message: the person'] });
}

/**
 * One "You" article. The last one can be edited and sent again ("Edit last message"): the text
 * turns into a box with Ask again and Cancel; Enter sends it (not while an input method composes
 * text), Escape cancels.
 */
export class UserMessage {
  readonly article: HTMLElement;
  private readonly body: HTMLElement;
  private readonly edit: HTMLButtonElement;
  private editor: HTMLElement | undefined;

  /** `resend`: the edited text to send; `keep`: an edit cut short (a reply started) goes to the message box. */
  constructor(
    readonly text: string,
    attachments: readonly string[],
    private readonly resend: (text: string) => void,
    private readonly keep: (text: string) => void,
  ) {
    this.body = el('div', { className: 'body plain', textContent: text });
    // Names that do not contain "Send" or "Stop": tests find those buttons by name.
    this.edit = iconButton(l10n.t('Edit last message'), 'edit', () => this.startEditing(), 'icon-button hover-action'); // not localized: class names
    this.edit.title = l10n.t('Edit and resend');
    this.edit.hidden = true;
    const chips = attachments.length
      ? [el('ul', { className: 'attached' }, { 'aria-label': l10n.t('Attached') }, attachments.map((label) => el('li', { textContent: label })))]
      : [];
    const head = el('div', { className: 'author' }, {}, [el('span', { textContent: you() }, { 'aria-hidden': 'true' }), el('span', { className: 'spacer' }), this.edit]);
    this.article = el('article', { className: 'message user' }, { 'aria-label': you(), 'aria-busy': 'false' }, [head, ...chips, this.body]);
  }

  /** Only the last message, and only while no reply streams, offers Edit and resend. */
  setEditable(editable: boolean): void {
    this.edit.hidden = !editable;
    if (editable || !this.editor) return;
    const edited = this.editor.querySelector('textarea')?.value ?? '';
    this.stopEditing(false);
    if (edited.trim() && edited !== this.text) this.keep(edited);
  }

  private startEditing(): void {
    if (this.editor) return;
    const box = el('textarea', { className: 'input edit-box' }, { 'aria-label': l10n.t('Edit message'), rows: '3' });
    box.value = this.text;
    const submit = () => {
      if (!box.value.trim()) return;
      this.resend(box.value);
      this.stopEditing(false);
    };
    box.addEventListener('keydown', (e) => {
      if (isComposing(e)) return;
      if (isSubmitKey(e)) {
        e.preventDefault();
        submit();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.stopEditing(true);
      }
    });
    this.editor = el('div', { className: 'edit-message' }, {}, [
      box,
      el('div', { className: 'edit-buttons' }, {}, [button(l10n.t('Ask again'), submit, 'primary'), button(l10n.t('Cancel'), () => this.stopEditing(true))]),
    ]);
    this.body.hidden = true;
    this.edit.hidden = true;
    this.body.after(this.editor);
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }

  private stopEditing(keepEditable: boolean): void {
    if (!this.editor) return;
    this.editor.remove();
    this.editor = undefined;
    this.body.hidden = false;
    this.edit.hidden = !keepEditable;
    if (keepEditable) this.edit.focus();
  }
}
