import { test } from 'node:test';
import assert from 'node:assert/strict';
import raw from '../../data/reference.json' with { type: 'json' };
import { ReferenceDataError, validateReference } from '../../src/domain/validate.ts';

type Raw = typeof raw;
const fresh = (): Raw => structuredClone(raw);
const kubeletApi = (d: Raw) =>
  d.endpoints.findIndex((e) => e.service === 'kubelet' && e.port === 10250);

function rejects(data: unknown, ...expected: RegExp[]): void {
  assert.throws(
    () => validateReference(data),
    (error: unknown) => {
      assert.ok(error instanceof ReferenceDataError, 'a ReferenceDataError');
      for (const pattern of expected) assert.match(error.message, pattern);
      return true;
    },
  );
}

test('the shipped data is valid', () => {
  const data = validateReference(raw);
  assert.equal(data.endpoints.length, raw.endpoints.length);
});

test('a duplicate endpoint names both entries and the key', () => {
  const d = fresh();
  const i = kubeletApi(d);
  d.endpoints.push(structuredClone(d.endpoints[i]!));
  rejects(
    d,
    new RegExp(
      `endpoints\\[${d.endpoints.length - 1}\\] \\(tcp/10250 kubelet\\), field "port": duplicate endpoint; endpoints\\[${i}\\]`,
    ),
  );
});

test('a duplicate is caught even when the release ranges only overlap', () => {
  const d = fresh();
  const copy = structuredClone(d.endpoints[kubeletApi(d)]!);
  copy.releases = { from: '1.36', to: '1.36' };
  copy.roles = ['worker'];
  d.endpoints.push(copy);
  rejects(d, /duplicate endpoint/, /10250\/tcp worker 1\.36/);
});

test('the same port under a different condition is not a duplicate', () => {
  const d = fresh();
  const copy: Raw['endpoints'][number] & { condition?: object } = structuredClone(
    d.endpoints[kubeletApi(d)]!,
  );
  copy.condition = { datastore: 'k8s-dqlite' };
  d.endpoints.push(copy);
  assert.doesNotThrow(() => validateReference(d));
});

test('an unknown service is named with the entry and field', () => {
  const d = fresh();
  d.endpoints[0]!.service = 'kube-foo';
  rejects(d, /endpoints\[0\] \(tcp\/\d+ kube-foo\), field "service": unknown service "kube-foo"/);
});

for (const port of [0, 65536, 70000, -1]) {
  test(`port ${port} is out of range`, () => {
    const d = fresh();
    d.endpoints[0]!.port = port;
    rejects(
      d,
      new RegExp(
        `endpoints\\[0\\] \\(tcp/${port} [a-z-]+\\), field "port": must be between 1 and 65535`,
      ),
    );
  });
}

test('a non-integer port is refused', () => {
  const d = fresh();
  d.endpoints[0]!.port = 64.5;
  rejects(d, /endpoints\[0\].*field "port"/);
});

test('an unknown release is named', () => {
  const d = fresh();
  d.endpoints[2]!.releases.to = '1.99';
  rejects(d, /endpoints\[2\] \(tcp\/\d+ [a-z-]+\), field "releases.to": unknown release "1.99"/);
});

test('a malformed release id is named', () => {
  const d = fresh();
  d.endpoints[2]!.releases.from = 'latest';
  rejects(d, /endpoints\[2\].*field "releases.from": must look like "1.36"/);
});

test('an empty description is named', () => {
  const d = fresh();
  d.endpoints[3]!.description = '   ';
  rejects(d, /endpoints\[3\] \(tcp\/\d+ [a-z-]+\), field "description": must not be empty/);
});

test('an empty service description is named', () => {
  const d = fresh();
  d.services[1]!.description = '';
  rejects(d, /services\[1\] \(cilium-operator\), field "description": must not be empty/);
});

test('a localhost endpoint cannot claim other hosts must reach it', () => {
  const d = fresh();
  const i = d.endpoints.findIndex((e) => e.bind === 'localhost');
  d.endpoints[i]!.reachableFrom = 'nodes';
  rejects(d, new RegExp(`endpoints\\[${i}\\].*field "reachableFrom"`));
});

test('an unknown source id is named', () => {
  const d = fresh();
  d.endpoints[1]!.sources = ['nowhere'];
  rejects(d, /endpoints\[1\].*field "sources": unknown source "nowhere"/);
});

test('an unknown field is refused rather than ignored', () => {
  const d = fresh() as unknown as { endpoints: Record<string, unknown>[] };
  d.endpoints[0]!.prot = 'tcp';
  rejects(d, /endpoints\[0\].*Unrecognized key/);
});

test('every problem is reported at once, not just the first', () => {
  const d = fresh();
  d.endpoints[0]!.service = 'nope';
  d.endpoints[1]!.releases.from = '1.10';
  assert.throws(
    () => validateReference(d),
    (e: unknown) => (e as ReferenceDataError).problems.length >= 2,
  );
});

test('exactly one release is the latest', () => {
  const d = fresh();
  d.releases[0]!.latest = true;
  rejects(d, /releases, field "latest": exactly one release must be the latest, found 2/);
});

test('data/reference.schema.json is up to date (npm run schema)', async () => {
  const { readFileSync } = await import('node:fs');
  const { referenceJsonSchema } = await import('../../scripts/lib/json-schema.ts');
  const committed = readFileSync(
    new URL('../../data/reference.schema.json', import.meta.url),
    'utf8',
  );
  assert.equal(committed, referenceJsonSchema());
});

test('owners: a duplicate id, an owner named by nothing, a bad URL and a distribution without signals', () => {
  const d = fresh();
  const first = d.owners[0]!;
  d.owners.push({ ...structuredClone(first) });
  rejects(
    d,
    new RegExp(`owners\\[${d.owners.length - 1}\\] \\(${first.id}\\), field "id": duplicate id`),
  );
  const e = fresh();
  e.owners.push({
    id: 'nothing',
    name: 'Nothing',
    remedy: 'x',
    url: 'https://example.com/',
  } as never);
  rejects(
    e,
    /owners\[\d+\] \(nothing\), field "processes": an owner needs processes, images or signals/,
  );
  const f = fresh();
  f.owners[0]!.url = 'not a url';
  rejects(f, /owners\[0\] \(\S+\), field "url"/);
  const g = fresh();
  const distribution = g.owners.findIndex((o) => o.distribution);
  g.owners[distribution]!.signals = [];
  rejects(
    g,
    new RegExp(`owners\\[${distribution}\\] .*field "signals": a distribution needs signals`),
  );
});

test('the firewalld catalog names the service and the bad port', async () => {
  const { validateFirewalld } = await import('../../src/domain/validate.ts');
  const catalog = (await import('../../data/firewalld-services.json', { with: { type: 'json' } }))
    .default;
  assert.ok(Object.keys(validateFirewalld(catalog).services).length > 100);
  const bad = structuredClone(catalog) as { services: Record<string, string[]> };
  bad.services['kube-apiserver'] = ['6443/xyz'];
  assert.throws(
    () => validateFirewalld(bad),
    /services\.kube-apiserver\.0: must look like 6443\/tcp/,
  );
});
