import * as l10n from '@vscode/l10n';
import { el } from './dom';

/** Example prompts an empty chat offers; clicking one puts it in the message box (in the person's language: they send it). */
export function examplePrompts(): string[] {
  return [l10n.t('Explain what the open file does'), l10n.t('Find bugs in the code I selected'), l10n.t('Write unit tests for this function')];
}

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** The default keybindings (package.json), as this platform writes them, with the commands' titles. */
function shortcuts(): Array<[string, string]> {
  return [
    [l10n.t({ message: 'Explain Selection', comment: ['Command title'] }), IS_MAC ? '⌘⌥E' : 'Ctrl+Alt+E'],
    [l10n.t({ message: 'Add Selection to Chat', comment: ['Command title'] }), IS_MAC ? '⌘⌥L' : 'Ctrl+Alt+L'],
  ];
}

/** What an empty chat shows: a line of help, three example prompts and the editor shortcuts. */
export function welcomeElement(usePrompt: (text: string) => void): HTMLElement {
  const prompts = examplePrompts().map((text) => {
    const b = el('button', { className: 'example', textContent: text }, { type: 'button' });
    b.addEventListener('click', () => usePrompt(text));
    return el('li', {}, {}, [b]);
  });
  const keys = shortcuts().map(([command, key]) => el('li', {}, {}, [el('kbd', { textContent: key }), document.createTextNode(` ${command}`)]));
  return el('section', { className: 'welcome' }, { 'aria-label': l10n.t('Welcome') }, [
    el('p', { textContent: l10n.t('Ask Claude anything about your code. Enter sends, Shift+Enter adds a line; replies stream in as they are written, and Escape stops one.') }),
    el('ul', { className: 'examples' }, { 'aria-label': l10n.t('Example prompts') }, prompts),
    el('ul', { className: 'shortcuts' }, { 'aria-label': l10n.t('Shortcuts') }, keys),
  ]);
}
