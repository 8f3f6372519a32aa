import type { CommandCardView, CommandState } from '../core/protocol/protocol';
import * as l10n from '@vscode/l10n';
import { formatDuration, formatElapsed } from '../core/l10n/format';
import { CommandOutputView } from './commandOutput';
import { button, el, fillSlots, slot } from './dom';

export interface CommandCardHandlers {
  /** Run or Skip; `allowPrefix`: run it and, from now on, every command starting with it. */
  decideCommand(cardId: string, run: boolean, allowPrefix?: string): void;
}

/** Control and direction characters shown as what they are (`\u202E`), so a command cannot hide what it runs from the person asked to Run it. */
export function visibleCommand(command: string): string {
  return command.replace(/[\p{Cc}\p{Cf}]/gu, (c) => (c === '\n' || c === '\t' ? c : `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
}

/** Longest command spelled out in the card's accessible name (the card itself shows all of it). */
const NAME_CHARS = 200;

/** The card's accessible name: "Run command: <command>" on one line. */
export function commandCardName(card: Pick<CommandCardView, 'command' | 'restart'>): string {
  if (card.restart || !card.command.trim()) return l10n.t('Run command: restart the shell');
  const line = visibleCommand(card.command.trim().replace(/\s+/g, ' '));
  return l10n.t('Run command: {0}', line.length > NAME_CHARS ? `${line.slice(0, NAME_CHARS - 1)}\u2026` : line);
}

/**
 * Whether the command ran out of time: the tool says so in `timedOut`; chats saved before that
 * field existed said it only in the English note the tool wrote then ("timed out after 120 s; …").
 */
const timedOut = (card: Pick<CommandCardView, 'timedOut' | 'note'>) => card.timedOut ?? /^timed out after \d+ s\b/.test(card.note ?? '');
const timedOutLabel = () => l10n.t('Timed out');

/** What the card says once nothing more happens, and whether that is a failure. */
export function outcomeOf(card: Pick<CommandCardView, 'state' | 'exitCode' | 'note' | 'timedOut'>): { label: string; failed: boolean } | undefined {
  switch (card.state) {
    case 'pending':
    case 'running':
      return undefined;
    case 'skipped':
      return { label: l10n.t({ message: 'Skipped', comment: ['Command outcome'] }), failed: false };
    case 'notRun':
      return { label: l10n.t('Not run'), failed: false };
    case 'stopped':
      return timedOut(card) ? { label: timedOutLabel(), failed: true } : { label: l10n.t({ message: 'Stopped', comment: ['Command outcome'] }), failed: false };
    case 'done':
      // The tool reports a timeout as a finished run with a note (the killed group may leave any code).
      if (timedOut(card)) return { label: timedOutLabel(), failed: true };
      if (card.exitCode === undefined) return { label: l10n.t({ message: 'Done', comment: ['Command outcome'] }), failed: false };
      if (card.exitCode === null) return { label: l10n.t({ message: 'Killed', comment: ['Command outcome'] }), failed: true };
      // An exit code is a code, not a quantity: written as the process gave it.
      return { label: l10n.t('Exit code {0}', String(card.exitCode)), failed: card.exitCode !== 0 };
  }
}

/**
 * A command Claude wants to run: a `group` named "Run command: <command>" showing the whole command,
 * Run / Skip (and "Always allow <prefix>" when the host offers one) while it waits, a status with the
 * elapsed time and the live output while it runs, and the exit code (or Skipped, Stopped…) after.
 */
export class CommandCard {
  readonly element: HTMLElement;
  private card: CommandCardView;
  private readonly noteLine = el('p', { className: 'command-note', hidden: true });
  private readonly runButton: HTMLButtonElement;
  private readonly skipButton: HTMLButtonElement;
  private allowButton: HTMLButtonElement | undefined;
  private readonly buttons: HTMLElement;
  private readonly status = el('div', { className: 'status activity command-status', hidden: true }, { role: 'status' });
  private readonly clock = el('span', { className: 'activity-clock' }, { 'aria-hidden': 'true' });
  private readonly output = new CommandOutputView();
  private readonly outcome = el('p', { className: 'command-outcome', hidden: true });
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;

  constructor(
    card: CommandCardView,
    private readonly handlers: CommandCardHandlers,
  ) {
    this.card = card;
    const restart = card.restart || !card.command.trim();
    const head = el('div', { className: 'command-head' }, {}, [
      el('span', { className: 'codicon codicon-terminal' }, { 'aria-hidden': 'true' }),
      el('span', { className: 'command-kind', textContent: restart ? l10n.t('Restart the shell') : l10n.t('Run command') }),
    ]);
    this.runButton = button(l10n.t({ message: 'Run', comment: ['Button: run the command'] }), () => this.decide(true), 'primary');
    this.skipButton = button(l10n.t({ message: 'Skip', comment: ['Button: do not run the command'] }), () => this.decide(false));
    this.buttons = el('div', { className: 'edit-buttons' }, {}, [this.runButton, this.skipButton]);
    this.status.append(
      el('span', { className: 'codicon codicon-loading codicon-modifier-spin' }, { 'aria-hidden': 'true' }),
      el('span', { textContent: l10n.t('Running…') }),
      this.clock,
    );
    this.element = el('div', { className: 'edit-card command-card' }, { role: 'group', 'aria-label': commandCardName(card), tabindex: '-1' }, [
      head,
      ...(restart ? [] : [el('pre', { className: 'command-line' }, {}, [el('code', { textContent: visibleCommand(card.command) })])]),
      this.noteLine,
      this.buttons,
      this.status,
      this.output.element,
      this.outcome,
    ]);
    this.update(card);
  }

  get id(): string {
    return this.card.id;
  }

  /** Waiting for Run or Skip. */
  get pending(): boolean {
    return this.card.state === 'pending';
  }

  get running(): boolean {
    return this.card.state === 'running';
  }

  /** The card's whole state again (the host re-sent it, or it was restored). */
  update(card: CommandCardView): void {
    this.card = card;
    this.output.set(card.output);
    this.setAllow(card.prefix);
    this.render();
  }

  /** More output of the running command. */
  append(text: string): void {
    this.output.append(text);
  }

  setState(state: CommandState, change: Pick<CommandCardView, 'exitCode' | 'elapsedMs' | 'note' | 'timedOut'> = {}): void {
    const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    this.card = { ...this.card, state, ...defined };
    this.render();
  }

  /** The card is gone from the view: no clock or frame keeps running for it. */
  dispose(): void {
    this.stopClock();
    this.output.dispose();
  }

  private render(): void {
    const { state, note, elapsedMs } = this.card;
    this.element.dataset.state = state;
    const pending = state === 'pending';
    this.buttons.hidden = !pending;
    for (const b of this.decisionButtons()) b.disabled = false;
    this.noteLine.textContent = note ?? '';
    this.noteLine.hidden = !note;
    if (state === 'running') {
      if (this.timer === undefined) this.startedAt = Date.now() - (elapsedMs ?? 0);
      this.status.hidden = false;
      this.tick();
      this.timer ??= setInterval(() => this.tick(), 1000);
    } else {
      this.stopClock();
      this.status.hidden = true;
      this.output.flush();
    }
    const outcome = outcomeOf(this.card);
    this.element.dataset.outcome = outcome?.failed ? 'failed' : '';
    this.outcome.hidden = !outcome;
    this.outcome.replaceChildren(...(outcome ? [el('strong', { textContent: outcome.label })] : []));
    if (outcome && elapsedMs !== undefined && state !== 'skipped' && state !== 'notRun') this.outcome.append(` \u00b7 ${formatDuration(elapsedMs)}`);
    if (!pending) this.keepFocus();
  }

  /** Only the seconds change: the status's words are spoken once, not every second. */
  private tick(): void {
    const clock = ` ${formatElapsed(Date.now() - this.startedAt)}`;
    if (this.clock.textContent !== clock) this.clock.textContent = clock;
  }

  private stopClock(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** "Always allow <prefix>": runs this command and adds the prefix to the person's allowed commands. */
  private setAllow(prefix: string | undefined): void {
    if (this.allowButton?.dataset.prefix === prefix) return;
    this.allowButton?.remove();
    this.allowButton = undefined;
    if (!prefix || this.card.restart) return;
    const allow = button('', () => this.decide(true, prefix), 'secondary command-allow'); // not localized: class names
    allow.append(...fillSlots(l10n.t({ message: 'Always allow {0}', args: [slot(0)], comment: ['{0}: a command prefix such as npm test'] }), el('code', { textContent: prefix })));
    allow.dataset.prefix = prefix;
    allow.title = l10n.t('Run it, and from now on run commands starting with "{0}" without asking (your user setting claudeChat.tools.allowedCommands)', prefix);
    this.allowButton = allow;
    this.buttons.append(allow);
  }

  private decisionButtons(): HTMLButtonElement[] {
    return [this.runButton, this.skipButton, ...(this.allowButton ? [this.allowButton] : [])];
  }

  private decide(run: boolean, allowPrefix?: string): void {
    if (this.runButton.disabled || !this.pending) return;
    for (const b of this.decisionButtons()) b.disabled = true;
    this.keepFocus();
    this.handlers.decideCommand(this.card.id, run, allowPrefix);
  }

  /** A disabled or hidden button drops keyboard focus to the page: keep it on the card instead. */
  private keepFocus(): void {
    const active = document.activeElement;
    if (active instanceof HTMLButtonElement && this.buttons.contains(active) && (active.disabled || this.buttons.hidden)) this.element.focus();
  }
}
