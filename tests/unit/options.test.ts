// The pre-flight check and the optional features, end to end through the checker and the audit.
// Every expectation is computed from data/reference.json; none is typed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { optionSpace } from '../../src/domain/conditions.ts';
import { isRange } from '../../src/domain/model.ts';
import type { NodeInput } from '../../src/domain/node.ts';
import { ROLES } from '../../src/domain/enums.ts';
import { check, checker } from './checker-helpers.ts';
import { mustIp } from '../../src/domain/net.ts';

const foreign = (port: number, protocol = 'tcp') =>
  `tcp   LISTEN 0 4096 *:${port} *:* users:(("nginx",pid=9,fd=3))`.replace(/^tcp/, protocol);

/** An `ss -tulpn` line of the service's own process on an address that a bind stands for. */
const ss = (port: number, addr: string, service: string) =>
  `tcp LISTEN 0 4096 ${addr}:${port} 0.0.0.0:* users:(("${model.service(service).processNames[0]!}",pid=7,fd=3))`;
const address = (bind: string) =>
  bind === 'localhost' ? '127.0.0.1' : bind === 'default' ? '10.0.0.5' : '0.0.0.0';

const verdict = async (port: number, input: NodeInput, protocol = 'tcp') =>
  (await check(foreign(port, protocol), input)).findings[0]!;

/** Every node a release allows: role times the options it offers. */
const nodes = model.releases.flatMap((r) =>
  ROLES.flatMap((role) => optionSpace(r).map((o) => ({ release: r.id, role, ...o }))),
);

test('a foreign TCP listener on a port k8sd tests is a conflict exactly where the check runs', async () => {
  const tested = [...new Set(model.checks.filter((c) => c.port > 0).map((c) => c.port))];
  const checkOnly = tested.filter((p) => model.byPort(p).length === 0);
  assert.ok(checkOnly.length > 0, 'some tested ports have no listener of ours');
  for (const node of nodes) {
    const spec = model.node(node);
    const runs = new Set(model.checksFor(spec).map((c) => c.port));
    for (const port of checkOnly) {
      const f = await verdict(port, node);
      const where = `${port} on ${node.release} ${node.role} ${JSON.stringify(node)}`;
      assert.equal(f.verdict, runs.has(port) ? 'conflict' : 'ok', where);
      if (runs.has(port))
        assert.deepEqual(
          f.preflight,
          model.checksFor(spec).flatMap((c) => (c.port === port ? [c.check.key] : [])),
          where,
        );
    }
  }
});

test('a check whose port an option sets follows the option, and 0 switches it off', async () => {
  for (const c of model.checks.filter((c) => c.option)) {
    for (const release of model.releases.filter(
      (r) => r.id >= c.releases.from && r.id <= c.releases.to,
    )) {
      const base = { release: release.id, role: c.roles[0]!, ...c.condition } as NodeInput;
      const moved = 20000 + c.port;
      const option = c.option as keyof NonNullable<NodeInput['ports']>;
      const f = await verdict(moved, { ...base, ports: { [option]: moved } });
      assert.equal(f.verdict, 'conflict', `${c.key} moved to ${moved} on ${release.id}`);
      assert.ok(f.preflight?.includes(c.key), c.key);
      if (c.port > 0 && model.byPort(c.port).length === 0) {
        const off = await verdict(c.port, { ...base, ports: { [option]: 0 } });
        assert.equal(off.verdict, 'ok', `${c.key} switched off on ${release.id}`);
      }
    }
  }
});

test('an endpoint that needs a feature clashes only when the feature is on', async () => {
  const featured = model.network.filter(
    (e) =>
      e.condition?.loadBalancer === true &&
      !isRange(e) &&
      e.bind !== 'localhost' &&
      !e.checks.length,
  );
  assert.ok(featured.length > 0);
  for (const e of featured) {
    const release = model.releasesOf(e).at(-1)!;
    const input = { release, role: e.roles[0]! };
    const on = await verdict(e.port, { ...input, loadBalancer: true }, e.protocol);
    const off = await verdict(e.port, { ...input, loadBalancer: false }, e.protocol);
    assert.equal(on.verdict, 'conflict', `${e.anchor} with the load balancer on`);
    assert.equal(off.verdict, 'ok', `${e.anchor} with it off`);
  }
});

test('with an external datastore nothing of the datastores is bound or tested', async () => {
  for (const release of model.releases.filter((r) => r.datastores.includes('external'))) {
    const spec = model.node({ release: release.id, datastore: 'external' });
    const own = model.forNode(spec);
    const datastorePorts = model.network.filter((e) => e.condition?.datastore !== undefined);
    assert.ok(datastorePorts.length > 0);
    for (const e of datastorePorts) {
      assert.ok(!own.includes(e), `${e.anchor} is not on an external-datastore node`);
      if (model.checksFor(spec).some((c) => c.port === e.port)) continue;
      const f = await verdict(e.port, { release: release.id, datastore: 'external' }, e.protocol);
      assert.equal(f.verdict, 'ok', `${e.anchor} on ${release.id}`);
    }
  }
});

test('a profile override narrows the bind, and the audit holds the node to it', async () => {
  const overridden = model.network.filter((e) => e.overrides.length > 0);
  assert.ok(overridden.length > 0);
  for (const e of overridden) {
    for (const o of e.overrides) {
      const release = model.releasesOf(e).at(-1)!;
      const input = { release, role: e.roles[0]!, ...o.condition } as NodeInput;
      const view = model.forNode(model.node(input)).find((x) => x.anchor === e.anchor);
      assert.ok(view && 'bind' in view, e.anchor);
      assert.equal(view.bind, o.bind, `${e.anchor} under ${JSON.stringify(o.condition)}`);
      const role = e.roles[0]!;
      const listing = ss(e.port, address(o.bind), e.service);
      const narrowed = await checker.audit(listing, {
        ...model.roleNode({ ...input, role }, 'check'),
        nodeIp: mustIp('10.0.0.5'),
      });
      const item = (r: typeof narrowed) => r.items.find((i) => i.endpoint?.anchor === e.anchor);
      assert.equal(item(narrowed)?.kind, 'listening', `${e.anchor} as the profile binds it`);
      const plain = await checker.audit(listing, {
        ...model.roleNode({ release, role }, 'check'),
        nodeIp: mustIp('10.0.0.5'),
      });
      assert.notEqual(item(plain)?.kind, 'listening', `${e.anchor} without the profile`);
    }
  }
});

test('a one-replica endpoint is never missing, and never undocumented on any role', async () => {
  const one = model.network.filter((e) => e.placement === 'one-node');
  assert.ok(one.length > 0);
  for (const role of ROLES) {
    const spec = model.roleNode({ role }, 'check');
    const sshdOnly = 'tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=1,fd=3))';
    const empty = await checker.audit(sshdOnly, spec);
    for (const e of one)
      assert.ok(
        !empty.items.some((i) => i.kind === 'missing' && i.endpoint?.anchor === e.anchor),
        `${e.anchor} missing on ${role}`,
      );
    const listing = one.map((e) => ss(e.port, address(e.bind), e.service)).join('\n');
    const r = await checker.audit(listing, { ...spec, nodeIp: mustIp('10.0.0.5') });
    for (const e of one)
      assert.ok(
        r.items.some((i) => i.kind === 'listening' && i.endpoint?.anchor === e.anchor),
        `${e.anchor} listens on a ${role}`,
      );
  }
});
