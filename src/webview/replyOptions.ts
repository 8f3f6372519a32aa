import type { ModelOption } from '../core/protocol';
import { el } from './dom';

/**
 * "Start Claude's reply with…" (assistant prefill), offered only for models that accept it; for
 * the others the same place says why it is not there.
 */
export class ReplyOptions {
  readonly element: HTMLDetailsElement;
  private readonly input: HTMLInputElement;
  private readonly field: HTMLElement;
  private readonly note: HTMLElement;

  constructor() {
    this.input = el('input', { className: 'prefill' }, { type: 'text', 'aria-label': "Start Claude's reply with", placeholder: "Start Claude's reply with…" });
    this.field = el('label', { className: 'field' }, {}, [this.input]);
    this.note = el('p', { className: 'note', hidden: true });
    this.element = el('details', { className: 'options' }, {}, [el('summary', { textContent: 'Reply options' }), this.field, this.note]);
  }

  update(models: readonly ModelOption[], selected: string): void {
    const model = models.find((m) => m.id === selected);
    const allowed = model?.prefill === true;
    this.field.hidden = !allowed;
    this.note.hidden = allowed;
    this.note.textContent = allowed
      ? ''
      : `Starting Claude's reply for it is available only with models that accept a prefilled reply (the Claude 4.5 generation); ${model?.label ?? selected} does not.`;
  }

  /** The prefill for this message (then cleared), or undefined. */
  take(): string | undefined {
    const value = this.field.hidden ? '' : this.input.value;
    this.input.value = '';
    return value.trim() ? value : undefined;
  }
}
