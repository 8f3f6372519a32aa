import * as l10n from '@vscode/l10n';
import { formatElapsed } from '../core/l10n/format';
import { el } from './dom';

/** What a busy reply is doing when no text is streaming. */
export type Phase = 'waiting' | 'thinking' | 'review' | 'writing' | 'command';

function phaseText(phase: Phase): string {
  switch (phase) {
    case 'waiting':
      return l10n.t('Waiting for Claude…');
    case 'thinking':
      return l10n.t('Thinking…');
    case 'review':
      return l10n.t('Waiting for your review');
    case 'writing':
    case 'command': // a command's card has its own status and clock
      return '';
  }
}

/** Whole seconds since `since`, for people: "4 sec", "1 min 5 sec" (in the display language). */
export function elapsed(since: number, now = Date.now()): string {
  return formatElapsed(now - since);
}

/**
 * The `status` line of a busy reply: a spinner, what it waits for and for how long. The seconds
 * are hidden from screen readers so the live region speaks once per phase, not every second.
 * A transient note (a retry countdown) takes the line over until it is cleared.
 */
export class ReplyActivity {
  readonly element = el('div', { className: 'status activity' }, { role: 'status' });
  private readonly spinner = el('span', { className: 'codicon codicon-loading codicon-modifier-spin' }, { 'aria-hidden': 'true' });
  private readonly text = el('span', { className: 'activity-text' });
  private readonly clock = el('span', { className: 'activity-clock' }, { 'aria-hidden': 'true' });
  private phase: Phase = 'waiting';
  private since = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private note = '';
  private started = false;

  constructor() {
    this.element.append(this.spinner, this.text, this.clock);
  }

  /** Starts (or restarts) a phase; its clock starts at zero. */
  set(phase: Phase): void {
    if (phase === this.phase && this.started) return;
    this.started = true;
    this.phase = phase;
    this.since = Date.now();
    this.render();
    if (phase === 'writing' || phase === 'review' || phase === 'command') this.stopClock();
    else this.timer ??= setInterval(() => this.render(), 1000);
  }

  get current(): Phase {
    return this.phase;
  }

  /** When the current phase started. */
  get startedAt(): number {
    return this.since;
  }

  /** A transient note instead of the activity; empty gives the line back. */
  setNote(text: string): void {
    this.note = text;
    this.render();
  }

  /** The reply ended: the line shows `text` (Stopped, Incomplete…) or nothing. */
  end(text: string): void {
    this.stopClock();
    this.note = '';
    this.spinner.hidden = true;
    this.clock.textContent = '';
    this.text.textContent = text;
    this.element.hidden = !text;
    this.element.classList.remove('activity');
  }

  /** Only what changed is written: a rewritten text node would be spoken again. */
  private render(): void {
    const label = this.note || phaseText(this.phase);
    this.element.hidden = !label;
    this.spinner.hidden = Boolean(this.note) || this.phase === 'review';
    if (this.text.textContent !== label) this.text.textContent = label;
    const clock = !this.note && (this.phase === 'waiting' || this.phase === 'thinking') ? ` ${elapsed(this.since)}` : '';
    if (this.clock.textContent !== clock) this.clock.textContent = clock;
  }

  /** The reply is gone from the view: no clock keeps running for it. */
  dispose(): void {
    this.stopClock();
  }

  private stopClock(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
