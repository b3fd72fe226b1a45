// Downloads that run as root: the SHA-256 each page shows is that of the bytes the site serves,
// and SHA256SUMS.txt verifies with sha256sum -c.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, DIST, htmlFiles } from '../../scripts/lib/dist.ts';
import { CHECKSUMS_PATH, DOWNLOADS, checksumSlot } from '../../src/view/downloads.ts';

assertBuilt();
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(DIST, 'downloads', file)))
    .digest('hex');

for (const [page, file] of [
  ['check/index.html', 'check-ports.mjs'],
  ['reach/index.html', 'ck8s-reach.sh'],
] as const)
  test(`/${page.replace('index.html', '')} shows the SHA-256 of ${file} next to its link`, () => {
    const html = readFileSync(join(DIST, page), 'utf8');
    const shown = [...html.matchAll(/<code class="digest"[^>]*>([^<]*)<\/code>/g)].map((m) => m[1]);
    assert.deepEqual(shown, [sha256(file)]);
    assert.match(html, new RegExp(`href="[^"]*${file.replace('.', '\\.')}"`));
  });

test('no page keeps a checksum slot unfilled', () => {
  const left = htmlFiles().filter((f) => {
    const html = readFileSync(f, 'utf8');
    return DOWNLOADS.some((d) => html.includes(checksumSlot(d)));
  });
  assert.deepEqual(left, []);
});

test('SHA256SUMS.txt lists every download and passes sha256sum -c', () => {
  const sums = readFileSync(join(DIST, CHECKSUMS_PATH), 'utf8');
  assert.deepEqual(
    sums.trim().split('\n'),
    DOWNLOADS.map((f) => `${sha256(f)}  ${f}`),
  );
  const check = spawnSync('sha256sum', ['-c', CHECKSUMS_PATH.split('/').pop()!], {
    cwd: join(DIST, 'downloads'),
    encoding: 'utf8',
  });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.equal(check.stdout.match(/: OK$/gm)?.length, DOWNLOADS.length);
});
