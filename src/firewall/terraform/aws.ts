/** AWS: security groups per role that reference each other. */
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
  type Flow,
  type Context,
} from './common.ts';

export function aws(ctx: Context): string {
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
      `# ${commentText(comment)}`,
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
