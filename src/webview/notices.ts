import type { ErrorAction } from '../core/protocol/protocol';
import * as l10n from '@vscode/l10n';
import { button, el, iconButton } from './dom';

/** An error's action button: the commands' titles, and Retry. */
function actionLabel(action: ErrorAction): string {
  switch (action) {
    case 'setApiKey':
      return setApiKeyLabel();
    case 'retry':
      return l10n.t({ message: 'Retry', comment: ['Button: send the request again'] });
    case 'pickModel':
      return l10n.t('Select Model');
  }
}

const setApiKeyLabel = () => l10n.t('Set API Key');

/**
 * An error (role `alert`) with its action buttons and Dismiss; an action or Dismiss removes it and,
 * when it held keyboard focus, `focusAfter` says where focus goes instead of the page.
 */
export function alertElement(message: string, actions: readonly ErrorAction[], run: (action: ErrorAction) => void, focusAfter: () => void): HTMLElement {
  const alert = el('div', { className: 'notice error' }, { role: 'alert' }, [el('p', { textContent: message })]);
  const remove = () => {
    const hadFocus = alert.contains(document.activeElement);
    alert.remove();
    if (hadFocus) focusAfter();
  };
  for (const action of actions) {
    alert.append(
      button(actionLabel(action), () => {
        remove();
        run(action);
      }),
    );
  }
  alert.append(iconButton(l10n.t('Dismiss'), 'close', remove, 'icon-button dismiss')); // not localized: class names
  return alert;
}

/**
 * The no-key call to action and the errors that belong to no reply. One notice per failure: an
 * error asking for a key while the key banner shows is the banner's to tell.
 */
export class Notices {
  readonly element = el('div', { className: 'notices' });
  private readonly keyBanner: HTMLElement;
  private hasKey = true;

  /** `focusAfter`: where keyboard focus goes when a focused notice goes away. */
  constructor(
    private readonly run: (action: ErrorAction) => void,
    private readonly focusAfter: () => void,
  ) {
    this.keyBanner = el('div', { className: 'notice', hidden: true }, { role: 'region', 'aria-label': l10n.t('API key needed') }, [
      el('p', { textContent: l10n.t("No Anthropic API key is set. Set one to start chatting; it is kept in VS Code's secret storage.") }),
      button(setApiKeyLabel(), () => this.run('setApiKey'), 'primary'),
    ]);
    this.element.append(this.keyBanner);
  }

  /** Returns whether the key status changed (errors about the old key no longer apply). */
  setHasKey(hasKey: boolean): boolean {
    const changed = hasKey !== this.hasKey;
    this.hasKey = hasKey;
    this.keyBanner.hidden = hasKey;
    return changed;
  }

  /** Shows an error; false when the key banner already says it. */
  showError(message: string, actions: readonly ErrorAction[]): boolean {
    if (!this.hasKey && actions.includes('setApiKey')) return false;
    this.clearErrors();
    this.element.append(alertElement(message, actions, this.run, this.focusAfter));
    return true;
  }

  clearErrors(): void {
    for (const node of this.element.querySelectorAll('[role="alert"]')) node.remove();
  }
}
