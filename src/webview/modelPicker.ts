import type { ModelOption } from '../core/protocol';
import { el } from './dom';

/** The "Model" combobox (a native select: keyboard and screen readers get it for free). */
export class ModelPicker {
  readonly element: HTMLSelectElement;

  constructor(onChange: (model: string) => void) {
    this.element = el('select', { className: 'model' }, { 'aria-label': 'Model', title: 'Model' });
    this.element.addEventListener('change', () => onChange(this.element.value));
  }

  update(models: readonly ModelOption[], selected: string): void {
    const options = models.some((m) => m.id === selected) ? models : [{ id: selected, label: selected }, ...models];
    this.element.replaceChildren(...options.map((m) => el('option', { textContent: m.label }, { value: m.id })));
    this.element.value = selected;
  }
}
