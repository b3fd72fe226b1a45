// Reads the built site in dist/ for the build checks: pages, their ids, their links.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const DIST = new URL('../../dist/', import.meta.url).pathname;

export function assertBuilt(): void {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('dist/ is missing: run `npm run build` first');
}

export function htmlFiles(dir = DIST): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(dir, name));
}

/** The URL path a file is served at: dist/ports/6443/index.html -> /ports/6443/. */
export function urlOf(file: string): string {
  const rel = relative(DIST, file).split(sep).join('/');
  return '/' + rel.replace(/(^|\/)index\.html$/, '$1');
}

const decode = (s: string) =>
  s
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');

export function idsIn(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)));
}

export function linksIn(html: string): string[] {
  // Inline script bodies are code, not markup; external script src attributes are links like any other.
  const withoutScripts = html.replace(
    /(<script\b(?![^>]*\bsrc=)[^>]*>)[\s\S]*?<\/script>/g,
    '$1</script>',
  );
  return [...withoutScripts.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1]!));
}

export function redirects(): Map<string, string> {
  const file = join(DIST, '_redirects');
  const map = new Map<string, string>();
  if (!existsSync(file)) return map;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [from, to] = line.trim().split(/\s+/);
    if (from && to) map.set(from, to);
  }
  return map;
}

/** The file that serves a path, following _redirects, or undefined. */
export function resolvePath(path: string): string | undefined {
  const target = redirects().get(path) ?? path;
  const clean = target.split('#')[0]!.split('?')[0]!;
  const candidates = clean.endsWith('/') ? [join(DIST, clean, 'index.html')] : [join(DIST, clean)];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}
