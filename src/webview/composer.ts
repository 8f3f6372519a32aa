import { el } from './dom';

export interface ComposerHandlers {
  send(text: string): void;
  stop(): void;
  newChat(): void;
  draftChanged(text: string): void;
  attachImage(): void;
}

/** The message box with Send/Stop and New chat. Enter sends, Shift+Enter adds a line. */
export class Composer {
  readonly element: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly action: HTMLButtonElement;
  private streaming = false;

  constructor(
    private readonly handlers: ComposerHandlers,
    toolbar: HTMLElement,
  ) {
    this.input = el('textarea', { className: 'input' }, { 'aria-label': 'Message Claude', rows: '3', placeholder: 'Ask Claude… (Enter to send, Shift+Enter for a new line)' });
    this.action = el('button', { className: 'primary', textContent: 'Send' }, { type: 'submit' });
    const attach = el('button', { className: 'secondary', textContent: 'Attach image' }, { type: 'button' });
    attach.addEventListener('click', () => this.handlers.attachImage());
    const newChat = el('button', { className: 'secondary', textContent: 'New chat' }, { type: 'button' });
    newChat.addEventListener('click', () => this.handlers.newChat());
    this.element = el('form', { className: 'composer' }, {}, [
      this.input,
      el('div', { className: 'row' }, {}, [toolbar, el('span', { className: 'spacer' }), attach, newChat, this.action]),
    ]);
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      } else if (e.key === 'Escape' && this.streaming) {
        e.preventDefault();
        this.handlers.stop();
      }
    });
    this.input.addEventListener('input', () => this.handlers.draftChanged(this.input.value));
  }

  private submit(): void {
    if (this.streaming) {
      this.handlers.stop();
      return;
    }
    const text = this.input.value;
    if (!text.trim()) return;
    this.input.value = '';
    this.handlers.draftChanged('');
    this.handlers.send(text);
  }

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.action.textContent = streaming ? 'Stop' : 'Send';
    this.action.className = streaming ? 'secondary' : 'primary';
  }

  /** Gives text back to the user (a send that failed before anything arrived). */
  restore(text: string): void {
    if (!this.input.value.trim()) this.input.value = text;
    else this.input.value = `${text}\n${this.input.value}`;
    this.handlers.draftChanged(this.input.value);
    this.input.focus();
  }

  setDraft(text: string): void {
    this.input.value = text;
  }

  focus(): void {
    this.input.focus();
  }
}
