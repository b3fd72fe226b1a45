// The bind-overlap table and the pre-flight rule, on plain lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { check, checker } from './checker-helpers.ts';

const target = (
  predicate: (t: ReturnType<typeof checker.targets>[number]) => boolean,
  role: 'control-plane' | 'worker' = 'control-plane',
) => checker.targets(model.node({ role })).find(predicate)!;
const star = target(
  (t) => t.endpoint.bind === '*' && !t.endpoint.preflight && t.protocol === 'tcp',
);
const local = target((t) => t.endpoint.bind === 'localhost' && !t.endpoint.preflight);
const dflt = target((t) => t.endpoint.bind === 'default' && !t.endpoint.preflight);
const preflightDefault = target((t) => t.endpoint.bind === 'default' && t.endpoint.preflight);

const cases: [string, number, string][] = [
  // address, endpoint port, expected verdict (DESIGN's table, without the pre-flight override)
  ['0.0.0.0', star.port, 'conflict'],
  ['0.0.0.0', local.port, 'conflict'],
  ['0.0.0.0', dflt.port, 'conflict'],
  ['[::]', star.port, 'conflict'],
  ['[::]', local.port, 'ok'],
  ['[::]', dflt.port, 'ok'],
  ['127.0.0.1', star.port, 'conflict'],
  ['127.0.0.1', local.port, 'conflict'],
  ['127.0.0.1', dflt.port, 'ok'],
  ['127.0.0.53', star.port, 'conflict'],
  ['127.0.0.53', local.port, 'ok'],
  ['[::1]', local.port, 'ok'],
  ['10.0.0.9', star.port, 'conflict'],
  ['10.0.0.9', local.port, 'ok'],
  ['10.0.0.9', dflt.port, 'possible-conflict'],
  ['[::ffff:10.0.0.9]', dflt.port, 'possible-conflict'],
];

for (const [address, port, verdict] of cases) {
  test(`${address}:${port} against a ${checker.targets(model.node()).find((t) => t.port === port)!.endpoint.bind} endpoint is ${verdict}`, async () => {
    const r = await check(`${address}:${port}/tcp`);
    assert.equal(r.findings[0]!.verdict, verdict, r.findings[0]!.reason);
  });
}

test('* in a plain list is a dual-stack wildcard; no address is assumed to be all interfaces, and says so', async () => {
  const r = await check(`*:${local.port}\n${dflt.port}`);
  assert.deepEqual(
    r.findings.map((f) => f.verdict),
    ['conflict', 'conflict'],
  );
  assert.match(r.findings[1]!.reason, /assumed to bind all interfaces/);
  assert.match(r.findings[1]!.reason, /No protocol given: TCP assumed/);
  assert.equal(r.findings[1]!.protocolAssumed, true);
});

test('the node IP settles a default-interface overlap', async () => {
  const same = await check(`10.0.0.9:${dflt.port}/tcp`, { nodeIp: '10.0.0.9' });
  assert.equal(same.findings[0]!.verdict, 'conflict');
  const other = await check(`10.0.0.9:${dflt.port}/tcp`, { nodeIp: '10.0.0.5' });
  assert.equal(other.findings[0]!.verdict, 'ok');
});

test('the pre-flight rule turns any TCP listener on a tested port into a conflict', async () => {
  const r = await check(`10.0.0.9:${preflightDefault.port}/tcp`, { nodeIp: '10.0.0.5' });
  assert.equal(r.findings[0]!.verdict, 'conflict');
  assert.match(r.findings[0]!.reason, /Blocks bootstrap\/join/);
  const loopback = target((t) => t.endpoint.bind === 'default' && t.endpoint.preflight);
  const r2 = await check(`127.0.0.1:${loopback.port}`);
  assert.match(r2.findings[0]!.reason, /Blocks bootstrap\/join/);
});

test('TCP and UDP never clash', async () => {
  const udp = checker.targets(model.node()).find((t) => t.protocol === 'udp')!;
  const tcp = checker
    .targets(model.node())
    .find(
      (t) =>
        t.protocol === 'tcp' &&
        !checker.targets(model.node()).some((u) => u.protocol === 'udp' && u.port === t.port),
    )!;
  const r = await check(`tcp/${udp.port}\n${tcp.port}/udp`);
  assert.deepEqual(
    r.findings.map((f) => f.verdict),
    ['ok', 'ok'],
  );
});

test('a range gives one finding naming every endpoint inside it', async () => {
  const ports = checker
    .targets(model.node())
    .filter((t) => t.protocol === 'tcp')
    .map((t) => t.port)
    .sort((a, b) => a - b);
  const [lo, hi] = [ports[0]!, ports.at(-1)!];
  const r = await check(`${lo}-${hi}`);
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0]!.endPort, hi);
  assert.equal(r.findings[0]!.endpoints.length, ports.length);
});

test('changed ports follow the bootstrap options', async () => {
  const secure = checker
    .targets(model.node())
    .find((t) => t.endpoint.option?.name === 'secure-port')!;
  const moved = await check(`0.0.0.0:16443\n0.0.0.0:${secure.port}`, {
    ports: { 'secure-port': 16443 },
  });
  assert.equal(moved.findings[0]!.verdict, 'conflict');
  assert.equal(moved.findings[1]!.verdict, 'ok');
});

test('role and release change what clashes', async () => {
  const cpOnly = checker
    .targets(model.node({ role: 'control-plane' }))
    .find(
      (t) =>
        !checker
          .targets(model.node({ role: 'worker' }))
          .some((w) => w.port === t.port && w.protocol === t.protocol),
    )!;
  const r = await check(`0.0.0.0:${cpOnly.port}/${cpOnly.protocol}`, { role: 'worker' });
  assert.equal(r.findings[0]!.verdict, 'ok');
  assert.throws(
    () => checker.targets(model.node({ release: model.latest.id, datastore: 'k8s-dqlite' })),
    /--datastore k8s-dqlite: release 1\.36 offers only etcd/,
  );
});

test('plain list forms: commas, udp/N, host:port, [ipv6]:port, words reported', async () => {
  const r = await check(
    '80, 443 9000/tcp\nudp/8472\n[::1]:9879\n127.0.0.1:10248/tcp\nhello world\nport 6443 and 6400',
  );
  assert.deepEqual(
    r.findings.map((f) => `${f.port}/${f.protocol}`),
    ['80/tcp', '443/tcp', '9000/tcp', '8472/udp', '9879/tcp', '10248/tcp', '6400/tcp', '6443/tcp'],
  );
  assert.deepEqual(
    r.unrecognized.map((u) => u.line),
    [5],
  );
});

test('out-of-range numbers are unrecognised with a reason', async () => {
  const r = await check('70000\n0\n9000-8000');
  assert.equal(r.findings.length, 0);
  assert.deepEqual(
    r.unrecognized.map((u) => u.line),
    [1, 2, 3],
  );
  assert.ok(r.unrecognized.every((u) => /outside 1-65535|backwards/.test(u.reason!)));
});
