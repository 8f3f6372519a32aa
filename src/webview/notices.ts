import type { ErrorAction } from '../core/protocol';
import { button, el, iconButton } from './dom';

const ACTION_LABELS: Record<ErrorAction, string> = { setApiKey: 'Set API Key', retry: 'Retry', pickModel: 'Select Model' };

/** An error (role `alert`) with its action buttons and Dismiss; an action or Dismiss removes it. */
export function alertElement(message: string, actions: readonly ErrorAction[], run: (action: ErrorAction) => void): HTMLElement {
  const alert = el('div', { className: 'notice error' }, { role: 'alert' }, [el('p', { textContent: message })]);
  for (const action of actions) {
    alert.append(
      button(ACTION_LABELS[action], () => {
        alert.remove();
        run(action);
      }),
    );
  }
  alert.append(iconButton('Dismiss', 'close', () => alert.remove(), 'icon-button dismiss'));
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

  constructor(private readonly run: (action: ErrorAction) => void) {
    this.keyBanner = el('div', { className: 'notice', hidden: true }, { role: 'region', 'aria-label': 'API key needed' }, [
      el('p', { textContent: 'No Anthropic API key is set. Set one to start chatting; it is kept in VS Code\'s secret storage.' }),
      button('Set API Key', () => this.run('setApiKey'), 'primary'),
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
    this.element.append(alertElement(message, actions, this.run));
    return true;
  }

  clearErrors(): void {
    for (const node of this.element.querySelectorAll('[role="alert"]')) node.remove();
  }
}
