// Prints the built site's pages and anchors in permalink form, for adding new ones to
// tests/permalinks.txt. Existing lines are never removed by hand: a removed URL needs a redirect.
import { readFileSync } from 'node:fs';
import { htmlFiles, idsIn, urlOf } from './lib/dist.ts';

const known = new Set(
  readFileSync('tests/permalinks.txt', 'utf8')
    .split('\n')
    .map((l) => l.trim()),
);
const skip = /^(404\.html|.*\/_astro\/)/;
for (const file of htmlFiles().sort()) {
  const url = urlOf(file);
  if (skip.test(url.slice(1)) || /^\/\d+\/$/.test(url)) continue;
  const html = readFileSync(file, 'utf8');
  if (html.includes('name="robots" content="noindex"')) continue;
  // Anchors people link to: sections and rows, not form controls or script data.
  const controls = new Set(
    [
      ...html.matchAll(/<(?:input|textarea|select|form|script|ol|button)\b[^>]*\sid="([^"]+)"/g),
    ].map((m) => m[1]!),
  );
  const ids = [...idsIn(html)].filter(
    (id) =>
      !controls.has(id) &&
      id !== 'results' &&
      !/-h$|^main$/.test(id) &&
      !id.startsWith('diagram-title'),
  );
  const lines = [url, ...ids.map((id) => `${url}#${id}`)];
  for (const line of lines) if (!known.has(line)) console.log(line);
}
