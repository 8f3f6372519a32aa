/** Small DOM helpers: elements are built with properties, never from HTML strings. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Pick<HTMLElement, 'className' | 'textContent' | 'id' | 'hidden'>> = {},
  attrs: Record<string, string> = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

export function button(label: string, onClick: () => void, className = 'secondary'): HTMLButtonElement {
  const b = el('button', { className, textContent: label }, { type: 'button' });
  b.addEventListener('click', onClick);
  return b;
}

/** A compact button showing a codicon; `label` is its accessible name and tooltip. */
export function iconButton(label: string, icon: string, onClick?: () => void, className = 'icon-button'): HTMLButtonElement {
  const b = el('button', { className }, { type: 'button', 'aria-label': label, title: label }, [el('span', { className: `codicon codicon-${icon}` }, { 'aria-hidden': 'true' })]);
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

const copiedResets = new WeakMap<HTMLElement, { timer: ReturnType<typeof setTimeout>; label: string; title: string; icon: string }>();

/** How long a copy button shows a check mark and reads `copied`. */
const COPIED_MS = 1500;

/**
 * A copy button (an `iconButton`) shows a check mark named `copied` for a moment, then its own
 * name, tooltip and icon again; a second click restarts the moment.
 */
export function flashCopied(button: HTMLElement, copied: string): void {
  const glyph = button.querySelector('.codicon');
  const earlier = copiedResets.get(button);
  const original = earlier ?? { label: button.getAttribute('aria-label') ?? '', title: button.title, icon: glyph?.className ?? '' };
  if (earlier) clearTimeout(earlier.timer);
  button.setAttribute('aria-label', copied);
  button.title = copied;
  if (glyph) glyph.className = 'codicon codicon-check'; // not localized: class names
  const timer = setTimeout(() => {
    copiedResets.delete(button);
    button.setAttribute('aria-label', original.label);
    button.title = original.title;
    if (glyph) glyph.className = original.icon;
  }, COPIED_MS);
  copiedResets.set(button, { ...original, timer });
}

/** What a translated sentence carries where element `index` goes: pass `slot(0)` for `{0}`, then `fillSlots`. */
export function slot(index: number): string {
  return String.fromCharCode(0xe000 + index); // a private-use character: never in a translation
}

/**
 * A translated sentence with elements inside it (a `<code>` prefix, a `<strong>` label), built
 * from `l10n.t('Always allow {0}', slot(0))`: the text around the slots becomes text nodes, and
 * each slot its element, wherever the language puts it. Every argument goes in through a slot
 * (text as a text node): text formatted into the sentence could hold private-use characters.
 */
export function fillSlots(sentence: string, ...nodes: Node[]): Node[] {
  return sentence.split(/([\ue000-\ue0ff])/).flatMap((piece, i): Node[] => {
    if (i % 2 === 0) return piece ? [document.createTextNode(piece)] : [];
    const node = nodes[piece.charCodeAt(0) - 0xe000];
    return node ? [node] : [];
  });
}
