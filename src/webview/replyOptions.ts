import type { ModelOption } from '../core/protocol/protocol';
import * as l10n from '@vscode/l10n';
import { el } from './dom';

/** "Start Claude's reply with…" (assistant prefill): shown only for models that accept it. */
export class ReplyOptions {
  readonly element: HTMLDetailsElement;
  private readonly input: HTMLInputElement;
  private readonly field: HTMLElement;

  constructor() {
    this.input = el('input', { className: 'prefill' }, { type: 'text', 'aria-label': l10n.t("Start Claude's reply with"), placeholder: l10n.t("Start Claude's reply with…") });
    this.field = el('label', { className: 'field' }, {}, [this.input]);
    this.element = el('details', { className: 'options', hidden: true }, {}, [el('summary', { textContent: l10n.t('Reply options') }), this.field]);
  }

  update(models: readonly ModelOption[], selected: string): void {
    const model = models.find((m) => m.id === selected);
    const allowed = model?.prefill === true;
    this.field.hidden = !allowed;
    this.element.hidden = !allowed;
  }

  /** The prefill for this message (then cleared), or undefined. */
  take(): string | undefined {
    const value = this.field.hidden ? '' : this.input.value;
    this.input.value = '';
    return value.trim() ? value : undefined;
  }
}
