import * as l10n from '@vscode/l10n';
import { el, iconButton } from './dom';
import { isComposing, isSubmitKey } from './keys';

export interface ComposerHandlers {
  send(text: string): void;
  stop(): void;
  newChat(): void;
  draftChanged(text: string): void;
  attachImage(): void;
  /** The person's last message, for ArrowUp in an empty box. */
  lastPrompt(): string | undefined;
}

/**
 * The message box (it grows with its text, up to 40 % of the view) and one row of compact
 * controls: Attach image, the model, New chat, Stop (while a reply runs), Send. Enter sends (while
 * a reply runs the message is queued: Enter never stops a reply), Shift+Enter adds a line, Escape
 * stops a reply, ArrowUp in an empty box brings back the last message. While an input method
 * composes text, its keys are its own: Enter confirms the text and never sends it.
 */
export class Composer {
  readonly element: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private streaming = false;

  constructor(
    private readonly handlers: ComposerHandlers,
    model: HTMLElement,
  ) {
    this.input = el('textarea', { className: 'input' }, { 'aria-label': l10n.t('Message Claude'), rows: '1', placeholder: l10n.t('Ask Claude… (Shift+Enter: new line)') });
    this.sendButton = iconButton(l10n.t({ message: 'Send', comment: ['Button: send the message'] }), 'send', undefined, 'icon-button send'); // not localized: class names
    this.sendButton.type = 'submit';
    this.sendButton.title = l10n.t('Send (Enter)');
    // Stop hides once the reply ends: keyboard focus goes back to the box rather than to the page.
    const stop = () => {
      this.handlers.stop();
      this.input.focus();
    };
    this.stopButton = iconButton(l10n.t({ message: 'Stop', comment: ['Button: stop the reply'] }), 'debug-stop', stop, 'icon-button send stop'); // not localized: class names
    this.stopButton.title = l10n.t('Stop (Escape)');
    this.stopButton.hidden = true;
    // The box keeps focus when Send or Stop is clicked with the mouse.
    for (const b of [this.sendButton, this.stopButton]) b.addEventListener('mousedown', (e) => e.preventDefault());
    const attach = iconButton(l10n.t('Attach image'), 'file-media', () => this.handlers.attachImage());
    const newChat = iconButton(l10n.t('New chat'), 'add', () => this.handlers.newChat());
    this.element = el('form', { className: 'composer' }, {}, [
      this.input,
      el('div', { className: 'row' }, {}, [attach, model, el('span', { className: 'spacer' }), newChat, this.stopButton, this.sendButton]),
    ]);
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => {
      this.fit();
      this.handlers.draftChanged(this.input.value);
    });
    new ResizeObserver(() => this.fit()).observe(document.documentElement);
  }

  private onKey(e: KeyboardEvent): void {
    if (isComposing(e)) return;
    if (isSubmitKey(e)) {
      e.preventDefault();
      this.submit();
    } else if (e.key === 'Escape' && this.streaming) {
      e.preventDefault();
      this.handlers.stop();
    } else if (e.key === 'ArrowUp' && !this.input.value && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      const last = this.handlers.lastPrompt();
      if (!last) return;
      e.preventDefault();
      this.setDraft(last);
      this.handlers.draftChanged(last);
    }
  }

  private submit(): void {
    const text = this.input.value;
    if (!text.trim()) return;
    this.setDraft('');
    this.handlers.draftChanged('');
    this.handlers.send(text);
  }

  /** Grows the box with its text, up to 40 % of the view, then it scrolls. */
  private fit(): void {
    const max = Math.max(48, Math.round(window.innerHeight * 0.4));
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight + 2, max)}px`;
    this.input.style.overflowY = this.input.scrollHeight + 2 > max ? 'auto' : 'hidden';
  }

  /** While a reply runs, Stop shows next to Send, and Send queues the message for when the reply ends. */
  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.stopButton.hidden = !streaming;
    this.sendButton.title = streaming ? l10n.t('Send (Enter): queued until the reply ends') : l10n.t('Send (Enter)');
  }

  /** Gives text back to the user: before what is in the box (a send that failed), or after it with `append` (queued messages). */
  restore(text: string, append = false): void {
    const draft = this.input.value;
    this.setDraft(!draft.trim() ? text : append ? `${draft.trimEnd()}\n\n${text}` : `${text}\n${draft}`);
    this.handlers.draftChanged(this.input.value);
    this.input.focus();
  }

  /** Puts `text` in the box (an example prompt, a recalled message), cursor at the end. */
  setDraft(text: string): void {
    this.input.value = text;
    this.fit();
    this.input.setSelectionRange(text.length, text.length);
  }

  focus(): void {
    this.input.focus();
  }
}
