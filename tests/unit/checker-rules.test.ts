// The bind-overlap table and the pre-flight rule, on plain lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { check, checker } from './checker-helpers.ts';
import { mustIp } from '../../src/domain/net.ts';

type Target = ReturnType<typeof checker.targets>[number];
/** An endpoint on every node, on one port, that binds one interface: the table's plain case. */
const plain = (t: Target) =>
  t.endpoint.placement === 'every-node' && t.endPort === undefined && t.endpoint.binds.length === 1;
const target = (
  predicate: (t: Target) => boolean,
  role: 'control-plane' | 'worker' = 'control-plane',
) => checker.targets(model.node({ role })).find((t) => plain(t) && predicate(t))!;
const star = target(
  (t) => t.endpoint.bind === '*' && !t.endpoint.checks.length && t.protocol === 'tcp',
);
const local = target((t) => t.endpoint.bind === 'localhost' && !t.endpoint.checks.length);
const dflt = target((t) => t.endpoint.bind === 'default' && !t.endpoint.checks.length);
const preflightDefault = target(
  (t) => t.endpoint.bind === 'default' && t.endpoint.checks.length > 0,
);

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
  const same = await check(`10.0.0.9:${dflt.port}/tcp`, { nodeIp: mustIp('10.0.0.9') });
  assert.equal(same.findings[0]!.verdict, 'conflict');
  const other = await check(`10.0.0.9:${dflt.port}/tcp`, { nodeIp: mustIp('10.0.0.5') });
  assert.equal(other.findings[0]!.verdict, 'ok');
});

test('the pre-flight rule turns any TCP listener on a tested port into a conflict', async () => {
  const r = await check(`10.0.0.9:${preflightDefault.port}/tcp`, { nodeIp: mustIp('10.0.0.5') });
  assert.equal(r.findings[0]!.verdict, 'conflict');
  assert.match(r.findings[0]!.reason, /Blocks bootstrap\/join/);
  const loopback = target((t) => t.endpoint.bind === 'default' && t.endpoint.checks.length > 0);
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

test('a range gives each single-port endpoint inside it its own finding; the ports between stay ranges', async () => {
  const tcp = checker.targets(model.node()).filter((t) => t.protocol === 'tcp');
  const ports = tcp.filter(plain).map((t) => t.port);
  const [lo, hi] = [Math.min(...ports), Math.max(...ports)];
  const r = await check(`${lo}-${hi}`);
  const single = [
    ...new Set(tcp.filter((t) => !t.endPort && t.port >= lo && t.port <= hi).map((t) => t.port)),
  ].sort((a, b) => a - b);
  // One finding per needed port, and ranges only between them: every port of the range once.
  for (const p of single)
    assert.ok(
      r.findings.some((f) => f.port === p && f.endPort === undefined),
      `${p} has its own finding`,
    );
  let next = lo;
  for (const f of r.findings) {
    assert.equal(f.port, next, `the findings cover ${lo}-${hi} in order, without gaps`);
    next = (f.endPort ?? f.port) + 1;
  }
  assert.equal(next, hi + 1);
  // Each endpoint on every node inside the range is a conflict on its own port.
  for (const t of tcp.filter(
    (x) => x.endpoint.placement === 'every-node' && !x.endPort && x.port >= lo && x.port <= hi,
  )) {
    const f = r.findings.find((x) => x.port === t.port)!;
    assert.equal(f.verdict, 'conflict', `${t.port}`);
    assert.ok(
      f.endpoints.some((e) => e.anchor === t.endpoint.anchor),
      `${t.port} names it`,
    );
  }
});

test('a listener on one node of a one-replica service is a possible conflict', async () => {
  const one = checker.targets(model.node()).find((t) => t.endpoint.placement === 'one-node')!;
  const r = await check(`0.0.0.0:${one.port}/${one.protocol}`, { role: 'worker' });
  assert.equal(r.findings[0]!.verdict, 'possible-conflict');
  assert.match(r.findings[0]!.reason, /one node the scheduler picks/);
});

test("a Service's own node port is ok: the range exists for it", async () => {
  const range = model.ranges.find((r) => r.protocol === 'tcp')!;
  const nodePort = range.port + 80;
  const manifest = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    'spec:',
    '  type: NodePort',
    '  ports:',
    '    - port: 80',
    `      nodePort: ${nodePort}`,
    '    - port: 443',
  ].join('\n');
  const r = await check(manifest);
  assert.deepEqual(
    r.findings.map((f) => [f.port, f.endPort, f.verdict]),
    [
      [nodePort, undefined, 'ok'],
      [range.port, range.endPort, 'ok'],
    ],
  );
  assert.match(r.findings[0]!.reason, /node port belongs in/);
  const svc = await check(
    `NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE\nweb NodePort 10.152.183.9 <none> 80:${nodePort}/TCP 1d`,
  );
  assert.equal(svc.findings[0]!.verdict, 'ok');
});

test('a listener inside the node port range is a possible conflict, on any role', async () => {
  for (const range of model.ranges)
    for (const role of ['control-plane', 'worker'] as const) {
      const inside = range.port + 80;
      const r = await check(`0.0.0.0:${inside}/${range.protocol}`, { role });
      assert.equal(r.findings[0]!.verdict, 'possible-conflict', `${inside}/${range.protocol}`);
      assert.match(
        r.findings[0]!.reason,
        /NodePort or LoadBalancer Service may be given this port/,
      );
      assert.equal(r.findings[0]!.endpoints[0]!.anchor, range.anchor);
    }
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
