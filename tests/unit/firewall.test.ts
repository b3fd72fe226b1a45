// The generated rules open exactly the ports the data says other hosts must reach; each ruleset parses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { model } from '../../src/domain/data.ts';
import { firewallPlan, TOOLS } from '../../src/firewall/plan.ts';
import { isCidr } from '../../src/domain/net.ts';
import { isNetwork } from '../../src/domain/model.ts';
import { parseNodeArgs } from '../../src/cli/args.ts';
import { generate } from '../../src/firewall/generate.ts';
import { runFirewallCli } from '../../src/cli/firewall.ts';
import { ROLES } from '../../src/domain/enums.ts';

/** The ports each tool's output opens, read back from its own syntax. */
function openedPorts(tool: (typeof TOOLS)[number], text: string): string[] {
  const found = new Set<string>();
  const add = (ports: string, proto: string) =>
    ports
      .split(/[,\s]+/)
      .filter(Boolean)
      .forEach((p) => found.add(`${p}/${proto}`));
  if (tool === 'ufw')
    for (const m of text.matchAll(
      /allow (?:from \S+ to any port (\d+) proto (tcp|udp)|(\d+)\/(tcp|udp))/g,
    ))
      add(m[1] ?? m[3]!, m[2] ?? m[4]!);
  if (tool === 'firewalld')
    for (const m of text.matchAll(
      /--add-port=(\d+)\/(tcp|udp)|port port="(\d+)" protocol="(tcp|udp)"/g,
    ))
      add(m[1] ?? m[3]!, m[2] ?? m[4]!);
  if (tool === 'iptables')
    for (const m of text.matchAll(/-p (tcp|udp) -m multiport --dports ([\d,]+)/g))
      add(m[2]!, m[1]!);
  if (tool === 'nftables') {
    const sets = new Map(
      [...text.matchAll(/set (\w+) \{\s*type inet_service\s*elements = \{ ([^}]*) \}/g)].map(
        (m) => [m[1]!, m[2]!],
      ),
    );
    for (const m of text.matchAll(/(tcp|udp) dport @(\w+) accept/g)) add(sets.get(m[2]!)!, m[1]!);
  }
  return [...found].sort();
}

const datastores = [...new Set(model.releases.flatMap((r) => r.datastores))];
for (const release of model.releases) {
  for (const datastore of datastores.filter((d) => release.datastores.includes(d))) {
    for (const role of ROLES) {
      test(`${release.id} ${role} ${datastore}: every tool opens exactly the reachable endpoints`, () => {
        const expected = model
          .forNode(model.node({ release: release.id, role, datastore }))
          .filter(isNetwork)
          .filter((e) => e.reachableFrom !== 'none' && !e.optIn)
          .map((e) => `${e.port}/${e.protocol}`)
          .sort();
        const plan = firewallPlan(
          model,
          model.roleNode({
            release: release.id,
            role,
            datastore,
            nodeCidrs: ['10.0.0.0/24'],
            clientCidrs: ['192.0.2.0/24'],
          }),
        );
        for (const tool of TOOLS)
          assert.deepEqual(
            openedPorts(tool, generate(tool, plan)),
            [...new Set(expected)],
            `${tool}`,
          );
        for (const { endpoint, reason } of plan.closed)
          assert.equal(reason === 'opt-in', endpoint.optIn && endpoint.reachableFrom !== 'none');
      });
    }
  }
}

test('localhost endpoints are never opened, whatever the options', () => {
  for (const role of ROLES) {
    const plan = firewallPlan(model, model.roleNode({ role, kubeProxyReplacement: false }));
    assert.ok(plan.rules.every((r) => r.endpoint.bind !== 'localhost'));
    assert.ok(
      plan.closed
        .filter((c) => c.endpoint.bind === 'localhost')
        .every((c) => c.reason === 'localhost'),
    );
  }
});

test('changed ports move in the rules', () => {
  const secure = model.network.find(
    (e) => e.option?.name === 'secure-port' && e.reachableFrom !== 'none',
  )!;
  const plan = firewallPlan(
    model,
    model.roleNode({ role: 'control-plane', ports: { 'secure-port': 16443 } }),
  );
  assert.ok(plan.rules.some((r) => r.port === 16443 && r.endpoint.anchor === secure.anchor));
  assert.ok(!plan.rules.some((r) => r.port === secure.port && r.endpoint.anchor === secure.anchor));
});

test('each rule is compared with the UFW how-to of the same release', () => {
  for (const release of model.releases)
    for (const datastore of release.datastores)
      for (const role of ROLES) {
        const node = model.roleNode({ release: release.id, role, datastore });
        const plan = firewallPlan(model, node);
        const howto = model.howtoIn(release.id);
        for (const r of plan.rules) {
          const expected = howto.length
            ? howto.some(
                (u) =>
                  u.port === r.port &&
                  u.protocol === r.protocol &&
                  u.roles.includes(role) &&
                  (!u.condition?.datastore || u.condition.datastore === datastore),
              )
            : undefined;
          assert.equal(r.inUpstreamHowto, expected, `${release.id} ${role} ${datastore} ${r.port}`);
        }
      }
});

test('the 1.34 and 1.35 how-tos open 9000 for k8s-dqlite; 1.32 and 1.33 have no how-to', () => {
  const dqlite = (release: string) =>
    firewallPlan(
      model,
      model.roleNode({ release, role: 'control-plane', datastore: 'k8s-dqlite' }),
    ).rules.find((r) => r.endpoint.service === 'k8s-dqlite');
  for (const release of ['1.34', '1.35']) assert.equal(dqlite(release)?.inUpstreamHowto, true);
  for (const release of ['1.32', '1.33']) assert.equal(dqlite(release)?.inUpstreamHowto, undefined);
});

test('with an external datastore, the how-to still opens what these rules leave closed', () => {
  const plan = firewallPlan(
    model,
    model.roleNode({ release: model.latest.id, role: 'control-plane', datastore: 'external' }),
  );
  const etcd = model.network.filter((e) => e.service === 'etcd').map((e) => e.port);
  assert.ok(!plan.rules.some((r) => etcd.includes(r.port)));
  assert.deepEqual(
    plan.howtoOnly.map((u) => u.port).sort(),
    model
      .howtoIn(model.latest.id)
      .filter((u) => u.roles.includes('control-plane') && etcd.includes(u.port))
      .map((u) => u.port)
      .sort(),
  );
  assert.ok(plan.howtoOnly.length > 0);
});

test('CIDRs are validated', () => {
  for (const good of ['10.0.0.0/24', '192.0.2.7', '2001:db8::/32', '::1'])
    assert.ok(isCidr(good), good);
  for (const bad of ['10.0.0.0/33', '300.1.1.1', '10.0.0.0; drop', 'abc', '10.0.0.0/8/8', 'any'])
    assert.ok(!isCidr(bad), bad);
  assert.throws(
    () => parseNodeArgs(['--node-cidr', 'any'], 'firewall', () => false),
    /--node-cidr any: not an IP address or CIDR/,
  );
});

test('the CLI prints a ruleset and refuses bad usage', () => {
  const out: string[] = [];
  const err: string[] = [];
  assert.equal(
    runFirewallCli(
      ['--tool', 'nftables', '--role', 'worker'],
      (t) => out.push(t),
      (t) => err.push(t),
      model,
    ),
    0,
  );
  assert.match(out.join(''), /table inet ck8s_ports/);
  assert.equal(
    runFirewallCli(
      ['--role', 'worker'],
      () => undefined,
      (t) => err.push(t),
      model,
    ),
    2,
  );
  assert.equal(
    runFirewallCli(
      ['--tool', 'pf'],
      () => undefined,
      (t) => err.push(t),
      model,
    ),
    2,
  );
  assert.equal(
    runFirewallCli(
      ['--tool', 'ufw', '--role', 'both'],
      () => undefined,
      (t) => err.push(t),
      model,
    ),
    2,
  );
});

// The real tools must accept the output. On CI .ci/run installs them; a missing tool fails the test.
const bin = (name: string) =>
  ['/usr/sbin/', '/sbin/', '/usr/bin/', '/bin/'].map((d) => d + name).find((p) => existsSync(p)) ??
  name;
const dir = mkdtempSync(join(tmpdir(), 'fw-'));
for (const role of ROLES) {
  const variants: [string, { nodeCidrs?: string[]; clientCidrs?: string[] }][] = [
    ['any source', {}],
    ['with CIDRs', { nodeCidrs: ['10.0.0.0/24', '2001:db8::/64'], clientCidrs: ['192.0.2.0/24'] }],
  ];
  for (const [label, cidrs] of variants) {
    const plan = firewallPlan(model, model.roleNode({ role, ...cidrs }));
    test(`nft -c accepts the ${role} ruleset (${label})`, () => {
      const file = join(dir, `${role}-${label}.nft`.replace(/\s/g, '_'));
      writeFileSync(file, generate('nftables', plan));
      execFileSync(bin('nft'), ['-c', '-f', file], { stdio: 'pipe' });
    });
    test(`iptables-restore --test accepts the ${role} ruleset (${label})`, () => {
      execFileSync(bin('iptables-restore'), ['--test', '--noflush'], {
        input: generate('iptables', plan),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    });
  }
}
