import * as l10n from '@vscode/l10n';
import type { ToolsStatus } from '../core/protocol/protocol';
import { el } from './dom';

/** A muted line above the composer, named "Edits", when Claude may not use the editor tool here. */
export class ToolsStatusLine {
  readonly element = el('p', { className: 'tools-status', hidden: true }, { role: 'note', 'aria-label': l10n.t({ message: 'Edits', comment: ['Why Claude cannot edit files'] }) });

  update(status: ToolsStatus): void {
    const reason = status.reason?.trim();
    this.element.hidden = status.enabled || !reason;
    // The host's reason is a whole sentence in the display language, shown as it is (adding words
    // to it here would mean reading a translated text to decide).
    this.element.textContent = !this.element.hidden && reason ? reason : '';
  }
}
