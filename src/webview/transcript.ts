import type { QueuedMessage, CommandCardView, CommandState, EditCardView, EditState, ErrorAction, ReplyAction, ReplyPart, ReplyStatus, TranscriptEntry } from '../core/protocol/protocol';
import type { UsageSummary } from '../core/models/usage';
import type { CommandCard } from './commandCard';
import * as l10n from '@vscode/l10n';
import { el, iconButton } from './dom';
import type { EditCard } from './editCard';
import { ReplyView, type ReplyHandlers } from './replyView';
import { ScrollFollower } from './scrollFollower';
import { StreamingMarkdown } from './streamingMarkdown';
import { UserMessage } from './userMessage';
import { QueuedMessages, type QueuedHandlers } from './queuedMessages';

export interface TranscriptHandlers extends ReplyHandlers, QueuedHandlers {
  retry(): void;
  /** Edit and resend on the last message. */
  resend(text: string): void;
  /** An edit cut short: its text goes to the message box. */
  keepDraft(text: string): void;
}

/** Replies rendered at once when a conversation opens; older ones render as they near the viewport. */
const RENDER_AT_OPEN = 4;

/** A saved reply's parts; entries saved before parts existed have only text and thinking. */
function partsOf(entry: TranscriptEntry): readonly ReplyPart[] {
  if (entry.parts?.length) return entry.parts;
  return [...(entry.thinking ? [{ kind: 'thinking' as const, text: entry.thinking }] : []), { kind: 'text' as const, text: entry.text }];
}

/**
 * The conversation: a `log` of `article`s named "You" and "Claude" that follows the end while the
 * person is there, with "Jump to latest" when they are not.
 */
export class Transcript {
  readonly element = el('div', { className: 'transcript' }, { role: 'log', 'aria-label': l10n.t('Conversation'), 'aria-live': 'polite', tabindex: '0' });
  private readonly content = el('div', { className: 'transcript-content' });
  private readonly follower = new ScrollFollower(this.element, this.content, () => this.streaming);
  /** Messages waiting for the reply in progress, after everything else. */
  private readonly queued: QueuedMessages;
  /** The log with its "Jump to latest" button, for the page. */
  readonly view = el('div', { className: 'transcript-area' }, {}, [this.element, this.follower.jumpButton]);
  private readonly users = new Map<string, UserMessage>();
  /** Messages the extension wrote for the person (Continue): ArrowUp does not bring them back. */
  private readonly automatic = new Set<string>();
  private readonly replies = new Map<string, ReplyView>();
  private readonly cards = new Map<string, EditCard>();
  private readonly commands = new Map<string, CommandCard>();
  private retryButton: HTMLButtonElement | undefined;
  /** Renders deferred text parts (plain text until then) when they come within reach of the viewport. */
  private readonly lazy = new IntersectionObserver((entries) => this.renderDeferred(entries), { root: this.element, rootMargin: '1500px 0px' }); // not localized: a CSS margin
  private readonly deferred = new WeakMap<Element, string>();
  private readonly defer = (element: HTMLElement, text: string): void => {
    element.textContent = text; // plain text now (searchable, readable), markdown when scrolled near
    element.classList.add('deferred');
    this.deferred.set(element, text);
    this.lazy.observe(element);
  };

  constructor(private readonly handlers: TranscriptHandlers) {
    this.queued = new QueuedMessages(handlers);
    this.element.append(this.content, this.queued.element);
  }

  /** The queued messages as the host has them; one just queued brings the view to the end. */
  setQueue(items: readonly QueuedMessage[]): void {
    if (this.queued.update(items)) this.follower.jumpToLatest();
  }

  reset(entries: readonly TranscriptEntry[]): void {
    for (const reply of this.replies.values()) reply.dispose();
    this.users.clear();
    this.automatic.clear();
    this.replies.clear();
    this.cards.clear();
    this.commands.clear();
    this.lazy.disconnect();
    this.content.replaceChildren();
    const replies = entries.filter((e) => e.role === 'assistant').length;
    let reply = 0;
    for (const entry of entries) {
      if (entry.role === 'user') {
        this.addUser(entry.id, entry.text, false, entry.attachments, entry.automatic);
        continue;
      }
      const view = this.startReply(entry.id, entry.model, !entry.status);
      const defer = entry.status && replies - ++reply >= RENDER_AT_OPEN ? this.defer : undefined;
      for (const part of partsOf(entry)) view.restore(part, defer);
      this.register(view);
      if (entry.status) view.end(entry.status, entry.usage, entry.note, entry.actions);
    }
    this.placeRetry();
    this.refreshEditable();
    this.follower.jumpToLatest();
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

  /** A message from the person; one they just sent brings the view to the end. */
  addUser(id: string, text: string, sent = true, attachments: readonly string[] = [], automatic = false): void {
    if (automatic) this.automatic.add(id);
    const message = new UserMessage(
      text,
      attachments,
      (edited) => this.handlers.resend(edited),
      (edited) => this.handlers.keepDraft(edited),
    );
    this.users.set(id, message);
    this.content.append(message.article);
    this.refreshEditable();
    if (sent) this.follower.jumpToLatest();
  }

  startReply(id: string, model?: string, live = true): ReplyView {
    this.removeRetry();
    for (const earlier of this.replies.values()) earlier.dropContinue();
    const view = new ReplyView(id, this.handlers, model, live);
    this.replies.set(id, view);
    this.content.append(view.article);
    if (live) this.refreshEditable();
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

  addSummary(id: string, text: string, freed: number, streamed?: boolean): void {
    this.replies.get(id)?.addSummary(text, freed, streamed);
  }

  addEditCard(id: string, card: EditCardView): void {
    const view = this.replies.get(id)?.addEditCard(card);
    if (view) this.cards.set(view.id, view);
  }

  setEditState(cardId: string, state: EditState, note?: string): void {
    this.cards.get(cardId)?.setState(state, note);
    for (const reply of this.replies.values()) if (reply.cards.some((c) => c.id === cardId)) reply.refreshActivity();
  }

  /** A command card, new or its whole state again. */
  setCommandCard(id: string, card: CommandCardView): void {
    const known = this.commands.get(card.id);
    if (known) known.update(card);
    const reply = this.replies.get(id);
    if (!known && reply) this.commands.set(card.id, reply.addCommandCard(card));
    reply?.refreshActivity();
  }

  appendCommandOutput(cardId: string, text: string): void {
    this.commands.get(cardId)?.append(text);
  }

  setCommandState(cardId: string, state: CommandState, change: Pick<CommandCardView, 'exitCode' | 'elapsedMs' | 'note' | 'timedOut'> = {}): void {
    this.commands.get(cardId)?.setState(state, change);
    for (const reply of this.replies.values()) if (reply.commands.some((c) => c.id === cardId)) reply.refreshActivity();
  }

  /** The cards of a restored reply, so the host's updates find them. */
  private register(view: ReplyView): void {
    for (const card of view.cards) this.cards.set(card.id, card);
    for (const command of view.commands) this.commands.set(command.id, command);
  }

  /** An error that belongs to a reply shows on it; false when there is no such reply. */
  showError(replyId: string, message: string, actions: readonly ErrorAction[]): boolean {
    const reply = this.replies.get(replyId);
    if (!reply) return false;
    // Retry is on the reply's footer already: one Retry per failure.
    reply.showError(message, reply.footer.contains(this.retryButton ?? null) ? actions.filter((a) => a !== 'retry') : actions);
    return true;
  }

  /** Errors shown on replies no longer apply (a new message, a key change). */
  clearErrors(): void {
    for (const reply of this.replies.values()) reply.clearError();
  }

  /** The person's last own message (not Continue's request); undefined in an empty chat. */
  get lastPrompt(): string | undefined {
    return [...this.users].reverse().find(([id]) => !this.automatic.has(id))?.[1].text;
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
    this.refreshEditable();
  }

  setReplyActions(id: string, actions: readonly ReplyAction[], note?: string): void {
    this.replies.get(id)?.setActions(actions, note);
  }

  remove(id: string): void {
    const reply = this.replies.get(id);
    reply?.dispose();
    for (const card of reply?.cards ?? []) this.cards.delete(card.id);
    for (const command of reply?.commands ?? []) this.commands.delete(command.id);
    (this.users.get(id)?.article ?? reply?.article)?.remove();
    this.users.delete(id);
    this.automatic.delete(id);
    this.replies.delete(id);
    this.placeRetry();
    this.refreshEditable();
  }

  /** Edit and resend is offered on the last message while no reply streams. */
  private refreshEditable(): void {
    const last = [...this.users.values()].at(-1);
    for (const message of this.users.values()) message.setEditable(message === last && !this.streaming);
  }

  /** A reply is being written now. */
  private get streaming(): boolean {
    for (const reply of this.replies.values()) if (reply.busy) return true;
    return false;
  }

  get isEmpty(): boolean {
    return this.users.size === 0 && this.replies.size === 0;
  }

  /** "Retry" sits on the last reply once it has ended. */
  private placeRetry(): void {
    this.removeRetry();
    const last = [...this.replies.values()].at(-1);
    if (!last || last.busy || last.article !== this.content.lastElementChild) return;
    this.retryButton = iconButton(l10n.t({ message: 'Retry', comment: ['Button: send the request again'] }), 'refresh', () => this.handlers.retry(), 'icon-button retry'); // not localized: class names
    this.retryButton.title = l10n.t('Generate this reply again');
    last.footer.append(this.retryButton);
  }

  private removeRetry(): void {
    this.retryButton?.remove();
    this.retryButton = undefined;
  }
}
