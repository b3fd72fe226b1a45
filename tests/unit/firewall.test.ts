// The generated rules open exactly the ports the data says other hosts must reach; each ruleset parses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { model } from '../../src/domain/data.ts';
import { firewallPlan, HOST_TOOLS } from '../../src/firewall/plan.ts';
import { isCidr } from '../../src/domain/net.ts';
import { isNetwork } from '../../src/domain/model.ts';
import { parseNodeArgs } from '../../src/cli/args.ts';
import { generateHost as generate, iptablesRulesets } from '../../src/firewall/generate.ts';
import { runFirewallCli } from '../../src/cli/firewall.ts';
import { ROLES } from '../../src/domain/enums.ts';
import { findCommand, missingTools, type SystemCommand } from '../../scripts/lib/system-tools.ts';
import { mustCidr } from '../../src/domain/net.ts';

/** The ports each tool's output opens to other hosts (not ICMP), read back from its own syntax. */
function openedPorts(tool: (typeof HOST_TOOLS)[number], text: string): string[] {
  const found = new Set<string>();
  const add = (ports: string, proto: string) =>
    ports
      .split(/[,\s]+/)
      .filter(Boolean)
      .forEach((p) => found.add(`${p.replace(':', '-')}/${proto}`));
  if (tool === 'ufw')
    for (const m of text.matchAll(
      /ufw allow (?:from \S+ to any port ([\d:]+) proto (tcp|udp)|([\d:]+)\/(tcp|udp))/g,
    ))
      add(m[1] ?? m[3]!, m[2] ?? m[4]!);
  if (tool === 'firewalld')
    for (const m of text.matchAll(
      /--add-port=([\d-]+)\/(tcp|udp)|port port="([\d-]+)" protocol="(tcp|udp)"/g,
    ))
      add(m[1] ?? m[3]!, m[2] ?? m[4]!);
  if (tool === 'iptables')
    for (const m of text.matchAll(/-p (tcp|udp) -m multiport --dports ([\d,:]+)/g))
      add(m[2]!, m[1]!);
  if (tool === 'nftables') {
    const sets = new Map(
      [
        ...text.matchAll(
          /set (\w+) \{\s*type inet_service\s*(?:flags interval\s*)?elements = \{ ([^}]*) \}/g,
        ),
      ].map((m) => [m[1]!, m[2]!]),
    );
    for (const m of text.matchAll(/(tcp|udp) dport @(\w+) accept/g)) add(sets.get(m[2]!)!, m[1]!);
  }
  return [...found].sort();
}

/** What the data says other hosts must reach on a node: `6443/tcp`, `30000-32767/tcp`. */
const reachable = (input: Parameters<typeof model.node>[0], nodePorts = false) =>
  [
    ...new Set(
      model
        .forNode(model.node(input))
        .filter(isNetwork)
        .filter((e) => e.reachableFrom !== 'none' && (!e.optIn || nodePorts))
        .map((e) => `${e.endPort === undefined ? e.port : `${e.port}-${e.endPort}`}/${e.protocol}`),
    ),
  ].sort();

const datastores = [...new Set(model.releases.flatMap((r) => r.datastores))];
for (const release of model.releases) {
  for (const datastore of datastores.filter((d) => release.datastores.includes(d))) {
    for (const role of ROLES) {
      test(`${release.id} ${role} ${datastore}: every tool opens exactly the reachable endpoints, load balancer off and on`, () => {
        for (const loadBalancer of [false, true]) {
          const input = { release: release.id, role, datastore, loadBalancer };
          const expected = reachable(input);
          const plan = firewallPlan(
            model,
            model.roleNode({
              ...input,
              nodeCidrs: [mustCidr('10.0.0.0/24')],
              clientCidrs: [mustCidr('192.0.2.0/24')],
            }),
          );
          for (const tool of HOST_TOOLS)
            assert.deepEqual(
              openedPorts(tool, generate(tool, plan)),
              expected,
              `${tool} load balancer ${loadBalancer}`,
            );
          for (const { endpoint, reason } of plan.closed)
            assert.equal(reason === 'opt-in', endpoint.optIn && endpoint.reachableFrom !== 'none');
        }
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
const bin = (name: SystemCommand) => findCommand(name) ?? name;
// Without the commands (a laptop without nftables or iptables) these tests skip with the reason;
// under CI they must run.
const noNft = missingTools('nft');
const noIptables = missingTools('iptables-restore', 'ip6tables-restore');
const dir = mkdtempSync(join(tmpdir(), 'fw-'));
const VARIANTS: [string, Parameters<typeof model.roleNode>[0]][] = [
  ['any source', {}],
  [
    'with CIDRs',
    {
      nodeCidrs: [mustCidr('10.0.0.0/24'), mustCidr('2001:db8::/64')],
      clientCidrs: [mustCidr('192.0.2.0/24')],
    },
  ],
  [
    'IPv6 only',
    { nodeCidrs: [mustCidr('2001:db8::/64')], clientCidrs: [mustCidr('2001:db8:1::/64')] },
  ],
  [
    'every option',
    {
      nodeCidrs: [mustCidr('10.0.0.0/24')],
      monitoringCidrs: [mustCidr('10.0.9.0/24'), mustCidr('2001:db8:9::/64')],
      nodePorts: true,
      podCidr: mustCidr('10.42.0.0/16'),
      serviceCidr: mustCidr('10.43.0.0/16'),
      loadBalancer: true,
    },
  ],
];
for (const role of ROLES) {
  for (const [label, options] of VARIANTS) {
    const plan = firewallPlan(model, model.roleNode({ role, ...options }));
    test(`nft -c accepts the ${role} ruleset (${label})`, { skip: noNft }, () => {
      const file = join(dir, `${role}-${label}.nft`.replace(/\s/g, '_'));
      writeFileSync(file, generate('nftables', plan));
      execFileSync(bin('nft'), ['-c', '-f', file], { stdio: 'pipe' });
    });
    test(
      `iptables-restore and ip6tables-restore --test accept the ${role} rulesets (${label})`,
      {
        skip: noIptables,
      },
      () => {
        const { v4, v6 } = iptablesRulesets(generate('iptables', plan));
        assert.match(v4, /^\*filter\n[\s\S]*COMMIT\n$/);
        assert.match(v6, /^\*filter\n[\s\S]*COMMIT\n$/);
        for (const [tool, text] of [
          ['iptables-restore', v4],
          ['ip6tables-restore', v6],
        ] as const)
          execFileSync(bin(tool), ['--test', '--noflush'], {
            input: text,
            stdio: ['pipe', 'pipe', 'pipe'],
          });
      },
    );
  }
}

test('IPv6-only sources are never dropped: every tool opens the ports to them, or says why not', () => {
  const v6 = { nodeCidrs: [mustCidr('2001:db8::/64')], clientCidrs: [mustCidr('2001:db8:1::/64')] };
  for (const role of ROLES) {
    const plan = firewallPlan(model, model.roleNode({ role, ...v6 }));
    const expected = reachable({ role });
    for (const tool of HOST_TOOLS) {
      const text = generate(tool, plan);
      assert.deepEqual(openedPorts(tool, text), expected, `${tool} ${role}`);
      assert.ok(text.includes('2001:db8::/64'), `${tool} names the IPv6 source`);
    }
    const { v4, v6: six } = iptablesRulesets(generate('iptables', plan));
    assert.match(six, /-s 2001:db8::\/64 -p tcp -m multiport/);
    assert.match(v4, /no IPv4 source given, so no rule here/);
  }
});

test('every host tool allows ICMP echo between nodes, and IPv6 neighbour discovery', () => {
  for (const options of [
    {},
    { nodeCidrs: [mustCidr('10.0.0.0/24')] },
    { nodeCidrs: [mustCidr('2001:db8::/64')] },
  ]) {
    const plan = firewallPlan(model, model.roleNode({ role: 'worker', ...options }));
    const text = (tool: (typeof HOST_TOOLS)[number]) => generate(tool, plan);
    assert.match(text('nftables'), /icmp(v6)? type echo-request accept/);
    assert.match(text('nftables'), /nd-neighbor-solicit/);
    assert.match(text('iptables'), /--icmp(v6)?-type echo-request/);
    assert.match(text('iptables'), /--icmpv6-type neighbour-solicitation/);
    assert.match(text('firewalld'), /icmp-type name="echo-request" accept/);
    // ufw cannot add ICMP rules; its shipped before.rules accept echo, and the output says so.
    assert.match(text('ufw'), /before\.rules .*echo-request/s);
    for (const tool of HOST_TOOLS) assert.match(text(tool), /Cilium's health checks ping/, tool);
  }
});

test('forwarding rules for the pod range in every host tool, upstream routed rules first', () => {
  const pod = mustCidr('10.1.0.0/16');
  const plan = firewallPlan(
    model,
    model.roleNode({ role: 'worker', podCidr: pod, nodeCidrs: [mustCidr('10.0.20.0/24')] }),
  );
  assert.deepEqual(
    plan.forward.rules.filter((f) => f.upstream).map((f) => `${f.from} ${f.to}`),
    [`${pod} 10.0.20.0/24`, `${pod} ${pod}`],
    "the how-to's two ufw route rules",
  );
  assert.ok(
    plan.forward.rules.filter((f) => !f.upstream).every((f) => /not in the how-to/.test(f.why)),
  );
  assert.match(generate('ufw', plan), /ufw route allow from 10\.1\.0\.0\/16 to 10\.0\.20\.0\/24/);
  assert.match(generate('nftables', plan), /chain forward \{[\s\S]*ip saddr 10\.1\.0\.0\/16/);
  assert.match(
    iptablesRulesets(generate('iptables', plan)).v4,
    /-A CK8S-FORWARD -s 10\.1\.0\.0\/16/,
  );
  assert.match(generate('firewalld', plan), /--zone=trusted --add-source=10\.1\.0\.0\/16/);
  // The release's defaults apply when no range is given.
  const defaults = firewallPlan(model, model.roleNode({ role: 'worker' }));
  assert.equal(defaults.forward.podCidr, model.latest.defaultPodCidr);
  assert.equal(defaults.forward.serviceCidr, model.latest.defaultServiceCidr);
});

test('--node-ports opens the node port range; it stays closed by default', () => {
  const ranges = model.ranges.map((e) => `${e.port}-${e.endPort}/${e.protocol}`);
  for (const role of ROLES) {
    const closed = firewallPlan(model, model.roleNode({ role }));
    const open = firewallPlan(model, model.roleNode({ role, nodePorts: true }));
    for (const tool of HOST_TOOLS) {
      assert.ok(
        ranges.every((r) => !openedPorts(tool, generate(tool, closed)).includes(r)),
        tool,
      );
      assert.ok(
        ranges.every((r) => openedPorts(tool, generate(tool, open)).includes(r)),
        tool,
      );
    }
  }
});

test('--monitoring-cidr opens the metrics endpoints to that range only, never a localhost one', () => {
  const monitoring = [mustCidr('10.0.9.0/24')];
  for (const role of ROLES)
    for (const profile of ['default', 'disa-stig'] as const) {
      const node = model.roleNode({ role, profile, monitoringCidrs: monitoring });
      const plan = firewallPlan(model, node);
      const expected = model
        .forNode(node)
        .filter(isNetwork)
        .filter((e) => e.metrics && e.bind !== 'localhost')
        .map((e) => e.anchor)
        .sort();
      const opened = plan.rules.filter((r) => r.source === 'monitoring');
      assert.deepEqual(opened.map((r) => r.endpoint.anchor).sort(), expected, `${role} ${profile}`);
      assert.ok(opened.every((r) => r.sources.join() === monitoring.join()));
      assert.ok(opened.every((r) => r.endpoint.bind !== 'localhost'));
      if (role === 'worker')
        assert.ok(
          opened.some((r) => r.endpoint.placement === 'one-node'),
          'cilium-operator on workers',
        );
      const without = firewallPlan(model, model.roleNode({ role, profile }));
      assert.ok(!without.rules.some((r) => r.source === 'monitoring'));
    }
});
