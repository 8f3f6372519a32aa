import * as l10n from '@vscode/l10n';
import type { ConversationUsage } from '../core/protocol/protocol';
import type { UsageSummary } from '../core/models/usage';
import { formatCompact, formatCost, formatNumber, formatPercent } from '../core/l10n/format';
import { button, el } from './dom';

/** Prompt tokens: "12.3K in" (`count` is already formatted). */
const tokensIn = (count: string) => l10n.t({ message: '{0} in', args: [count], comment: ['{0} input tokens; short'] });
/** Reply tokens: "950 out". */
const tokensOut = (count: string) => l10n.t({ message: '{0} out', args: [count], comment: ['{0} output tokens; short'] });

/** Every field, for the tooltip and screen readers: fields of a list, one translated message each. */
export function usageText(u: UsageSummary): string {
  return [
    tokensIn(formatNumber(u.input)),
    l10n.t({ message: '{0} cache read', args: [formatNumber(u.cacheRead)], comment: ['{0} tokens'] }),
    l10n.t({ message: '{0} cache write', args: [formatNumber(u.cacheWrite)], comment: ['{0} tokens'] }),
    tokensOut(formatNumber(u.output)),
    formatCost(u.cost),
  ].join(' · ');
}

/**
 * The short line that fits 300 px: every prompt token (fresh, cache read, cache write) as "in",
 * then "out" and the cost; fields that are zero are left out. The tooltip has the breakdown.
 */
export function usageLine(u: UsageSummary): string {
  const prompt = u.input + u.cacheRead + u.cacheWrite;
  const fields = [prompt > 0 ? tokensIn(formatCompact(prompt)) : '', u.output > 0 ? tokensOut(formatCompact(u.output)) : ''].filter(Boolean);
  return [...fields, formatCost(u.cost)].join(' · ');
}

/** One reply's usage, named "Usage": the short line, every field on hover and for screen readers. */
export function usageElement(u: UsageSummary): HTMLElement {
  const full = usageText(u);
  return el('div', { className: 'usage', textContent: usageLine(u) }, { role: 'note', 'aria-label': l10n.t('Usage'), 'aria-description': full, title: full });
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
    this.total = el('span', { className: 'total' }, { 'aria-label': l10n.t('Conversation total') });
    this.fill = el('span', { className: 'meter-fill' });
    this.meter = el('span', { className: 'meter-track' }, { role: 'meter', 'aria-label': l10n.t('Context used'), 'aria-valuemin': '0', 'aria-valuemax': '100' }, [this.fill]);
    this.label = el('span', { className: 'context-label' });
    this.freed = el('span', { className: 'context-freed', hidden: true });
    this.compactButton = button(l10n.t('Compact now'), () => {
      if (this.compactButton.getAttribute('aria-disabled') !== 'true') onCompact();
    }, 'link-button');
    this.compactButton.title = l10n.t('Summarize the earlier conversation to free the context window (the chat itself stays whole)');
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
    this.compactButton.textContent = active ? l10n.t('Compacting…') : l10n.t('Compact now');
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
    this.total.textContent = [formatCost(total.cost), tokensIn(formatCompact(total.input + total.cacheRead + total.cacheWrite)), tokensOut(formatCompact(total.output))].join(' · ');
    this.total.title = l10n.t('Conversation total: {0}', usageText(total));
    const ratio = usage.contextLimit ? Math.min(1, used / usage.contextLimit) : 0;
    const percent = ratio * 100;
    const text = l10n.t('{0} / {1} context tokens ({2})', formatNumber(used), formatNumber(usage.contextLimit), formatPercent(ratio));
    this.meter.setAttribute('aria-valuenow', percent.toFixed(2)); // a number for the meter: aria-valuetext is what is read
    this.meter.setAttribute('aria-valuetext', text);
    this.meter.title = text;
    this.meter.dataset.level = ratio >= 0.9 ? 'high' : ratio >= 0.7 ? 'medium' : 'low';
    // A sliver stays visible at 1 %, so an almost empty context never reads as full or as nothing.
    this.fill.style.width = `${Math.max(ratio * 100, ratio > 0 ? 2 : 0)}%`;
    this.label.textContent = l10n.t({ message: '{0} context', args: [formatPercent(Math.round(percent) / 100)], comment: ['{0}: share of the context window used; short'] });
    this.freed.hidden = usage.freed === 0;
    this.freed.textContent = l10n.t({ message: '{0} freed', args: [formatCompact(usage.freed)], comment: ['{0} tokens of context; short'] });
    this.freed.title = l10n.t('The latest summary of the earlier conversation freed about {0} tokens of context', formatNumber(usage.freed));
  }
}
