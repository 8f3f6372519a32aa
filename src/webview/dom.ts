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
