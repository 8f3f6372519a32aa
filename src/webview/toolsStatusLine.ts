import type { ToolsStatus } from '../core/protocol/protocol';
import { el } from './dom';

/** A muted line above the composer, named "Edits", when Claude may not use the editor tool here. */
export class ToolsStatusLine {
  readonly element = el('p', { className: 'tools-status', hidden: true }, { role: 'note', 'aria-label': 'Edits' });

  update(status: ToolsStatus): void {
    const reason = status.reason?.trim();
    this.element.hidden = status.enabled || !reason;
    // The host's reason says why; say what it means unless it already does.
    this.element.textContent = !this.element.hidden && reason ? (/^edits\b/i.test(reason) ? reason : `Edits are off: ${reason}`) : '';
  }
}
