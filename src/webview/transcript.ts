import type { ReplyStatus, TranscriptEntry } from '../core/protocol';
import { el } from './dom';
import { StreamingText } from './streamingText';

const STATUS_TEXT: Record<ReplyStatus, string> = {
  done: '',
  stopped: 'Stopped',
  error: 'Incomplete: the reply broke off',
  interrupted: 'Interrupted',
};

interface MessageView {
  readonly article: HTMLElement;
  readonly body: HTMLElement;
  readonly status: HTMLElement;
  readonly stream?: StreamingText;
}

/** The conversation: a `log` of `article`s named "You" and "Claude". */
export class Transcript {
  readonly element = el('div', { className: 'transcript' }, { role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite' });
  private readonly views = new Map<string, MessageView>();

  reset(entries: readonly TranscriptEntry[]): void {
    this.views.clear();
    this.element.replaceChildren();
    for (const entry of entries) {
      if (entry.role === 'user') this.addUser(entry.id, entry.text);
      else {
        this.startReply(entry.id);
        this.appendReply(entry.id, entry.text);
        if (entry.status) this.endReply(entry.id, entry.status);
      }
    }
  }

  addUser(id: string, text: string): void {
    const view = this.create(id, 'You');
    view.body.textContent = text;
    view.article.setAttribute('aria-busy', 'false');
  }

  startReply(id: string): void {
    this.create(id, 'Claude');
  }

  appendReply(id: string, delta: string): void {
    this.views.get(id)?.stream?.append(delta);
  }

  endReply(id: string, status: ReplyStatus): void {
    const view = this.views.get(id);
    if (!view) return;
    view.stream?.flush();
    view.article.setAttribute('aria-busy', 'false');
    view.article.dataset.status = status;
    view.status.textContent = STATUS_TEXT[status];
    view.status.hidden = !STATUS_TEXT[status];
  }

  remove(id: string): void {
    this.views.get(id)?.article.remove();
    this.views.delete(id);
  }

  get isEmpty(): boolean {
    return this.views.size === 0;
  }

  private create(id: string, name: 'You' | 'Claude'): MessageView {
    const body = el('div', { className: 'body' });
    const status = el('div', { className: 'status', hidden: true });
    const article = el(
      'article',
      { className: name === 'You' ? 'message user' : 'message assistant' },
      { 'aria-label': name, 'aria-busy': 'true' },
      [el('div', { className: 'author', textContent: name }, { 'aria-hidden': 'true' }), body, status],
    );
    const view: MessageView = name === 'Claude' ? { article, body, status, stream: new StreamingText(body) } : { article, body, status };
    this.views.set(id, view);
    this.element.append(article);
    article.scrollIntoView?.({ block: 'end' });
    return view;
  }
}
