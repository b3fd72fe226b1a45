/** OpenStack: security group rules with remote_group_id per role. */
import { commentText } from '../../domain/escape.ts';
import { ROLE_LABEL } from '../../domain/labels.ts';
import type { Role } from '../../domain/enums.ts';
import {
  ROLE_IDS,
  id,
  hcl,
  cidrVar,
  what,
  pageOf,
  header,
  rangeVariables,
  nameVariable,
  type Context,
} from './common.ts';

export function openstack(ctx: Context): string {
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
      `# ${commentText(comment)}`,
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
