// Sitemap, robots.txt, canonical links, and link previews that name the port and service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertBuilt, DIST, htmlFiles, urlOf } from '../../scripts/lib/dist.ts';
import { model } from '../../src/domain/data.ts';

assertBuilt();

test('the sitemap lists every indexable page, and each exists', () => {
  const xml = readFileSync(`${DIST}sitemap.xml`, 'utf8');
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const indexable = htmlFiles()
    .filter((f) => !/noindex|http-equiv="refresh"/.test(readFileSync(f, 'utf8')))
    .map(urlOf)
    .filter((u) => u !== '/404.html');
  assert.deepEqual([...locs].sort(), [...indexable].sort());
});

test('robots.txt points at the sitemap', () => {
  assert.match(
    readFileSync(`${DIST}robots.txt`, 'utf8'),
    /^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m,
  );
});

test('every page has a canonical link, a description and Open Graph tags', () => {
  for (const file of htmlFiles()) {
    const html = readFileSync(file, 'utf8');
    if (/http-equiv="refresh"/.test(html)) continue;
    const url = urlOf(file);
    assert.match(html, /<link rel="canonical" href="https?:\/\/[^"]+"/, url);
    assert.match(html, /<meta name="description" content="[^"]{40,}"/, url);
    for (const p of ['og:title', 'og:description', 'og:url', 'og:type'])
      assert.match(html, new RegExp(`<meta property="${p}" content="[^"]+"`), `${url} ${p}`);
  }
});

test('a port page preview names the port and its services', () => {
  for (const port of model.ports) {
    const html = readFileSync(`${DIST}ports/${port}/index.html`, 'utf8');
    const title = /<meta property="og:title" content="([^"]+)"/.exec(html)![1]!;
    assert.ok(title.includes(String(port)), title);
    for (const e of model.byPort(port))
      assert.ok(title.includes(e.serviceName), `${title} lacks ${e.serviceName}`);
  }
});

test('_headers carries the page CSP plus frame-ancestors, and no third-party origin', () => {
  const headers = readFileSync(`${DIST}_headers`, 'utf8');
  const csp = /Content-Security-Policy: (.+)/.exec(headers)![1]!;
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  const page = readFileSync(`${DIST}index.html`, 'utf8');
  assert.doesNotMatch(
    /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(page)![1]!,
    /frame-ancestors|report-uri|sandbox/,
  );
});
