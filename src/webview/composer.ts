import { el, iconButton } from './dom';

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
 * controls: Attach image, the model, New chat, Send/Stop. Enter sends, Shift+Enter adds a line,
 * Escape stops a reply, ArrowUp in an empty box brings back the last message.
 */
export class Composer {
  readonly element: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly action: HTMLButtonElement;
  private readonly actionIcon: HTMLElement;
  private streaming = false;

  constructor(
    private readonly handlers: ComposerHandlers,
    model: HTMLElement,
  ) {
    this.input = el('textarea', { className: 'input' }, { 'aria-label': 'Message Claude', rows: '1', placeholder: 'Ask Claude… (Shift+Enter: new line)' });
    this.action = iconButton('Send', 'send', undefined, 'icon-button send');
    this.action.type = 'submit';
    this.actionIcon = this.action.querySelector('.codicon') as HTMLElement;
    // The box keeps focus when Send/Stop is clicked with the mouse.
    this.action.addEventListener('mousedown', (e) => e.preventDefault());
    const attach = iconButton('Attach image', 'file-media', () => this.handlers.attachImage());
    const newChat = iconButton('New chat', 'add', () => this.handlers.newChat());
    this.element = el('form', { className: 'composer' }, {}, [
      this.input,
      el('div', { className: 'row' }, {}, [attach, model, el('span', { className: 'spacer' }), newChat, this.action]),
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
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
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
    if (this.streaming) {
      this.handlers.stop();
      this.input.focus();
      return;
    }
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

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    const label = streaming ? 'Stop' : 'Send';
    this.action.setAttribute('aria-label', label);
    this.action.title = streaming ? 'Stop (Escape)' : 'Send (Enter)';
    this.actionIcon.className = `codicon codicon-${streaming ? 'debug-stop' : 'send'}`;
    this.action.classList.toggle('stop', streaming);
  }

  /** Gives text back to the user (a send that failed before anything arrived). */
  restore(text: string): void {
    this.setDraft(this.input.value.trim() ? `${text}\n${this.input.value}` : text);
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
