import type { CommandCardView, EditCardView, ReplyAction, ReplyPart, ReplyStatus } from '../core/protocol/protocol';
import type { UsageSummary } from '../core/models/usage';
import type { ErrorAction } from '../core/protocol/protocol';
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../core/l10n/format';
import { CommandCard, type CommandCardHandlers } from './commandCard';
import { button, el, flashCopied, iconButton } from './dom';
import { EditCard, type EditCardHandlers } from './editCard';
import { shortModelName } from './modelPicker';
import { alertElement } from './notices';
import { elapsed, ReplyActivity } from './replyActivity';
import { actionLabel, statusText, summaryLabel } from './replyWords';
import { StreamingMarkdown } from './streamingMarkdown';
import { StreamingText } from './streamingText';
import { usageElement } from './usageView';

export interface ReplyHandlers extends EditCardHandlers, CommandCardHandlers {
  /** A reply's action button: Continue, Start over, Revert changes, Try again. */
  action(action: ReplyAction, replyId: string): void;
  /** Copy reply: the reply's markdown to the clipboard. */
  copy(text: string): void;
  /** An error's action button (Set API Key, Select Model, Retry). */
  errorAction(action: ErrorAction): void;
}

/** Shows text as plain text now and as markdown once it nears the viewport. */
export type DeferText = (element: HTMLElement, text: string) => void;

type Part =
  /** `markdown` is set while the part can still grow; `source` is its markdown so far. */
  | { readonly kind: 'text'; readonly element: HTMLElement; markdown: StreamingMarkdown | undefined; source: string }
  /** `started` is set while thinking streams live (its duration is shown once it ends). */
  | { readonly kind: 'thinking'; readonly element: HTMLElement; readonly text: StreamingText; readonly started?: number }
  | { readonly kind: 'tool' | 'edit' | 'command'; readonly element: HTMLElement }
  /** `streamed`: part of the request streaming now (the server compacted at its start). */
  | { readonly kind: 'summary'; readonly element: HTMLElement; readonly streamed: boolean };

/**
 * One "Claude" article: its parts in order (streamed text and thinking, tool lines, review cards),
 * a transient status, a lasting note and a footer with usage and actions. Only the last text or
 * thinking part streams; starting another part freezes it.
 */
export class ReplyView {
  readonly article: HTMLElement;
  readonly footer = el('div', { className: 'footer' });
  readonly cards: EditCard[] = [];
  readonly commands: CommandCard[] = [];
  private readonly parts: Part[] = [];
  private readonly body = el('div', { className: 'parts' });
  private readonly activity = new ReplyActivity();
  private readonly note = el('p', { className: 'reply-note', hidden: true });
  private usage: HTMLElement | undefined;
  private actions: HTMLButtonElement[] = [];
  private alert: HTMLElement | undefined;

  /** `model`: the friendly name of the model that writes it; `live`: it is being written now (not restored). */
  constructor(
    readonly id: string,
    private readonly handlers: ReplyHandlers,
    model?: string,
    private readonly live = true,
  ) {
    const name = l10n.t('Claude');
    const author = el('div', { className: 'author' }, { 'aria-hidden': 'true' }, [el('span', { textContent: name })]);
    if (model) author.append(el('span', { className: 'model-name', textContent: shortModelName(model) }, { title: model }));
    this.article = el('article', { className: 'message assistant' }, { 'aria-label': name, 'aria-busy': 'true', ...(model ? { 'aria-description': l10n.t('Written by {0}', model) } : {}) }, [
      author,
      this.body,
      this.activity.element,
      this.note,
      this.footer,
    ]);
    if (live) this.activity.set('waiting');
    else this.activity.end('');
  }

  get busy(): boolean {
    return this.article.getAttribute('aria-busy') === 'true';
  }

  appendText(delta: string): void {
    if (!delta) return;
    const last = this.parts.at(-1);
    if (last?.kind === 'text' && last.markdown) {
      last.source += delta;
      return last.markdown.append(delta);
    }
    const element = el('div', { className: 'body markdown' });
    const markdown = new StreamingMarkdown(element);
    this.add({ kind: 'text', element, markdown, source: delta });
    markdown.append(delta);
    if (this.busy) this.activity.set('writing');
  }

  appendThinking(delta: string): void {
    if (!delta) return;
    const last = this.parts.at(-1);
    if (last?.kind === 'thinking') return last.text.append(delta);
    const body = el('div', { className: 'thinking-body' });
    const text = new StreamingText(body);
    const live = this.live && this.busy && this.activity.current !== 'writing';
    const started = live ? (this.activity.current === 'waiting' ? Date.now() : this.activity.startedAt) : undefined;
    this.add({ kind: 'thinking', element: el('details', { className: 'thinking' }, {}, [el('summary', { textContent: l10n.t({ message: 'Thinking', comment: ["Claude's thinking, collapsed"] }) }), body]), text, started });
    text.append(delta);
    if (live) this.activity.set('thinking');
  }

  addToolNote(text: string, isError: boolean): void {
    const glyph = el('span', { className: 'glyph', textContent: isError ? '\u26A0' : '\u203A' }, { 'aria-hidden': 'true' });
    this.add({ kind: 'tool', element: el('p', { className: isError ? 'tool-note refusal' : 'tool-note' }, {}, [glyph, document.createTextNode(text)]) }); // not localized: class names
    if (this.busy) this.activity.set('waiting');
  }

  /** The conversation before this point was summarized: collapsed, the summary inside for whoever wants to read it. */
  addSummary(text: string, freed: number, streamed = false): void {
    const body = el('div', { className: 'summary-text', textContent: text });
    const details = el('details', { className: 'summary-part' }, {}, [el('summary', { textContent: summaryLabel() }), body]);
    if (freed > 0) details.append(el('p', { className: 'summary-freed', textContent: l10n.t('Freed about {0} tokens of context.', formatNumber(freed)) }));
    this.add({ kind: 'summary', element: details, streamed });
  }

  addEditCard(card: EditCardView): EditCard {
    const view = new EditCard(card, this.handlers);
    this.cards.push(view);
    this.add({ kind: 'edit', element: view.element });
    this.refreshActivity();
    return view;
  }

  addCommandCard(card: CommandCardView): CommandCard {
    const view = new CommandCard(card, this.handlers);
    this.commands.push(view);
    this.add({ kind: 'command', element: view.element });
    this.refreshActivity();
    return view;
  }

  /** A card of this reply changed: the reply waits for the person, for a running command (its card shows it), or for Claude. */
  refreshActivity(): void {
    if (!this.busy) return;
    if (this.cards.some((c) => c.pending) || this.commands.some((c) => c.pending)) this.activity.set('review');
    else this.activity.set(this.commands.some((c) => c.running) ? 'command' : 'waiting');
  }

  /** A saved part; text far from the viewport is deferred (plain now, markdown when scrolled near). */
  restore(part: ReplyPart, defer?: DeferText): void {
    switch (part.kind) {
      case 'text':
        if (!defer || !part.text) return void this.appendText(part.text);
        {
          const element = el('div', { className: 'body markdown' });
          this.add({ kind: 'text', element, markdown: undefined, source: part.text });
          defer(element, part.text);
        }
        return;
      case 'thinking':
        return void this.appendThinking(part.text);
      case 'tool':
        return void this.addToolNote(part.text, part.isError);
      case 'edit':
        return void this.addEditCard(part.card);
      case 'command':
        return void this.addCommandCard(part.card);
      case 'summary':
        return this.addSummary(part.text, part.freed);
    }
  }

  /** An automatic retry: drop what the request streamed (text, thinking, a server summary at its start) after the last tool line or card. */
  resetCurrent(): void {
    const streamed = (p: Part | undefined) => p?.kind === 'text' || p?.kind === 'thinking' || (p?.kind === 'summary' && p.streamed);
    while (streamed(this.parts.at(-1))) this.parts.pop()?.element.remove();
    if (this.busy) this.activity.set('waiting');
  }

  /** The view is dropped (the reply was taken back, or the chat replaced). */
  dispose(): void {
    this.activity.dispose();
    for (const command of this.commands) command.dispose();
  }

  /** The transient status (a retry countdown); empty gives the line back to the activity. */
  setStatus(text: string): void {
    this.activity.setNote(text);
  }

  /** An error that belongs to this reply, shown on it; Retry stays the footer's. */
  showError(message: string, actions: readonly ErrorAction[]): void {
    this.clearError();
    this.alert = alertElement(message, actions, (action) => this.handlers.errorAction(action), () => {
      this.article.tabIndex = -1;
      this.article.focus();
    });
    this.note.after(this.alert);
  }

  clearError(): void {
    this.alert?.remove();
    this.alert = undefined;
  }

  /** The reply's text as markdown (what Copy reply copies). */
  get markdown(): string {
    return this.parts.flatMap((p) => (p.kind === 'text' && p.source.trim() ? [p.source.trim()] : [])).join('\n\n');
  }

  end(status: ReplyStatus, usage?: UsageSummary, note?: string, actions: readonly ReplyAction[] = []): void {
    this.settleLast();
    this.article.setAttribute('aria-busy', 'false');
    this.article.dataset.status = status;
    this.activity.end(statusText(status));
    this.usage = usage ? usageElement(usage) : undefined;
    // Not named "Copy…": the code blocks' "Copy" buttons are found by that name.
    const copy = iconButton(l10n.t('Whole reply to clipboard'), 'copy', () => this.copyReply(copy), 'icon-button hover-action'); // not localized: class names
    copy.title = l10n.t('Copy the whole reply as markdown');
    this.footer.replaceChildren(...(this.usage ? [this.usage] : []), ...(this.markdown ? [copy] : []));
    this.actions = [];
    this.setActions(actions, note);
  }

  /** Replaces the action buttons and the lasting note (after Revert changes: no button, "Changes reverted"). */
  setActions(actions: readonly ReplyAction[], note?: string): void {
    this.note.textContent = note ?? '';
    this.note.hidden = !note;
    const hadFocus = this.actions.some((b) => b === document.activeElement);
    for (const b of this.actions) b.remove();
    this.actions = actions.map((action) => {
      const { label, title } = actionLabel(action);
      const b = button(label, () => {
        // In flight until the host answers (a new reply, or replyActions). aria-disabled, not
        // disabled: a disabled button would drop keyboard focus to the page.
        if (b.getAttribute('aria-disabled') === 'true') return;
        b.setAttribute('aria-disabled', 'true');
        this.handlers.action(action, this.id);
      }, action === 'continue' ? 'primary' : 'secondary');
      b.title = title;
      b.dataset.action = action;
      return b;
    });
    if (this.usage) this.usage.after(...this.actions);
    else this.footer.prepend(...this.actions);
    if (hadFocus) {
      if (!this.actions[0]) this.article.tabIndex = -1;
      (this.actions[0] ?? this.article).focus();
    }
  }

  private copyReply(b: HTMLButtonElement): void {
    this.handlers.copy(this.markdown);
    flashCopied(b, l10n.t('Copied to clipboard'));
  }

  /** Continue only makes sense on the last reply: a later reply takes it away. */
  dropContinue(): void {
    const kept = this.actions.filter((b) => b.dataset.action !== 'continue');
    if (kept.length === this.actions.length) return;
    for (const b of this.actions) if (!kept.includes(b)) b.remove();
    this.actions = kept;
  }

  private add(part: Part): void {
    this.settleLast();
    this.parts.push(part);
    this.body.append(part.element);
  }

  /** The part that was streaming is complete: render the rest of it now. */
  private settleLast(): void {
    const last = this.parts.at(-1);
    if (last?.kind === 'text') {
      last.markdown?.finish();
      last.markdown = undefined;
    } else if (last?.kind === 'thinking') {
      last.text.flush();
      const summary = last.element.querySelector('summary');
      if (last.started !== undefined && summary && !summary.dataset.duration) summary.dataset.duration = elapsed(last.started);
    }
  }
}
