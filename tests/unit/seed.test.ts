// Every row of the product brief's seed table must be in data/ (port, protocol, service, interface class).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { model } from '../../src/domain/data.ts';

const seed = readFileSync(
  new URL('../fixtures/seed-services-and-ports.txt', import.meta.url),
  'utf8',
);
const lines = seed.split('\n').map((l) => l.trim());

interface SeedRow {
  port: number;
  protocol: string;
  service: string;
  section: 'host' | 'localhost';
}
const rows: SeedRow[] = [];
let section: SeedRow['section'] | undefined;
for (let i = 0; i < lines.length; i++) {
  if (lines[i]!.startsWith('Services binding to the default Host interface')) section = 'host';
  if (lines[i]!.startsWith('Services binding to the localhost interface')) section = 'localhost';
  if (section && /^\d+$/.test(lines[i]!) && /^(TCP|UDP)$/.test(lines[i + 2] ?? '')) {
    rows.push({
      port: Number(lines[i]),
      protocol: lines[i + 2]!.toLowerCase(),
      service: lines[i + 4]!,
      section,
    });
  }
}

test('the seed table was read', () => {
  assert.ok(rows.length >= 16, `found ${rows.length} seed rows`);
});

for (const row of rows) {
  test(`seed row ${row.port}/${row.protocol} ${row.service} is in the data`, () => {
    const match = model.byPort(row.port).filter((e) => {
      const service = model.service(e.service);
      return (
        e.protocol === row.protocol &&
        (service.name === row.service || service.aliases.includes(row.service))
      );
    });
    assert.equal(match.length, 1, `no endpoint for ${row.port}/${row.protocol} ${row.service}`);
    const bind = match[0]!.bind;
    // The seed's "default host interface" later split into `default` and `*`.
    if (row.section === 'localhost') assert.equal(bind, 'localhost');
    else assert.ok(bind === 'default' || bind === '*', `${row.port} binds ${bind}`);
  });
}

test('the containerd socket from the seed is in the data', () => {
  const socket = /unix:\/\/\/\S+/.exec(seed)![0];
  assert.ok(model.byService('containerd').some((e) => e.where === socket));
});

test('the outdated static password wording is not repeated as a fact', () => {
  for (const e of model.endpoints) {
    for (const field of [e.description, e.security])
      assert.doesNotMatch(field, /static password/i, e.anchor);
  }
});
