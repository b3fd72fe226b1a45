// Runbooks link to these URLs. Each must still exist (page and anchor), or be redirected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertBuilt, idsIn, resolvePath } from '../../scripts/lib/dist.ts';

assertBuilt();
const list = readFileSync(new URL('../permalinks.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

test('the permalink list is not empty', () => {
  assert.ok(list.length > 100, `${list.length} permalinks`);
});

for (const link of list) {
  test(`permalink ${link}`, () => {
    const url = new URL(link, 'http://site');
    const file = resolvePath(url.pathname);
    assert.ok(file, `${url.pathname} is gone: restore it or add a redirect`);
    const hash = decodeURIComponent(url.hash.slice(1));
    if (hash)
      assert.ok(idsIn(readFileSync(file, 'utf8')).has(hash), `${link}: anchor #${hash} is gone`);
  });
}
