// Cloud rules: every Terraform output parses (a real HCL parser), uses only resource types and
// arguments the providers document, declares every variable it uses, and admits exactly the
// (port or range, protocol, source, destination role) set the firewall plan says, for every
// release x datastore x role x load balancer combination.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { model } from '../../src/domain/data.ts';
import { ROLES } from '../../src/domain/enums.ts';
import { CLOUD_TOOLS, clusterPlan, firewallPlan, type CloudTool } from '../../src/firewall/plan.ts';
import { generateCloud } from '../../src/firewall/terraform.ts';
import { runFirewallCli } from '../../src/cli/firewall.ts';
import type { NodeInput } from '../../src/domain/node.ts';
import { mustCidr } from '../../src/domain/net.ts';

const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json') as {
  parse: (file: string, text: string) => Promise<Hcl>;
};

type Block = Record<string, unknown>;
interface Hcl {
  terraform?: Block[];
  variable?: Record<string, Block[]>;
  resource?: Record<string, Record<string, Block[]>>;
}

/**
 * The arguments each resource type takes, from the providers' registry documentation, plus
 * Terraform's meta-arguments (count, for_each):
 * - aws_security_group, aws_vpc_security_group_ingress_rule, aws_vpc_security_group_egress_rule:
 *   https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group,
 *   .../vpc_security_group_ingress_rule, .../vpc_security_group_egress_rule
 * - google_compute_firewall:
 *   https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall
 * - azurerm_network_security_group, azurerm_application_security_group, azurerm_network_security_rule:
 *   https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_group,
 *   .../application_security_group, .../network_security_rule
 * - openstack_networking_secgroup_v2, openstack_networking_secgroup_rule_v2:
 *   https://registry.terraform.io/providers/terraform-provider-openstack/openstack/latest/docs/resources/networking_secgroup_v2,
 *   .../networking_secgroup_rule_v2
 * - hcloud_firewall: https://registry.terraform.io/providers/hetznercloud/hcloud/latest/docs/resources/firewall
 */
const META = ['count', 'for_each', 'depends_on', 'provider', 'lifecycle'];
const RULE_ARGS = [
  'security_group_id',
  'cidr_ipv4',
  'cidr_ipv6',
  'description',
  'from_port',
  'ip_protocol',
  'prefix_list_id',
  'referenced_security_group_id',
  'tags',
  'to_port',
];
const DOCUMENTED: Record<string, Record<string, string[]>> = {
  aws_security_group: {
    '': [
      'description',
      'egress',
      'ingress',
      'name',
      'name_prefix',
      'revoke_rules_on_delete',
      'tags',
      'vpc_id',
    ],
  },
  aws_vpc_security_group_ingress_rule: { '': RULE_ARGS },
  aws_vpc_security_group_egress_rule: { '': RULE_ARGS },
  google_compute_firewall: {
    '': [
      'name',
      'network',
      'allow',
      'deny',
      'description',
      'destination_ranges',
      'direction',
      'disabled',
      'log_config',
      'priority',
      'source_ranges',
      'source_service_accounts',
      'source_tags',
      'target_service_accounts',
      'target_tags',
      'project',
    ],
    allow: ['protocol', 'ports'],
  },
  azurerm_network_security_group: {
    '': ['name', 'resource_group_name', 'location', 'security_rule', 'tags'],
  },
  azurerm_application_security_group: { '': ['name', 'resource_group_name', 'location', 'tags'] },
  azurerm_network_security_rule: {
    '': [
      'name',
      'resource_group_name',
      'network_security_group_name',
      'description',
      'protocol',
      'source_port_range',
      'source_port_ranges',
      'destination_port_range',
      'destination_port_ranges',
      'source_address_prefix',
      'source_address_prefixes',
      'source_application_security_group_ids',
      'destination_address_prefix',
      'destination_address_prefixes',
      'destination_application_security_group_ids',
      'access',
      'priority',
      'direction',
    ],
  },
  openstack_networking_secgroup_v2: {
    '': ['region', 'name', 'description', 'tenant_id', 'delete_default_rules', 'tags', 'stateful'],
  },
  openstack_networking_secgroup_rule_v2: {
    '': [
      'region',
      'direction',
      'ethertype',
      'description',
      'protocol',
      'port_range_min',
      'port_range_max',
      'remote_ip_prefix',
      'remote_group_id',
      'remote_address_group_id',
      'security_group_id',
      'tenant_id',
    ],
  },
  hcloud_firewall: {
    '': ['name', 'labels', 'rule', 'apply_to'],
    rule: ['direction', 'protocol', 'port', 'source_ips', 'destination_ips', 'description'],
    apply_to: ['label_selector', 'server'],
  },
};

/** The types and blocks an output uses that its provider does not document. */
function undocumented(parsed: Hcl): string[] {
  const bad: string[] = [];
  for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
    const known = DOCUMENTED[type];
    if (!known) {
      bad.push(`resource type ${type}`);
      continue;
    }
    for (const [name, blocks] of Object.entries(byName))
      for (const block of blocks)
        for (const [key, value] of Object.entries(block)) {
          if (META.includes(key)) continue;
          if (!known['']!.includes(key)) bad.push(`${type}.${name}.${key}`);
          const nested = known[key];
          if (nested)
            for (const inner of value as Block[])
              for (const k of Object.keys(inner))
                if (!nested.includes(k)) bad.push(`${type}.${name}.${key}.${k}`);
        }
  }
  return bad;
}

/** `var.x` references that no variable block declares. */
function undeclared(text: string, parsed: Hcl): string[] {
  const declared = new Set(Object.keys(parsed.variable ?? {}));
  return [...new Set([...text.matchAll(/\bvar\.(\w+)/g)].map((m) => m[1]!))].filter(
    (v) => !declared.has(v),
  );
}

const roleOf = (ref: string) =>
  /control[_-]plane/.test(ref) ? 'control-plane' : /worker/.test(ref) ? 'worker' : undefined;
const cidrSource = (ref: string) =>
  /client_cidrs/.test(ref) ? 'clients' : /monitoring_cidrs/.test(ref) ? 'monitoring' : undefined;
const sourceOf = (ref: string) => roleOf(ref) ?? cidrSource(ref) ?? `? ${ref}`;
const str = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));

/** `to|from|protocol|port-end` for every TCP/UDP rule of an output, read from its resources. */
function admitted(tool: CloudTool, parsed: Hcl): { ports: Set<string>; icmp: Set<string> } {
  const ports = new Set<string>();
  const icmp = new Set<string>();
  const add = (to: string, from: string, protocol: string, range: string) => {
    const p = protocol.toLowerCase();
    if (p === 'tcp' || p === 'udp') {
      const [a, b = a] = range.split('-');
      ports.add(`${to}|${from}|${p}|${a}-${b}`);
    } else icmp.add(`${to}|${from}`);
  };
  const r = parsed.resource ?? {};
  const each = (type: string) =>
    Object.entries(r[type] ?? {}).flatMap(([name, blocks]) => blocks.map((b) => ({ name, b })));
  if (tool === 'terraform-aws')
    for (const { b } of each('aws_vpc_security_group_ingress_rule'))
      add(
        roleOf(str(b.security_group_id))!,
        sourceOf(str(b.referenced_security_group_id ?? b.for_each)),
        str(b.ip_protocol),
        `${str(b.from_port)}-${str(b.to_port)}`,
      );
  if (tool === 'terraform-gcp')
    for (const { b } of each('google_compute_firewall')) {
      const to = roleOf(str(b.target_tags))!;
      const from = b.source_tags
        ? (b.source_tags as string[]).map(sourceOf)
        : [sourceOf(str(b.source_ranges))];
      for (const allow of b.allow as Block[])
        for (const f of from)
          for (const range of (allow.ports as string[] | undefined) ?? ['icmp'])
            add(to, f, str(allow.protocol), range);
    }
  if (tool === 'terraform-azure')
    for (const { b } of each('azurerm_network_security_rule')) {
      const to = roleOf(str(b.destination_application_security_group_ids))!;
      const from = sourceOf(
        str(b.source_application_security_group_ids ?? b.source_address_prefixes),
      );
      const ranges = (b.destination_port_ranges as string[] | undefined) ?? [
        str(b.destination_port_range),
      ];
      for (const range of ranges) add(to, from, str(b.protocol), range);
    }
  if (tool === 'terraform-openstack')
    for (const { b } of each('openstack_networking_secgroup_rule_v2'))
      add(
        roleOf(str(b.security_group_id))!,
        sourceOf(str(b.remote_group_id ?? b.for_each)),
        str(b.protocol),
        `${str(b.port_range_min)}-${str(b.port_range_max)}`,
      );
  if (tool === 'terraform-hcloud')
    for (const { name, b } of each('hcloud_firewall'))
      for (const rule of b.rule as Block[])
        for (const from of str(rule.source_ips).includes(
          'concat(var.control_plane_cidrs, var.worker_cidrs)',
        )
          ? ['control-plane', 'worker']
          : [sourceOf(str(rule.source_ips))])
          add(roleOf(name)!, from, str(rule.protocol), str(rule.port ?? ''));
  return { ports, icmp };
}

/** What the plans say, computed here from each role's plan: the same set, written independently. */
function expected(input: NodeInput): Set<string> {
  const out = new Set<string>();
  for (const to of ROLES)
    for (const r of firewallPlan(model, model.roleNode({ ...input, role: to })).rules) {
      const from =
        r.source === 'control-plane'
          ? ['control-plane']
          : r.source === 'nodes'
            ? ['control-plane', 'worker']
            : r.source === 'clients'
              ? ['control-plane', 'worker', 'clients']
              : ['monitoring'];
      for (const f of from) out.add(`${to}|${f}|${r.protocol}|${r.port}-${r.endPort ?? r.port}`);
    }
  return out;
}

const datastores = [...new Set(model.releases.flatMap((r) => r.datastores))];
for (const tool of CLOUD_TOOLS)
  test(`${tool}: parses, documented arguments only, and exactly the plan's flows, every combination`, async () => {
    for (const release of model.releases)
      for (const datastore of datastores.filter((d) => release.datastores.includes(d)))
        for (const loadBalancer of [false, true]) {
          const input = { release: release.id, datastore, loadBalancer };
          const text = generateCloud(tool, clusterPlan(model, input), { origin: 'https://x' });
          const parsed = await parse('main.tf', text);
          const where = `${release.id} ${datastore} lb ${loadBalancer}`;
          assert.deepEqual(undocumented(parsed), [], where);
          assert.deepEqual(undeclared(text, parsed), [], where);
          const { ports, icmp } = admitted(tool, parsed);
          assert.deepEqual([...ports].sort(), [...expected(input)].sort(), where);
          for (const to of ROLES)
            assert.ok(
              [...icmp].some((x) => x.startsWith(`${to}|`)),
              `${where}: ICMP to ${to}`,
            );
          for (const port of new Set([...ports].map((p) => p.split('|')[3]!.split('-')[0])))
            assert.ok(text.includes(`https://x/ports/${port}`), `${where}: a link to ${port}`);
        }
  });

test('client, monitoring and node-port options reach every cloud, with IPv6 kept', async () => {
  const input: NodeInput = {
    nodeCidrs: [mustCidr('10.0.0.0/24'), mustCidr('2001:db8::/64')],
    clientCidrs: [mustCidr('192.0.2.0/24'), mustCidr('2001:db8:1::/64')],
    monitoringCidrs: [mustCidr('10.0.9.0/24')],
    nodePorts: true,
  };
  for (const tool of CLOUD_TOOLS) {
    const text = generateCloud(tool, clusterPlan(model, input), { origin: '' });
    const parsed = await parse('main.tf', text);
    assert.deepEqual(undocumented(parsed), [], tool);
    assert.deepEqual(undeclared(text, parsed), [], tool);
    const { ports } = admitted(tool, parsed);
    assert.deepEqual([...ports].sort(), [...expected(input)].sort(), tool);
    assert.ok(text.includes('2001:db8:1::/64'), `${tool} keeps the IPv6 client range`);
  }
});

test('the CLI prints the whole cluster for a cloud, whatever --role says (README example)', async () => {
  for (const tool of CLOUD_TOOLS) {
    const out: string[] = [];
    assert.equal(
      runFirewallCli(
        ['--tool', tool, '--role', 'worker', '--release', '1.36'],
        (t) => out.push(t),
        () => undefined,
        model,
      ),
      0,
    );
    const text = out.join('');
    const { ports, icmp } = admitted(tool, await parse('main.tf', text));
    for (const spec of [
      'worker|worker|tcp|10250-10250',
      'worker|worker|tcp|4240-4240',
      'worker|worker|udp|8472-8472',
    ])
      assert.ok(ports.has(spec), `${tool}: ${spec}`);
    assert.ok(
      [...ports].some((p) => p.startsWith('control-plane|')),
      `${tool}: both roles`,
    );
    assert.ok(icmp.size > 0, `${tool}: ICMP`);
  }
  assert.match(
    generateCloud('terraform-hcloud', clusterPlan(model, {}), { origin: '' }),
    /takes CIDRs only/,
  );
});
