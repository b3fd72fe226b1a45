// A project site served under a base path (GitHub Pages: https://owner.github.io/repo/): a second
// build with BASE_PATH, SITE_URL and REPORT_ERROR_URL set must carry the base in every link,
// asset, short link, host file, the service worker and the browser scripts, and leave no
// placeholder origin behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { linksIn } from '../../scripts/lib/dist.ts';

const BASE = '/ck8s-ports/';
const SITE = 'https://owner.github.io';
const REPORT = 'https://github.com/owner/ck8s-ports/issues/new';
const out = mkdtempSync(join(tmpdir(), 'base-build-'));
const env = { ...process.env, BASE_PATH: BASE, SITE_URL: SITE, REPORT_ERROR_URL: REPORT };
execFileSync('astro', ['build', '--outDir', out], { env, stdio: 'pipe' });
execFileSync(process.execPath, ['scripts/postbuild.ts', out], { env, stdio: 'pipe' });

const files = readdirSync(out, { recursive: true })
  .map(String)
  .map((f) => join(out, f))
  .filter((f) => statSync(f).isFile());
const html = files.filter((f) => f.endsWith('.html'));
const read = (f: string) => readFileSync(f, 'utf8');

/** The file a root-relative URL under the base is served from, if any. */
function served(path: string): string | undefined {
  if (!path.startsWith(BASE)) return undefined;
  const clean = path
    .slice(BASE.length - 1)
    .split('#')[0]!
    .split('?')[0]!;
  const file = clean.endsWith('/') ? join(out, clean, 'index.html') : join(out, clean);
  return existsSync(file) ? file : undefined;
}

test('every root-relative link and asset of every page is under the base and exists', () => {
  const bad: string[] = [];
  let checked = 0;
  for (const file of html)
    for (const href of linksIn(read(file))) {
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      checked++;
      if (!served(href)) bad.push(`${relative(out, file).split(sep).join('/')} -> ${href}`);
    }
  assert.ok(checked > 1000, `${checked} links`);
  assert.deepEqual(bad, []);
});

test('short links, headers, sitemap, robots and canonical links carry the base and the origin', () => {
  const redirects = read(join(out, '_redirects')).trim().split('\n');
  assert.ok(redirects.length > 10);
  for (const line of redirects) {
    const [from, to] = line.split(' ');
    assert.ok(from!.startsWith(BASE) && to!.startsWith(BASE), line);
    assert.ok(served(to!), `${to} exists`);
  }
  for (const line of read(join(out, '_headers'))
    .split('\n')
    .filter((l) => l.startsWith('/')))
    assert.ok(line.startsWith(BASE), line);
  const sitemap = read(join(out, 'sitemap.xml'));
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  assert.ok(locs.length > 40 && locs.every((l) => l.startsWith(`${SITE}${BASE}`)));
  assert.match(read(join(out, 'robots.txt')), new RegExp(`Sitemap: ${SITE}${BASE}sitemap\\.xml`));
  assert.match(
    read(join(out, 'ports/6443/index.html')),
    new RegExp(`rel="canonical" href="${SITE}${BASE}ports/6443/"`),
  );
  assert.match(read(join(out, '6443/index.html')), new RegExp(`url=${BASE}ports/6443/`));
});

test('the service worker and the browser scripts work under the base', () => {
  const sw = read(join(out, 'sw.js'));
  const precache = JSON.parse(/const PRECACHE = (\[[^\]]*\]);/.exec(sw)![1]!) as string[];
  assert.ok(precache.length > 5 && precache.every((p) => served(p)), 'every precached file exists');
  assert.ok(sw.includes(`"${BASE}_astro/"`) && sw.includes(`"${BASE}404.html"`));
  const scripts = files.filter((f) => f.includes(`${sep}_astro${sep}`) && f.endsWith('.js'));
  assert.ok(
    scripts.some((f) => read(f).includes(BASE)),
    'the base is built into the scripts',
  );
});

test('no placeholder origin or report address is left', () => {
  const left = files
    .filter((f) => /\.(html|xml|txt|js|json|tf|mjs)$/.test(f) || f.endsWith('_headers'))
    .filter((f) => read(f).includes('example.org'));
  assert.deepEqual(
    left.map((f) => relative(out, f)),
    [],
  );
  assert.ok(read(join(out, 'index.html')).includes(REPORT));
});

test('site paths shown as text for copying carry the base too', () => {
  const shown = html.flatMap((f) =>
    [...read(f).matchAll(/<code>(\/(?:api|check|ports|downloads)\/[^<]*)<\/code>/g)].map(
      (m) => `${relative(out, f).split(sep).join('/')}: ${m[1]}`,
    ),
  );
  assert.deepEqual(shown, [], 'a root-relative site path as text');
  const api = read(join(out, 'api/v1/index.html'));
  assert.ok(api.includes(`<code>${BASE}api/v1/endpoints.json</code>`));
});
