// Small DOM helpers shared by the page scripts. Text goes in as text, never as HTML.
import { withBase } from './base';

/** Creates an element with properties and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** A link; a root-relative href goes under the site's base path. */
export const link = (href: string, text: string): HTMLAnchorElement =>
  el('a', { href: withBase(href) }, text);

export { copyText } from './clipboard';

/** Offers text as a file download. */
export function downloadText(text: string, name: string, type: string): void {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Gives each body cell of a table its column's name as `data-label`, and the `reflow` class, as
 * the build does for the tables in pages (scripts/lib/table-labels.ts): phones show each row as
 * a block of labelled fields.
 */
export function labelCells(table: HTMLTableElement): void {
  const labels = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
  table.classList.add('reflow');
  for (const row of table.querySelectorAll('tbody tr'))
    [...row.children].forEach((cell, i) => {
      if (labels[i]) (cell as HTMLElement).dataset.label = labels[i];
    });
}
