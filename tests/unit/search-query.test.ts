import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerQuery, extractPortQuery } from '../../src/domain/search-query.ts';
import { portIndex } from '../../src/view/search-index.ts';
import { model } from '../../src/domain/data.ts';

const index = portIndex(model);
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
