import type { ConversationUsage } from '../core/protocol';
import { formatCost, type UsageSummary } from '../core/usage';
import { el } from './dom';

const n = (value: number) => value.toLocaleString('en-US');

export function usageText(u: UsageSummary): string {
  return `${n(u.input)} in · ${n(u.cacheRead)} cache read · ${n(u.cacheWrite)} cache write · ${n(u.output)} out · ${formatCost(u.cost)}`;
}

/** One reply's usage, named "Usage". */
export function usageElement(u: UsageSummary): HTMLElement {
  return el('div', { className: 'usage', textContent: usageText(u) }, { role: 'note', 'aria-label': 'Usage' });
}

/** The conversation's running total and the context meter, above the composer. */
export class ConversationMeter {
  readonly element: HTMLElement;
  private readonly total: HTMLElement;
  private readonly meter: HTMLMeterElement;
  private readonly label: HTMLElement;

  constructor() {
    this.total = el('span', { className: 'total' }, { 'aria-label': 'Conversation total' });
    this.meter = el('meter', {}, { min: '0', max: '1', low: '0.7', high: '0.9', optimum: '0', 'aria-label': 'Context used' });
    this.label = el('span', { className: 'context-label' });
    this.element = el('div', { className: 'meter', hidden: true }, {}, [this.total, this.meter, this.label]);
  }

  update(usage: ConversationUsage): void {
    const used = usage.contextUsed;
    this.element.hidden = used === 0 && usage.total.output === 0;
    this.total.textContent = `Total ${formatCost(usage.total.cost)} · ${n(usage.total.input + usage.total.cacheRead + usage.total.cacheWrite)} in · ${n(usage.total.output)} out`;
    const ratio = usage.contextLimit ? Math.min(1, used / usage.contextLimit) : 0;
    this.meter.value = ratio;
    const text = `${n(used)} / ${n(usage.contextLimit)} context tokens (${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 0)}%)`;
    this.meter.setAttribute('aria-valuetext', text);
    this.meter.title = text;
    this.label.textContent = `${Math.round(ratio * 100)}% of context`;
  }
}
