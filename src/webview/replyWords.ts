/** The words of a reply: its ending status, its action buttons, its summary part. */
import * as l10n from '@vscode/l10n';
import type { ReplyAction, ReplyStatus } from '../core/protocol/protocol';

/** What the reply's status line says once it ended. */
export function statusText(status: ReplyStatus): string {
  switch (status) {
    case 'done':
      return '';
    case 'stopped':
      return l10n.t({ message: 'Stopped', comment: ['Reply status'] });
    case 'error':
      return l10n.t('Incomplete: the reply broke off');
    case 'interrupted':
      return l10n.t('Interrupted: the window closed while this reply was streaming');
  }
}

/** An action button's label and tooltip. */
export function actionLabel(action: ReplyAction): { label: string; title: string } {
  switch (action) {
    case 'continue':
      return { label: l10n.t({ message: 'Continue', comment: ['Button: let Claude go on'] }), title: l10n.t('Ask Claude to go on where the reply stopped') };
    case 'newChat':
      // Not "…new chat…": the composer's "New chat" is found by that name.
      return { label: l10n.t('Start over'), title: l10n.t('This conversation is too long for the model: start a new chat') };
    case 'revert':
      return { label: l10n.t('Revert changes'), title: l10n.t('Restore the files this reply changed') };
    case 'tryAgain':
      return { label: l10n.t('Try again'), title: l10n.t('Ask Claude again, with the problem as it is reported now') };
  }
}

/** The collapsed summary's name. */
export function summaryLabel(): string {
  return l10n.t('Earlier conversation summarized');
}
