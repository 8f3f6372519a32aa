import type { ConversationUsage } from '../core/protocol/protocol';
import { formatCost, type UsageSummary } from '../core/models/usage';
import { button, el } from './dom';

const n = (value: number) => value.toLocaleString('en-US');

/** Token counts that fit a narrow line: 950, 12.3k, 1.2M. */
export function compact(value: number): string {
  if (value < 1000) return String(value);
  if (value < 1_000_000) return `${(value / 1000).toFixed(value < 10_000 ? 1 : 0)}k`;
  return `${(value / 1_000_000).toFixed(1)}M`;
}

/** Every field, for the tooltip and screen readers. */
export function usageText(u: UsageSummary): string {
  return `${n(u.input)} in · ${n(u.cacheRead)} cache read · ${n(u.cacheWrite)} cache write · ${n(u.output)} out · ${formatCost(u.cost)}`;
}

/**
 * The short line that fits 300 px: every prompt token (fresh, cache read, cache write) as "in",
 * then "out" and the cost; fields that are zero are left out. The tooltip has the breakdown.
 */
export function usageLine(u: UsageSummary): string {
  const prompt = u.input + u.cacheRead + u.cacheWrite;
  const fields = [prompt > 0 ? `${compact(prompt)} in` : '', u.output > 0 ? `${compact(u.output)} out` : ''].filter(Boolean);
  return [...fields, formatCost(u.cost)].join(' · ');
}

/** One reply's usage, named "Usage": the short line, every field on hover and for screen readers. */
export function usageElement(u: UsageSummary): HTMLElement {
  const full = usageText(u);
  return el('div', { className: 'usage', textContent: usageLine(u) }, { role: 'note', 'aria-label': 'Usage', 'aria-description': full, title: full });
}

/** The conversation's running total and a context meter drawn with theme colours, above the composer. */
export class ConversationMeter {
  readonly element: HTMLElement;
  private readonly total: HTMLElement;
  private readonly meter: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly label: HTMLElement;
  private readonly freed: HTMLElement;
  /** Compact now: summarize the earlier conversation (waits while a reply runs or a summary is made). */
  readonly compactButton: HTMLButtonElement;
  private busy = false;
  private compacting = false;

  constructor(onCompact: () => void) {
    this.total = el('span', { className: 'total' }, { 'aria-label': 'Conversation total' });
    this.fill = el('span', { className: 'meter-fill' });
    this.meter = el('span', { className: 'meter-track' }, { role: 'meter', 'aria-label': 'Context used', 'aria-valuemin': '0', 'aria-valuemax': '100' }, [this.fill]);
    this.label = el('span', { className: 'context-label' });
    this.freed = el('span', { className: 'context-freed', hidden: true });
    this.compactButton = button('Compact now', () => {
      if (this.compactButton.getAttribute('aria-disabled') !== 'true') onCompact();
    }, 'link-button');
    this.compactButton.title = 'Summarize the earlier conversation to free the context window (the chat itself stays whole)';
    this.element = el('div', { className: 'meter', hidden: true }, {}, [this.total, this.meter, this.label, this.freed, this.compactButton]);
  }

  /** A reply runs: Compact now waits for it to end. */
  setBusy(busy: boolean): void {
    this.busy = busy;
    this.refreshButton();
  }

  /** A summary is being made (Compact now). */
  setCompacting(active: boolean): void {
    this.compacting = active;
    this.compactButton.textContent = active ? 'Compacting…' : 'Compact now';
    this.refreshButton();
  }

  private refreshButton(): void {
    // aria-disabled, not disabled: keyboard focus stays on the button while it waits.
    this.compactButton.setAttribute('aria-disabled', String(this.busy || this.compacting));
  }

  update(usage: ConversationUsage): void {
    const used = usage.contextUsed;
    this.element.hidden = used === 0 && usage.total.output === 0;
    const total = usage.total;
    this.total.textContent = `${formatCost(total.cost)} · ${compact(total.input + total.cacheRead + total.cacheWrite)} in · ${compact(total.output)} out`;
    this.total.title = `Conversation total: ${usageText(total)}`;
    const ratio = usage.contextLimit ? Math.min(1, used / usage.contextLimit) : 0;
    const percent = ratio * 100;
    const text = `${n(used)} / ${n(usage.contextLimit)} context tokens (${percent.toFixed(ratio < 0.01 ? 2 : 0)}%)`;
    this.meter.setAttribute('aria-valuenow', percent.toFixed(2));
    this.meter.setAttribute('aria-valuetext', text);
    this.meter.title = text;
    this.meter.dataset.level = ratio >= 0.9 ? 'high' : ratio >= 0.7 ? 'medium' : 'low';
    // A sliver stays visible at 1 %, so an almost empty context never reads as full or as nothing.
    this.fill.style.width = `${Math.max(ratio * 100, ratio > 0 ? 2 : 0)}%`;
    this.label.textContent = `${Math.round(percent)}% context`;
    this.freed.hidden = usage.freed === 0;
    this.freed.textContent = `${compact(usage.freed)} freed`;
    this.freed.title = `The latest summary of the earlier conversation freed about ${n(usage.freed)} tokens of context`;
  }
}
