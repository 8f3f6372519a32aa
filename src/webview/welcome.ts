import { el } from './dom';

/** Example prompts an empty chat offers; clicking one puts it in the message box. */
export const EXAMPLE_PROMPTS = [
  'Explain what the open file does',
  'Find bugs in the code I selected',
  'Write unit tests for this function',
];

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** The default keybindings (package.json), as this platform writes them. */
const SHORTCUTS: Array<[string, string]> = [
  ['Explain Selection', IS_MAC ? '⌘⌥E' : 'Ctrl+Alt+E'],
  ['Add Selection to Chat', IS_MAC ? '⌘⌥L' : 'Ctrl+Alt+L'],
];

/** What an empty chat shows: a line of help, three example prompts and the editor shortcuts. */
export function welcomeElement(usePrompt: (text: string) => void): HTMLElement {
  const prompts = EXAMPLE_PROMPTS.map((text) => {
    const b = el('button', { className: 'example', textContent: text }, { type: 'button' });
    b.addEventListener('click', () => usePrompt(text));
    return el('li', {}, {}, [b]);
  });
  const keys = SHORTCUTS.map(([command, key]) => el('li', {}, {}, [el('kbd', { textContent: key }), document.createTextNode(` ${command}`)]));
  return el('section', { className: 'welcome' }, { 'aria-label': 'Welcome' }, [
    el('p', { textContent: 'Ask Claude anything about your code. Enter sends, Shift+Enter adds a line; replies stream in as they are written, and Escape stops one.' }),
    el('ul', { className: 'examples' }, { 'aria-label': 'Example prompts' }, prompts),
    el('ul', { className: 'shortcuts' }, { 'aria-label': 'Shortcuts' }, keys),
  ]);
}
