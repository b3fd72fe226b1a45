import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerQuery, extractPortQuery } from '../../src/domain/search-query.ts';
import { portIndex } from '../../src/view/search-index.ts';
import { model } from '../../src/domain/data.ts';

const index = portIndex();
const known = model.ports[0]!;
const unused = (() => {
  for (let p = 64431; ; p++) if (!model.ports.includes(p)) return p;
})();

test('every way of writing a port finds the exact page', () => {
  for (const q of [
    `${known}`,
    `${known}/tcp`,
    `tcp ${known}`,
    `:${known}`,
    `port ${known}`,
    `what is ${known}?`,
    `udp/${known}`,
  ]) {
    const a = answerQuery(q, index);
    assert.equal(a.kind, 'exact', q);
    assert.equal((a as { entry: { port: number } }).entry.port, known);
  }
});

test('an unused number says so and never offers a prefix match as the answer', () => {
  const a = answerQuery(String(unused), index);
  assert.equal(a.kind, 'unused');
  assert.equal((a as { port: number }).port, unused);
});

test('a partial number lists the known ports that start with it', () => {
  const prefix = String(model.ports.at(-1)).slice(0, 3);
  const a = answerQuery(prefix, index);
  assert.equal(a.kind, model.ports.includes(Number(prefix)) ? 'exact' : 'unused');
  assert.deepEqual(
    (a as { partial: { port: number }[] }).partial.map((e) => e.port),
    model.ports.filter((p) => String(p).startsWith(prefix) && String(p) !== prefix),
  );
});

test('a range lists every known port inside it, in either order', () => {
  const [lo, hi] = [model.ports[2]!, model.ports.at(-2)!];
  for (const q of [`${lo}-${hi}`, `${hi}-${lo}`, `ports ${lo}..${hi}`]) {
    const a = answerQuery(q, index);
    assert.equal(a.kind, 'range', q);
    assert.deepEqual(
      (a as { entries: { port: number }[] }).entries.map((e) => e.port),
      model.ports.filter((p) => p >= lo && p <= hi),
    );
  }
});

test('out-of-range numbers get their own answer', () => {
  for (const q of ['70000', '0', '65536', '1-70000', '007'])
    assert.equal(answerQuery(q, index).kind, 'out-of-range', q);
});

test('words go to full-text search', () => {
  for (const q of ['hubble', 'etcd peer', 'gops', 'vxlan', 'port 6443 and 10250'])
    assert.equal(answerQuery(q, index).kind, 'words', q);
  assert.equal(extractPortQuery('kubelet 10250'), undefined);
});

const checkOnly = model.checks.filter((c) => c.port > 0 && model.byPort(c.port).length === 0);

test('a pre-flight check key, or a pasted clash message, leads to the port it tests', () => {
  assert.ok(checkOnly.length > 0, 'the data has checks of ports nothing listens on');
  const serviceNames = new Set(model.services.map((s) => s.name.toLowerCase()));
  for (const c of model.checks.filter((c) => c.port > 0)) {
    const byKey = answerQuery(c.key, index);
    if (serviceNames.has(c.key)) assert.equal(byKey.kind, 'words', `${c.key} names a service too`);
    else {
      assert.equal(byKey.kind, 'key', c.key);
      assert.equal((byKey as { entry: { port: number } }).entry.port, c.port, c.key);
    }
    const pasted = answerQuery(
      `Error: Failed to bootstrap: port ${c.port} (needed by: ${c.key}) is already in use`,
      index,
    );
    assert.equal(pasted.kind, 'key', c.key);
    assert.equal((pasted as { entry: { port: number } }).entry.port, c.port, c.key);
  }
  for (const c of checkOnly) {
    const a = answerQuery(String(c.port), index);
    assert.equal(a.kind, 'exact', `${c.port} has a page though nothing listens on it`);
    assert.ok((a as { entry: { keys: string[] } }).entry.keys.includes(c.key));
  }
});

test('a number inside a range answers with the range page, not "unused"', () => {
  assert.ok(model.ranges.length > 0);
  for (const r of model.ranges) {
    const inside = r.port + Math.floor((r.endPort - r.port) / 2);
    const a = answerQuery(String(inside), index);
    assert.equal(a.kind, 'in-range', String(inside));
    const entry = (a as { entry: { port: number; endPort?: number; url: string } }).entry;
    assert.deepEqual([entry.port, entry.endPort], [r.port, r.endPort]);
    assert.equal(entry.url, `/ports/${r.port}-${r.endPort}/`);
    assert.equal(answerQuery(String(r.port - 1), index).kind === 'in-range', false);
  }
});
