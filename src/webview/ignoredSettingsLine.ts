import { el } from './dom';

/** A muted line above the composer, in Restricted Mode, naming the workspace settings VS Code ignores. */
export class IgnoredSettingsLine {
  readonly element = el('p', { className: 'tools-status', hidden: true }, { role: 'note', 'aria-label': 'Workspace settings' });

  update(keys: readonly string[]): void {
    this.element.hidden = keys.length === 0;
    this.element.textContent = keys.length ? `Workspace settings are ignored until you trust this folder: ${keys.join(', ')}.` : '';
  }
}
