/**
 * Gives every data cell of a built page's tables a `data-label` with its column's header, so that
 * below 40rem the stylesheet can show each row as a block of labelled fields (nothing hides
 * off-screen on a phone) while the markup stays a table. Tables without a header row are left as
 * they are.
 */
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export function labelTables(html: string): string {
  return html.replace(
    /<table\b([^>]*)>([\s\S]*?)<\/table>/g,
    (whole, attrs: string, body: string) => {
      const head = /<thead\b[^>]*>([\s\S]*?)<\/thead>/.exec(body)?.[1];
      if (!head) return whole;
      const labels = [...head.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1]!));
      const rows = body.replace(/<tbody\b[^>]*>([\s\S]*?)<\/tbody>/g, (tbody: string) =>
        tbody.replace(/<tr\b[^>]*>[\s\S]*?<\/tr>/g, (tr: string) => {
          let i = 0;
          return tr.replace(
            /<(td|th)\b(?![^>]*data-label)([^>]*)>/g,
            (_cell, tag: string, rest: string) => {
              const label = labels[i++] ?? '';
              return label ? `<${tag} data-label="${attr(label)}"${rest}>` : `<${tag}${rest}>`;
            },
          );
        }),
      );
      const cls = /\bclass="([^"]*)"/.exec(attrs);
      const withClass = cls
        ? attrs.replace(cls[0], `class="${cls[1]} reflow"`)
        : `${attrs} class="reflow"`;
      return `<table${withClass}>${rows}</table>`;
    },
  );
}
