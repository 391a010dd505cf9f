/**
 * One small element builder for the dashboard's pages. Text is always appended as text nodes
 * (never innerHTML), so article text, titles and outlets stay inert whatever they hold.
 */
export type Props = Partial<Record<'className' | 'id' | 'href' | 'title' | 'role' | 'scope' | 'ariaLabel' | 'type' | 'name' | 'value' | 'for', string>> & { tabIndex?: number };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props, ...children: (string | Node)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'className') node.className = String(value);
    else if (key === 'tabIndex') node.tabIndex = Number(value);
    else if (key === 'ariaLabel') node.setAttribute('aria-label', String(value));
    else if (key === 'value' && 'value' in node) (node as HTMLInputElement).value = String(value);
    else node.setAttribute(key, String(value));
  }
  node.append(...children);
  return node;
}
