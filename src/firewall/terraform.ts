/**
 * The firewall plan as Terraform for five clouds. Cloud rules reference each other across roles
 * (the control plane group admits the worker group), so each output describes the whole cluster:
 * both roles' plans, with the same options. Every rule carries a comment with its port page.
 */
import { SOURCE_LABEL, ROLE_LABEL } from '../domain/labels.ts';
import { isV6 } from '../domain/net.ts';
import { describeOptions } from '../domain/node.ts';
import type { Role } from '../domain/enums.ts';
import { ICMP_WHY } from './generate.ts';
import type { CloudTool, Plan, Rule } from './plan.ts';

/** Both roles' plans, for the same release and options. */
export type ClusterPlan = Record<Role, Plan>;

/** Who a cloud rule admits: a role's group, or a CIDR list variable. */
export type CloudSource = Role | 'clients' | 'monitoring';

export interface Flow {
  to: Role;
  from: CloudSource;
  protocol: 'tcp' | 'udp';
  port: number;
  endPort?: number;
  rules: Rule[];
}

const ROLE_IDS: Role[] = ['control-plane', 'worker'];
const id = (x: string) => x.replace(/-/g, '_');

/** Every (destination role, source, protocol, port) the cluster needs, each once. */
export function cloudFlows(cluster: ClusterPlan): Flow[] {
  const flows = new Map<string, Flow>();
  for (const to of ROLE_IDS)
    for (const r of cluster[to].rules) {
      const from: CloudSource[] =
        r.source === 'control-plane'
          ? ['control-plane']
          : r.source === 'nodes'
            ? ['control-plane', 'worker']
            : r.source === 'clients'
              ? ['control-plane', 'worker', 'clients']
              : ['monitoring'];
      for (const source of from) {
        const key = `${to} ${source} ${r.protocol} ${r.port} ${r.endPort ?? ''}`;
        const flow = flows.get(key) ?? {
          to,
          from: source,
          protocol: r.protocol,
          port: r.port,
          ...(r.endPort !== undefined ? { endPort: r.endPort } : {}),
          rules: [],
        };
        flow.rules.push(r);
        flows.set(key, flow);
      }
    }
  return [...flows.values()].sort(
    (a, b) =>
      a.to.localeCompare(b.to) ||
      a.from.localeCompare(b.from) ||
      a.protocol.localeCompare(b.protocol) ||
      a.port - b.port,
  );
}

export interface CloudOptions {
  /** Where port pages live, for the comments: `https://site`. */
  origin: string;
}

interface Context {
  cluster: ClusterPlan;
  flows: Flow[];
  origin: string;
  /** IPv6 is in play: some CIDR given is IPv6. */
  v6: boolean;
  clients: { v4: string[]; v6: string[] };
  monitoring: { v4: string[]; v6: string[] };
  nodes: string[];
}

const hcl = (value: unknown): string => JSON.stringify(value);

/** The variable that holds a source's ranges of one family: `client_cidrs_ipv4`. */
const cidrVar = (from: 'clients' | 'monitoring', family: string) =>
  `var.${from === 'clients' ? 'client' : 'monitoring'}_cidrs_${family}`;
const list = (xs: readonly string[]) => `[${xs.map(hcl).join(', ')}]`;
const split = (xs: readonly string[]) => ({
  v4: xs.filter((x) => !isV6(x)),
  v6: xs.filter(isV6),
});

function what(f: Flow): string {
  const r = f.rules[0]!;
  const range = f.endPort === undefined ? `${f.port}` : `${f.port}-${f.endPort}`;
  const from =
    f.from === 'clients' || f.from === 'monitoring'
      ? SOURCE_LABEL[f.from === 'clients' ? 'clients' : 'monitoring']
      : `${ROLE_LABEL[f.from]} nodes`;
  return `${r.endpoint.serviceName} ${range}/${f.protocol} from ${from}`;
}

function pageOf(ctx: Context, f: Flow): string {
  return `${ctx.origin}/ports/${f.endPort === undefined ? f.port : `${f.port}-${f.endPort}`}/`;
}

/** The options, without the role: a cloud output covers both. */
function withoutRole(spec: Plan['node']): Omit<Plan['node'], 'role'> {
  const { role: _role, ...rest } = spec;
  return rest;
}

function header(ctx: Context, cloud: string): string[] {
  const cp = ctx.cluster['control-plane'].node;
  return [
    `# Canonical Kubernetes ${cp.release}: ${cloud} rules for the whole cluster, control plane and worker`,
    `# nodes (${describeOptions(withoutRole(cp))}). Opens only what other hosts must reach,`,
    `# and ICMP between nodes: ${ICMP_WHY}`,
    '# Each rule names its port page. Forwarding for pods stays inside the nodes: see the host rules.',
    '',
  ];
}

function cidrVariable(name: string, description: string, values: readonly string[] | undefined) {
  return [
    `variable "${name}" {`,
    '  type        = list(string)',
    `  description = ${hcl(description)}`,
    ...(values ? [`  default     = ${list(values)}`] : []),
    '}',
    '',
  ];
}

/** Client and monitoring ranges as variables, with what was given (any source for clients). */
function rangeVariables(ctx: Context): string[] {
  const anyClient = !ctx.clients.v4.length && !ctx.clients.v6.length;
  return [
    ...cidrVariable(
      'client_cidrs_ipv4',
      'IPv4 ranges of API and NodePort clients',
      anyClient ? ['0.0.0.0/0'] : ctx.clients.v4,
    ),
    ...cidrVariable(
      'client_cidrs_ipv6',
      'IPv6 ranges of API and NodePort clients',
      anyClient ? ['::/0'] : ctx.clients.v6,
    ),
    ...cidrVariable('monitoring_cidrs_ipv4', 'IPv4 ranges that scrape metrics', ctx.monitoring.v4),
    ...cidrVariable('monitoring_cidrs_ipv6', 'IPv6 ranges that scrape metrics', ctx.monitoring.v6),
  ];
}

const nameVariable = [
  'variable "name" {',
  '  type        = string',
  '  description = "Prefix for the names of the groups and rules"',
  '  default     = "ck8s"',
  '}',
  '',
];

function aws(ctx: Context): string {
  const out = [
    ...header(ctx, 'AWS security group'),
    'terraform {',
    '  required_providers {',
    '    aws = { source = "hashicorp/aws", version = ">= 5.0" }',
    '  }',
    '}',
    '',
    ...nameVariable,
    'variable "vpc_id" {',
    '  type        = string',
    '  description = "The VPC the nodes run in"',
    '}',
    '',
    ...rangeVariables(ctx),
  ];
  for (const role of ROLE_IDS)
    out.push(
      `resource "aws_security_group" "${id(role)}" {`,
      `  name        = "\${var.name}-${role}"`,
      `  description = ${hcl(`Canonical Kubernetes ${ROLE_LABEL[role]} nodes`)}`,
      '  vpc_id      = var.vpc_id',
      '}',
      '',
      '# Terraform removes the default allow-all egress of a group it creates: put it back.',
      ...['ipv4', 'ipv6'].flatMap((family) => [
        `resource "aws_vpc_security_group_egress_rule" "${id(role)}_all_${family}" {`,
        `  security_group_id = aws_security_group.${id(role)}.id`,
        '  ip_protocol       = "-1"',
        `  cidr_${family}         = "${family === 'ipv4' ? '0.0.0.0/0' : '::/0'}"`,
        '}',
        '',
      ]),
    );
  const rule = (name: string, to: Role, body: string[], comment: string) =>
    out.push(
      `# ${comment}`,
      `resource "aws_vpc_security_group_ingress_rule" "${name}" {`,
      `  security_group_id = aws_security_group.${id(to)}.id`,
      ...body,
      '}',
      '',
    );
  const source = (f: Flow, family: 'ipv4' | 'ipv6') =>
    f.from === 'clients' || f.from === 'monitoring'
      ? [`  for_each = toset(${cidrVar(f.from, family)})`, `  cidr_${family} = each.value`]
      : [`  referenced_security_group_id = aws_security_group.${id(f.from)}.id`];
  for (const f of ctx.flows) {
    const ports = [
      `  ip_protocol = "${f.protocol}"`,
      `  from_port   = ${f.port}`,
      `  to_port     = ${f.endPort ?? f.port}`,
      `  description = ${hcl(what(f))}`,
    ];
    const base = `${id(f.to)}_${f.protocol}_${f.port}_from_${id(f.from)}`;
    const comment = `${what(f)}: ${pageOf(ctx, f)}`;
    if (f.from === 'clients' || f.from === 'monitoring') {
      rule(`${base}_ipv4`, f.to, [...source(f, 'ipv4'), ...ports], comment);
      rule(`${base}_ipv6`, f.to, [...source(f, 'ipv6'), ...ports], comment);
    } else rule(base, f.to, [...source(f, 'ipv4'), ...ports], comment);
  }
  for (const to of ROLE_IDS)
    for (const from of ROLE_IDS) {
      rule(
        `${id(to)}_icmp_echo_from_${id(from)}`,
        to,
        [
          `  referenced_security_group_id = aws_security_group.${id(from)}.id`,
          '  ip_protocol = "icmp"',
          '  from_port   = 8',
          '  to_port     = 0',
          `  description = ${hcl(`ICMP echo from ${ROLE_LABEL[from]} nodes`)}`,
        ],
        `ICMP echo request (type 8) from ${ROLE_LABEL[from]} nodes: Cilium health checks`,
      );
      if (ctx.v6)
        rule(
          `${id(to)}_icmpv6_echo_from_${id(from)}`,
          to,
          [
            `  referenced_security_group_id = aws_security_group.${id(from)}.id`,
            '  ip_protocol = "icmpv6"',
            '  from_port   = 128',
            '  to_port     = 0',
            `  description = ${hcl(`ICMPv6 echo from ${ROLE_LABEL[from]} nodes`)}`,
          ],
          `ICMPv6 echo request (type 128) from ${ROLE_LABEL[from]} nodes; AWS handles neighbour discovery itself`,
        );
    }
  return out.join('\n');
}

function gcp(ctx: Context): string {
  const out = [
    ...header(ctx, 'Google Cloud firewall'),
    'terraform {',
    '  required_providers {',
    '    google = { source = "hashicorp/google", version = ">= 5.0" }',
    '  }',
    '}',
    '',
    ...nameVariable,
    'variable "network" {',
    '  type        = string',
    '  description = "The VPC network the nodes run in"',
    '}',
    '',
    ...rangeVariables(ctx),
    '# Tag control plane instances "${var.name}-control-plane" and workers "${var.name}-worker".',
    '',
  ];
  // One resource per destination, source and protocol; a source range list holds one family.
  const grouped = new Map<string, Flow[]>();
  for (const f of ctx.flows) {
    const key = `${f.to} ${f.from} ${f.protocol}`;
    grouped.set(key, [...(grouped.get(key) ?? []), f]);
  }
  const resource = (name: string, to: Role, source: string[], allow: string[], notes: string[]) =>
    out.push(
      ...notes.map((n) => `# ${n}`),
      `resource "google_compute_firewall" "${name}" {`,
      `  name        = "\${var.name}-${name.replace(/_/g, '-')}"`,
      '  network     = var.network',
      '  direction   = "INGRESS"',
      `  target_tags = ["\${var.name}-${to}"]`,
      ...source,
      ...allow,
      `  description = ${hcl(notes[0]!.slice(0, 2048))}`,
      '}',
      '',
    );
  for (const flows of grouped.values()) {
    const f = flows[0]!;
    const ports = flows.map((x) =>
      x.endPort === undefined ? `${x.port}` : `${x.port}-${x.endPort}`,
    );
    const allow = [
      `  allow {`,
      `    protocol = "${f.protocol}"`,
      `    ports    = ${list(ports)}`,
      '  }',
    ];
    const notes = flows.map((x) => `${what(x)}: ${pageOf(ctx, x)}`);
    const base = `${id(f.to)}_${f.protocol}_from_${id(f.from)}`;
    if (f.from === 'clients' || f.from === 'monitoring')
      for (const family of ['ipv4', 'ipv6'])
        // An empty source_ranges would mean 0.0.0.0/0 to Google Cloud: no rule at all then.
        resource(
          `${base}_${family}`,
          f.to,
          [
            `  count         = length(${cidrVar(f.from, family)}) > 0 ? 1 : 0`,
            `  source_ranges = ${cidrVar(f.from, family)}`,
          ],
          allow,
          notes,
        );
    else resource(base, f.to, [`  source_tags = ["\${var.name}-${f.from}"]`], allow, notes);
  }
  for (const to of ROLE_IDS)
    resource(
      `${id(to)}_icmp_from_nodes`,
      to,
      ['  source_tags = ["${var.name}-control-plane", "${var.name}-worker"]'],
      [
        '  allow {',
        '    protocol = "icmp"',
        '  }',
        ...(ctx.v6 ? ['  allow {', '    protocol = "58" # ICMPv6', '  }'] : []),
      ],
      [
        `ICMP from all nodes to ${ROLE_LABEL[to]} nodes: Cilium health checks ping every other node`,
      ],
    );
  return out.join('\n');
}

function azure(ctx: Context): string {
  const out = [
    ...header(ctx, 'Azure network security group'),
    'terraform {',
    '  required_providers {',
    '    azurerm = { source = "hashicorp/azurerm", version = ">= 3.0" }',
    '  }',
    '}',
    '',
    ...nameVariable,
    'variable "resource_group_name" {',
    '  type        = string',
    '  description = "The resource group of the nodes\' network"',
    '}',
    '',
    'variable "location" {',
    '  type        = string',
    '  description = "The Azure region"',
    '}',
    '',
    ...rangeVariables(ctx),
    'resource "azurerm_network_security_group" "nodes" {',
    '  name                = "${var.name}-nodes"',
    '  location            = var.location',
    '  resource_group_name = var.resource_group_name',
    '}',
    '',
    "# Put each node's network interface in its role's application security group",
    '# (azurerm_network_interface_application_security_group_association), and associate the',
    "# security group with the nodes' subnet or interfaces.",
  ];
  for (const role of ROLE_IDS)
    out.push(
      `resource "azurerm_application_security_group" "${id(role)}" {`,
      `  name                = "\${var.name}-${role}"`,
      '  location            = var.location',
      '  resource_group_name = var.resource_group_name',
      '}',
      '',
    );
  let priority = 1000;
  const rule = (
    name: string,
    to: Role,
    protocol: string,
    ports: string[],
    source: string[],
    comment: string,
  ) =>
    out.push(
      `# ${comment}`,
      `resource "azurerm_network_security_rule" "${name}" {`,
      `  name                                       = "${name.replace(/_/g, '-')}"`,
      '  resource_group_name                        = var.resource_group_name',
      '  network_security_group_name                = azurerm_network_security_group.nodes.name',
      `  priority                                   = ${priority++}`,
      '  direction                                  = "Inbound"',
      '  access                                     = "Allow"',
      `  protocol                                   = "${protocol}"`,
      '  source_port_range                          = "*"',
      ...(ports.length === 1
        ? [`  destination_port_range                     = "${ports[0]}"`]
        : ports.length
          ? [`  destination_port_ranges                    = ${list(ports)}`]
          : ['  destination_port_range                     = "*"']),
      ...source,
      `  destination_application_security_group_ids = [azurerm_application_security_group.${id(to)}.id]`,
      `  description                                = ${hcl(comment.slice(0, 140))}`,
      '}',
      '',
    );
  for (const f of ctx.flows) {
    const protocol = f.protocol === 'tcp' ? 'Tcp' : 'Udp';
    const ports = [f.endPort === undefined ? `${f.port}` : `${f.port}-${f.endPort}`];
    const base = `${id(f.to)}_${f.protocol}_${f.port}_from_${id(f.from)}`;
    const comment = `${what(f)}: ${pageOf(ctx, f)}`;
    if (f.from === 'clients' || f.from === 'monitoring')
      rule(
        base,
        f.to,
        protocol,
        ports,
        [
          `  source_address_prefixes                    = concat(${cidrVar(f.from, 'ipv4')}, ${cidrVar(f.from, 'ipv6')})`,
        ],
        comment,
      );
    else
      rule(
        base,
        f.to,
        protocol,
        ports,
        [
          `  source_application_security_group_ids      = [azurerm_application_security_group.${id(f.from)}.id]`,
        ],
        comment,
      );
  }
  for (const to of ROLE_IDS)
    for (const from of ROLE_IDS)
      rule(
        `${id(to)}_icmp_from_${id(from)}`,
        to,
        'Icmp',
        [],
        [
          `  source_application_security_group_ids      = [azurerm_application_security_group.${id(from)}.id]`,
        ],
        `ICMP from ${ROLE_LABEL[from]} nodes: Cilium health checks ping every other node`,
      );
  return out.join('\n');
}

function openstack(ctx: Context): string {
  const out = [
    ...header(ctx, 'OpenStack security group'),
    'terraform {',
    '  required_providers {',
    '    openstack = { source = "terraform-provider-openstack/openstack", version = ">= 1.50" }',
    '  }',
    '}',
    '',
    ...nameVariable,
    ...rangeVariables(ctx),
  ];
  for (const role of ROLE_IDS)
    out.push(
      `resource "openstack_networking_secgroup_v2" "${id(role)}" {`,
      `  name        = "\${var.name}-${role}"`,
      `  description = ${hcl(`Canonical Kubernetes ${ROLE_LABEL[role]} nodes`)}`,
      '}',
      '',
    );
  const families = ctx.v6 ? (['IPv4', 'IPv6'] as const) : (['IPv4'] as const);
  const rule = (name: string, to: Role, body: string[], comment: string) =>
    out.push(
      `# ${comment}`,
      `resource "openstack_networking_secgroup_rule_v2" "${name}" {`,
      '  direction         = "ingress"',
      ...body,
      `  security_group_id = openstack_networking_secgroup_v2.${id(to)}.id`,
      `  description       = ${hcl(comment.slice(0, 255))}`,
      '}',
      '',
    );
  for (const f of ctx.flows) {
    const comment = `${what(f)}: ${pageOf(ctx, f)}`;
    const ports = [
      `  protocol          = "${f.protocol}"`,
      `  port_range_min    = ${f.port}`,
      `  port_range_max    = ${f.endPort ?? f.port}`,
    ];
    const base = `${id(f.to)}_${f.protocol}_${f.port}_from_${id(f.from)}`;
    if (f.from === 'clients' || f.from === 'monitoring')
      for (const family of ['IPv4', 'IPv6'] as const)
        rule(
          `${base}_${family.toLowerCase()}`,
          f.to,
          [
            `  for_each          = toset(${cidrVar(f.from, family.toLowerCase())})`,
            `  ethertype         = "${family}"`,
            ...ports,
            '  remote_ip_prefix  = each.value',
          ],
          comment,
        );
    else
      for (const family of families)
        rule(
          `${base}_${family.toLowerCase()}`,
          f.to,
          [
            `  ethertype         = "${family}"`,
            ...ports,
            `  remote_group_id   = openstack_networking_secgroup_v2.${id(f.from)}.id`,
          ],
          comment,
        );
  }
  for (const to of ROLE_IDS)
    for (const from of ROLE_IDS)
      for (const family of families)
        rule(
          `${id(to)}_${family === 'IPv4' ? 'icmp' : 'icmpv6'}_echo_from_${id(from)}`,
          to,
          [
            `  ethertype         = "${family}"`,
            `  protocol          = "${family === 'IPv4' ? 'icmp' : 'ipv6-icmp'}"`,
            `  port_range_min    = ${family === 'IPv4' ? 8 : 128}`,
            '  port_range_max    = 0',
            `  remote_group_id   = openstack_networking_secgroup_v2.${id(from)}.id`,
          ],
          `${family === 'IPv4' ? 'ICMP' : 'ICMPv6'} echo request from ${ROLE_LABEL[from]} nodes: Cilium health checks`,
        );
  return out.join('\n');
}

function hcloud(ctx: Context): string {
  const nodes = ctx.nodes.length ? ctx.nodes : undefined;
  const out = [
    ...header(ctx, 'Hetzner Cloud firewall'),
    '# hcloud_firewall takes CIDRs only: a rule cannot name another firewall or a label as its',
    '# source. So the nodes are given as ranges; give the control plane and workers separate ranges',
    '# if the control plane ports should not be open to workers.',
    'terraform {',
    '  required_providers {',
    '    hcloud = { source = "hetznercloud/hcloud", version = ">= 1.45" }',
    '  }',
    '}',
    '',
    ...nameVariable,
    ...cidrVariable('control_plane_cidrs', 'Ranges of the control plane nodes', nodes),
    ...cidrVariable('worker_cidrs', 'Ranges of the worker nodes', nodes),
    ...rangeVariables(ctx),
  ];
  const sourceOf = (from: Flow['from']) =>
    from === 'clients' || from === 'monitoring'
      ? `concat(${cidrVar(from, 'ipv4')}, ${cidrVar(from, 'ipv6')})`
      : `var.${id(from)}_cidrs`;
  for (const to of ROLE_IDS) {
    out.push(
      `resource "hcloud_firewall" "${id(to)}" {`,
      `  name = "\${var.name}-${to}"`,
      '  apply_to {',
      `    label_selector = "ck8s-role=${to}"`,
      '  }',
    );
    for (const f of ctx.flows.filter((x) => x.to === to))
      out.push(
        `  # ${what(f)}: ${pageOf(ctx, f)}`,
        '  rule {',
        '    direction   = "in"',
        `    protocol    = "${f.protocol}"`,
        `    port        = "${f.endPort === undefined ? f.port : `${f.port}-${f.endPort}`}"`,
        `    source_ips  = ${sourceOf(f.from)}`,
        `    description = ${hcl(what(f).slice(0, 255))}`,
        '  }',
      );
    out.push(
      '  # ICMP (echo, and ICMPv6 for IPv6 nodes) from all nodes: Cilium health checks',
      '  rule {',
      '    direction   = "in"',
      '    protocol    = "icmp"',
      '    source_ips  = concat(var.control_plane_cidrs, var.worker_cidrs)',
      '    description = "ICMP from all nodes"',
      '  }',
      '}',
      '',
    );
  }
  return out.join('\n');
}

export function generateCloud(
  tool: CloudTool,
  cluster: ClusterPlan,
  options: CloudOptions,
): string {
  const cp = cluster['control-plane'].node;
  const given = [...cp.nodeCidrs, ...cp.clientCidrs, ...cp.monitoringCidrs];
  const ctx: Context = {
    cluster,
    flows: cloudFlows(cluster),
    origin: options.origin.replace(/\/$/, ''),
    v6: given.some(isV6),
    clients: split(cp.clientCidrs),
    monitoring: split(cp.monitoringCidrs),
    nodes: cp.nodeCidrs,
  };
  const text = {
    'terraform-aws': aws,
    'terraform-gcp': gcp,
    'terraform-azure': azure,
    'terraform-openstack': openstack,
    'terraform-hcloud': hcloud,
  }[tool](ctx);
  return `${text.trimEnd()}\n`;
}
