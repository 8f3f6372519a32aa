/**
 * The code block buttons (built in markdown.ts), handled once for the whole transcript: the code
 * goes to the host, which owns the clipboard and the editor; "Wrap lines" is local to the block.
 */
import { postToHost } from './vscodeApi';

/** How long "Copy" shows a check mark and reads "Copied". */
export const COPIED_MS = 1500;

const resets = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

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
    if (action === 'copy') showCopied(button);
  });
}

/** Switches the block between scrolling sideways and wrapping its long lines. */
function toggleWrap(block: HTMLElement, button: HTMLElement): void {
  const wrapped = block.classList.toggle('wrap');
  button.setAttribute('aria-pressed', String(wrapped));
}

/** "Copy" becomes a check mark named "Copied" for a moment; a second click restarts the moment. */
function showCopied(button: HTMLElement): void {
  setLook(button, 'Copied', 'check');
  clearTimeout(resets.get(button));
  resets.set(
    button,
    setTimeout(() => {
      resets.delete(button);
      setLook(button, 'Copy', 'copy');
    }, COPIED_MS),
  );
}

function setLook(button: HTMLElement, label: string, icon: string): void {
  button.setAttribute('aria-label', label);
  button.title = label;
  const glyph = button.querySelector('.codicon');
  if (glyph) glyph.className = `codicon codicon-${icon}`;
}
