import type { ReplyStatus, TranscriptEntry } from '../core/protocol';
import type { UsageSummary } from '../core/usage';
import { button, el } from './dom';
import { StreamingMarkdown } from './streamingMarkdown';
import { StreamingText } from './streamingText';
import { usageElement } from './usageView';

const STATUS_TEXT: Record<ReplyStatus, string> = {
  done: '',
  stopped: 'Stopped',
  error: 'Incomplete: the reply broke off',
  interrupted: 'Interrupted: the window closed while this reply was streaming',
};

interface ReplyView {
  readonly article: HTMLElement;
  readonly content: HTMLElement;
  readonly note: HTMLElement;
  readonly footer: HTMLElement;
  markdown: StreamingMarkdown;
  thinking?: { details: HTMLDetailsElement; text: StreamingText };
}

/** Replies rendered at once when a conversation opens; older ones render as they near the viewport. */
const RENDER_AT_OPEN = 4;

/** The conversation: a `log` of `article`s named "You" and "Claude". */
export class Transcript {
  readonly element = el('div', { className: 'transcript' }, { role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite', tabindex: '0' });
  private readonly users = new Map<string, HTMLElement>();
  private readonly replies = new Map<string, ReplyView>();
  private retryButton: HTMLButtonElement | undefined;
  /** Renders deferred replies (plain text until then) when they come within reach of the viewport. */
  private readonly lazy = new IntersectionObserver((entries) => this.renderDeferred(entries), { root: this.element, rootMargin: '1500px 0px' });
  private readonly deferred = new WeakMap<Element, string>();

  constructor(private readonly onRetry: () => void) {}

  reset(entries: readonly TranscriptEntry[]): void {
    this.users.clear();
    this.replies.clear();
    this.lazy.disconnect();
    this.element.replaceChildren();
    const replies = entries.filter((e) => e.role === 'assistant').length;
    let reply = 0;
    for (const entry of entries) {
      if (entry.role === 'user') {
        this.addUser(entry.id, entry.text, false, entry.attachments);
        continue;
      }
      this.startReply(entry.id, false);
      if (entry.thinking) this.appendThinking(entry.id, entry.thinking);
      const view = this.replies.get(entry.id);
      if (view && entry.status && replies - ++reply >= RENDER_AT_OPEN) {
        view.content.textContent = entry.text; // plain text now (searchable, readable), markdown when scrolled near
        view.content.classList.add('deferred');
        this.deferred.set(view.content, entry.text);
        this.lazy.observe(view.content);
      } else this.appendReply(entry.id, entry.text);
      if (entry.status) this.endReply(entry.id, entry.status, entry.usage);
    }
    this.placeRetry();
    this.element.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }

  private renderDeferred(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const text = entry.isIntersecting ? this.deferred.get(entry.target) : undefined;
      if (text === undefined) continue;
      this.lazy.unobserve(entry.target);
      this.deferred.delete(entry.target);
      const content = entry.target as HTMLElement;
      content.classList.remove('deferred');
      content.replaceChildren();
      const markdown = new StreamingMarkdown(content);
      markdown.append(text);
      markdown.finish();
    }
  }

  addUser(id: string, text: string, scroll = true, attachments: readonly string[] = []): void {
    const body = el('div', { className: 'body plain', textContent: text });
    const chips = attachments.length
      ? [el('ul', { className: 'attached' }, { 'aria-label': 'Attached' }, attachments.map((label) => el('li', { textContent: label })))]
      : [];
    const article = el('article', { className: 'message user' }, { 'aria-label': 'You', 'aria-busy': 'false' }, [el('div', { className: 'author', textContent: 'You' }, { 'aria-hidden': 'true' }), ...chips, body]);
    this.users.set(id, article);
    this.element.append(article);
    if (scroll) this.scroll(article);
  }

  startReply(id: string, scroll = true): void {
    this.removeRetry();
    const content = el('div', { className: 'body markdown' });
    const note = el('div', { className: 'status', hidden: true }, { role: 'status' });
    const footer = el('div', { className: 'footer' });
    const article = el('article', { className: 'message assistant' }, { 'aria-label': 'Claude', 'aria-busy': 'true' }, [
      el('div', { className: 'author', textContent: 'Claude' }, { 'aria-hidden': 'true' }),
      content,
      note,
      footer,
    ]);
    this.replies.set(id, { article, content, note, footer, markdown: new StreamingMarkdown(content) });
    this.element.append(article);
    if (scroll) this.scroll(article);
  }

  appendReply(id: string, delta: string): void {
    this.replies.get(id)?.markdown.append(delta);
  }

  appendThinking(id: string, delta: string): void {
    const view = this.replies.get(id);
    if (!view) return;
    if (!view.thinking) {
      const body = el('div', { className: 'thinking-body' });
      const details = el('details', { className: 'thinking' }, {}, [el('summary', { textContent: 'Thinking' }), body]);
      view.article.insertBefore(details, view.content);
      view.thinking = { details, text: new StreamingText(body) };
    }
    view.thinking.text.append(delta);
  }

  /** An automatic retry starts the reply over. */
  resetReply(id: string): void {
    const view = this.replies.get(id);
    if (!view) return;
    view.thinking?.details.remove();
    view.thinking = undefined;
    view.content.replaceChildren();
    view.markdown = new StreamingMarkdown(view.content);
  }

  setReplyNote(id: string, text: string): void {
    const view = this.replies.get(id);
    if (!view) return;
    view.note.textContent = text;
    view.note.hidden = !text;
  }

  endReply(id: string, status: ReplyStatus, usage?: UsageSummary): void {
    const view = this.replies.get(id);
    if (!view) return;
    view.markdown.finish();
    view.thinking?.text.flush();
    view.article.setAttribute('aria-busy', 'false');
    view.article.dataset.status = status;
    this.setReplyNote(id, STATUS_TEXT[status]);
    view.footer.replaceChildren(...(usage ? [usageElement(usage)] : []));
    this.placeRetry();
  }

  remove(id: string): void {
    (this.users.get(id) ?? this.replies.get(id)?.article)?.remove();
    this.users.delete(id);
    this.replies.delete(id);
    this.placeRetry();
  }

  get isEmpty(): boolean {
    return this.users.size === 0 && this.replies.size === 0;
  }

  /** "Retry" sits on the last reply once it has ended. */
  private placeRetry(): void {
    this.removeRetry();
    const last = [...this.replies.values()].at(-1);
    if (!last || last.article.getAttribute('aria-busy') === 'true' || last.article !== this.element.lastElementChild) return;
    this.retryButton = button('Retry', this.onRetry, 'icon retry');
    this.retryButton.title = 'Generate this reply again';
    last.footer.append(this.retryButton);
  }

  private removeRetry(): void {
    this.retryButton?.remove();
    this.retryButton = undefined;
  }

  private scroll(article: HTMLElement): void {
    article.scrollIntoView?.({ block: 'end' });
  }
}
