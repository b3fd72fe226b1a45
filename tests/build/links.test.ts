// Every internal link and anchor in the build resolves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  assertBuilt,
  htmlFiles,
  idsIn,
  linksIn,
  resolvePath,
  urlOf,
} from '../../scripts/lib/dist.ts';

assertBuilt();
const pages = new Map(htmlFiles().map((f) => [urlOf(f), readFileSync(f, 'utf8')]));
const ids = new Map([...pages].map(([url, html]) => [url, idsIn(html)]));

test('the build has pages', () => {
  assert.ok(pages.size > 20, `${pages.size} pages`);
});

test('every internal link and anchor resolves', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const [from, html] of pages) {
    for (const href of linksIn(html)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue;
      checked++;
      const url = new URL(href, `http://site${from}`);
      const file = resolvePath(url.pathname);
      if (!file) {
        broken.push(`${from} -> ${href} (no such page)`);
        continue;
      }
      const hash = decodeURIComponent(url.hash.slice(1));
      if (!hash || !file.endsWith('.html')) continue;
      // Fragments on the checker carry input, not anchors.
      if (url.pathname === '/check/' && hash.includes('=')) continue;
      const target = ids.get(urlOf(file));
      if (!target?.has(hash)) broken.push(`${from} -> ${href} (no id "${hash}")`);
    }
  }
  assert.ok(checked > 500, `only ${checked} links checked`);
  assert.deepEqual(broken, []);
});

test('ids are unique within each page', () => {
  const dupes: string[] = [];
  for (const [url, html] of pages) {
    const all = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    const seen = new Set<string>();
    for (const id of all) {
      if (seen.has(id)) dupes.push(`${url}#${id}`);
      seen.add(id);
    }
  }
  assert.deepEqual(dupes, []);
});
