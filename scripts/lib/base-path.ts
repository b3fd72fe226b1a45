/**
 * A site served under a base path (`/repo/`, BASE_PATH at build): Astro puts its assets there,
 * and this moves every root-relative link of the built pages and host files under it too.
 */

/** `/ports/6443/` → `/repo/ports/6443/`; paths already under the base and other URLs are kept. */
export function rebase(path: string, base: string): string {
  if (base === '/' || !path.startsWith('/') || path.startsWith('//') || path.startsWith(base))
    return path;
  return `${base}${path.slice(1)}`;
}

/** Every root-relative href, src, action and refresh target of a page, under the base. */
export function rebaseHtml(html: string, base: string): string {
  if (base === '/') return html;
  return html
    .replace(
      /(\s(?:href|src|action|poster|data-url)=")(\/[^"]*)"/g,
      (_m, attr: string, path: string) => `${attr}${rebase(path, base)}"`,
    )
    .replace(
      /(http-equiv="refresh" content="\d+;\s*url=)(\/[^"]*)"/g,
      (_m, head: string, path: string) => `${head}${rebase(path, base)}"`,
    );
}

/** A host file of `PATH ...` lines (_redirects) or path headings (_headers), under the base. */
export function rebaseHostFile(text: string, base: string): string {
  if (base === '/') return text;
  return text
    .split('\n')
    .map((line) =>
      line.replace(
        /(^|\s)(\/[^\s]*)/g,
        (_m, lead: string, path: string) => `${lead}${rebase(path, base)}`,
      ),
    )
    .join('\n');
}
