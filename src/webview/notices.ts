import type { ErrorAction } from '../core/protocol';
import { button, el } from './dom';

const ACTION_LABELS: Record<ErrorAction, string> = { setApiKey: 'Set API Key', retry: 'Retry', pickModel: 'Select Model' };

/** The no-key call to action and error alerts (role `alert`, with action buttons). */
export class Notices {
  readonly element = el('div', { className: 'notices' });
  private readonly keyBanner: HTMLElement;

  constructor(private readonly run: (action: ErrorAction) => void) {
    this.keyBanner = el('div', { className: 'notice', hidden: true }, { role: 'region', 'aria-label': 'API key needed' }, [
      el('p', { textContent: 'No Anthropic API key is set. Set one to start chatting; it is kept in VS Code\'s secret storage.' }),
      button('Set API Key', () => this.run('setApiKey'), 'primary'),
    ]);
    this.element.append(this.keyBanner);
  }

  setHasKey(hasKey: boolean): void {
    this.keyBanner.hidden = hasKey;
    if (hasKey) this.clearErrors();
  }

  showError(message: string, actions: readonly ErrorAction[]): void {
    this.clearErrors();
    const alert = el('div', { className: 'notice error' }, { role: 'alert' }, [el('p', { textContent: message })]);
    for (const action of actions) {
      alert.append(
        button(ACTION_LABELS[action], () => {
          alert.remove();
          this.run(action);
        }),
      );
    }
    alert.append(button('Dismiss', () => alert.remove(), 'icon'));
    this.element.append(alert);
  }

  clearErrors(): void {
    for (const node of this.element.querySelectorAll('[role="alert"]')) node.remove();
  }
}
