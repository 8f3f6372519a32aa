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
