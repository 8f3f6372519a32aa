/**
 * The code block buttons (built in markdown.ts), handled once for the whole transcript: the code
 * goes to the host, which owns the clipboard and the editor; "Wrap lines" is local to the block.
 */
import * as l10n from '@vscode/l10n';
import { flashCopied } from './dom';
import { postToHost } from './vscodeApi';

/** Handles clicks on `[data-code-action]` buttons anywhere inside `root`. */
export function handleCodeBlockActions(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-code-action]') : null;
    const block = button?.closest<HTMLElement>('.code-block');
    const pre = block?.querySelector('pre');
    if (!button || !block || !pre) return;
    const action = button.dataset.codeAction;
    if (action === 'wrap') {
      toggleWrap(block, button);
      return;
    }
    const code = (pre.textContent ?? '').replace(/\n$/, '');
    postToHost({ type: action === 'insert' ? 'insertCode' : 'copyCode', code });
    if (action === 'copy') flashCopied(button, l10n.t({ message: 'Copied', comment: ['Copy button, just after copying'] }));
  });
}

/** Switches the block between scrolling sideways and wrapping its long lines. */
function toggleWrap(block: HTMLElement, button: HTMLElement): void {
  const wrapped = block.classList.toggle('wrap');
  button.setAttribute('aria-pressed', String(wrapped));
}
