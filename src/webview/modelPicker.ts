import type { ModelOption } from '../core/protocol/protocol';
import * as l10n from '@vscode/l10n';
import { el } from './dom';

/** "Claude Sonnet 5.5" shows as "Sonnet 5.5": the picker sits in one row with the other controls. */
export function shortModelName(label: string): string {
  return label.replace(/^Claude\s+/i, '') || label;
}

/** The "Model" combobox (a native select: keyboard and screen readers get it for free); the full id on hover. */
export class ModelPicker {
  readonly element: HTMLSelectElement;
  /** The user's pick until the host confirms it (echoes of earlier setting changes must not undo it). */
  private pending: string | undefined;

  constructor(onChange: (model: string) => void) {
    const name = l10n.t({ message: 'Model', comment: ['The Claude model picker'] });
    this.element = el('select', { className: 'model' }, { 'aria-label': name, title: name });
    this.element.addEventListener('change', () => {
      this.pending = this.element.value;
      this.element.title = l10n.t('Model: {0}', this.element.value);
      onChange(this.element.value);
    });
  }

  /** Shows the list; returns the model now shown. */
  update(models: readonly ModelOption[], confirmed: string): string {
    if (this.pending === confirmed) this.pending = undefined;
    const selected = this.pending ?? confirmed;
    const options = models.some((m) => m.id === selected) ? models : [{ id: selected, label: selected }, ...models];
    this.element.replaceChildren(...options.map((m) => el('option', { textContent: m.label }, { value: m.id, label: shortModelName(m.label), title: m.id })));
    this.element.value = selected;
    this.element.title = l10n.t('Model: {0}', selected);
    return selected;
  }
}
