/** Azure: network security rules with application security groups per role. */
import { commentText } from '../../domain/escape.ts';
import { ROLE_LABEL } from '../../domain/labels.ts';
import type { Role } from '../../domain/enums.ts';
import {
  ROLE_IDS,
  id,
  hcl,
  cidrVar,
  list,
  what,
  pageOf,
  header,
  rangeVariables,
  nameVariable,
  type Context,
} from './common.ts';

export function azure(ctx: Context): string {
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
      `# ${commentText(comment)}`,
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
