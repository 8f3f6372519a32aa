import * as l10n from '@vscode/l10n';
import { el } from './dom';

/**
 * A muted line above the composer naming the workspace settings that are not used: the endpoint
 * and autoApprove in any workspace (trusting the folder would not change that, so they are named
 * apart), and in Restricted Mode the others that wait for trust.
 */
export class IgnoredSettingsLine {
  readonly element = el('p', { className: 'tools-status', hidden: true }, { role: 'note', 'aria-label': l10n.t('Workspace settings') });

  /** `userOnly`: those of `keys` that only user settings set, whatever the trust. */
  update(keys: readonly string[], userOnly: readonly string[]): void {
    const untilTrusted = keys.filter((k) => !userOnly.includes(k));
    const always = keys.filter((k) => userOnly.includes(k));
    const sentences = [
      ...(untilTrusted.length ? [l10n.t('Workspace settings are ignored until you trust this folder: {0}.', untilTrusted.join(', '))] : []),
      ...(always.length ? [l10n.t("Only your user settings count for: {0} (this folder's values are ignored).", always.join(', '))] : []),
    ];
    this.element.hidden = keys.length === 0;
    this.element.textContent = sentences.join(' ');
  }
}
