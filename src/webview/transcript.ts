import type { EditCardView, EditState, ReplyAction, ReplyPart, ReplyStatus, TranscriptEntry } from '../core/protocol';
import type { UsageSummary } from '../core/usage';
import { button, el } from './dom';
import type { EditCard } from './editCard';
import { ReplyView, type ReplyHandlers } from './replyView';
import { StreamingMarkdown } from './streamingMarkdown';

export interface TranscriptHandlers extends ReplyHandlers {
  retry(): void;
}

/** Replies rendered at once when a conversation opens; older ones render as they near the viewport. */
const RENDER_AT_OPEN = 4;

/** A saved reply's parts; entries saved before parts existed have only text and thinking. */
function partsOf(entry: TranscriptEntry): readonly ReplyPart[] {
  if (entry.parts?.length) return entry.parts;
  return [...(entry.thinking ? [{ kind: 'thinking' as const, text: entry.thinking }] : []), { kind: 'text' as const, text: entry.text }];
}

/** The conversation: a `log` of `article`s named "You" and "Claude". */
export class Transcript {
  readonly element = el('div', { className: 'transcript' }, { role: 'log', 'aria-label': 'Conversation', 'aria-live': 'polite', tabindex: '0' });
  private readonly users = new Map<string, HTMLElement>();
  private readonly replies = new Map<string, ReplyView>();
  private readonly cards = new Map<string, EditCard>();
  private retryButton: HTMLButtonElement | undefined;
  /** Renders deferred text parts (plain text until then) when they come within reach of the viewport. */
  private readonly lazy = new IntersectionObserver((entries) => this.renderDeferred(entries), { root: this.element, rootMargin: '1500px 0px' });
  private readonly deferred = new WeakMap<Element, string>();
  private readonly defer = (element: HTMLElement, text: string): void => {
    element.textContent = text; // plain text now (searchable, readable), markdown when scrolled near
    element.classList.add('deferred');
    this.deferred.set(element, text);
    this.lazy.observe(element);
  };

  constructor(private readonly handlers: TranscriptHandlers) {}

  reset(entries: readonly TranscriptEntry[]): void {
    this.users.clear();
    this.replies.clear();
    this.cards.clear();
    this.lazy.disconnect();
    this.element.replaceChildren();
    const replies = entries.filter((e) => e.role === 'assistant').length;
    let reply = 0;
    for (const entry of entries) {
      if (entry.role === 'user') {
        this.addUser(entry.id, entry.text, false, entry.attachments);
        continue;
      }
      const view = this.startReply(entry.id, false);
      const defer = entry.status && replies - ++reply >= RENDER_AT_OPEN ? this.defer : undefined;
      for (const part of partsOf(entry)) {
        const card = view.restore(part, defer);
        if (card) this.cards.set(card.id, card);
      }
      if (entry.status) view.end(entry.status, entry.usage, entry.note, entry.actions);
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

  startReply(id: string, scroll = true): ReplyView {
    this.removeRetry();
    for (const earlier of this.replies.values()) earlier.dropContinue();
    const view = new ReplyView(id, this.handlers);
    this.replies.set(id, view);
    this.element.append(view.article);
    if (scroll) this.scroll(view.article);
    return view;
  }

  appendReply(id: string, delta: string): void {
    this.replies.get(id)?.appendText(delta);
  }

  appendThinking(id: string, delta: string): void {
    this.replies.get(id)?.appendThinking(delta);
  }

  addToolNote(id: string, text: string, isError: boolean): void {
    this.replies.get(id)?.addToolNote(text, isError);
  }

  addEditCard(id: string, card: EditCardView): void {
    const view = this.replies.get(id)?.addEditCard(card);
    if (view) this.cards.set(view.id, view);
  }

  setEditState(cardId: string, state: EditState, note?: string): void {
    this.cards.get(cardId)?.setState(state, note);
  }

  /** An automatic retry starts the current request's output over. */
  resetReply(id: string): void {
    this.replies.get(id)?.resetCurrent();
  }

  setReplyNote(id: string, text: string): void {
    this.replies.get(id)?.setStatus(text);
  }

  endReply(id: string, status: ReplyStatus, usage?: UsageSummary, note?: string, actions?: readonly ReplyAction[]): void {
    this.replies.get(id)?.end(status, usage, note, actions);
    this.placeRetry();
  }

  setReplyActions(id: string, actions: readonly ReplyAction[], note?: string): void {
    this.replies.get(id)?.setActions(actions, note);
  }

  remove(id: string): void {
    const reply = this.replies.get(id);
    for (const card of reply?.cards ?? []) this.cards.delete(card.id);
    (this.users.get(id) ?? reply?.article)?.remove();
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
    if (!last || last.busy || last.article !== this.element.lastElementChild) return;
    this.retryButton = button('Retry', () => this.handlers.retry(), 'icon retry');
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
