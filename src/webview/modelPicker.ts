import type { ModelOption } from '../core/protocol';
import { el } from './dom';

/** The "Model" combobox (a native select: keyboard and screen readers get it for free). */
export class ModelPicker {
  readonly element: HTMLSelectElement;
  /** The user's pick until the host confirms it (echoes of earlier setting changes must not undo it). */
  private pending: string | undefined;

  constructor(onChange: (model: string) => void) {
    this.element = el('select', { className: 'model' }, { 'aria-label': 'Model', title: 'Model' });
    this.element.addEventListener('change', () => {
      this.pending = this.element.value;
      onChange(this.element.value);
    });
  }

  /** Shows the list; returns the model now shown. */
  update(models: readonly ModelOption[], confirmed: string): string {
    if (this.pending === confirmed) this.pending = undefined;
    const selected = this.pending ?? confirmed;
    const options = models.some((m) => m.id === selected) ? models : [{ id: selected, label: selected }, ...models];
    this.element.replaceChildren(...options.map((m) => el('option', { textContent: m.label }, { value: m.id })));
    this.element.value = selected;
    return selected;
  }
}
