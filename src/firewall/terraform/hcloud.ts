/** Hetzner Cloud: hcloud_firewall takes CIDRs only, so nodes are admitted by their ranges. */
import { commentText } from '../../domain/escape.ts';
import {
  ROLE_IDS,
  id,
  hcl,
  cidrVar,
  what,
  pageOf,
  header,
  cidrVariable,
  rangeVariables,
  nameVariable,
  type Flow,
  type Context,
} from './common.ts';

export function hcloud(ctx: Context): string {
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
        `  # ${commentText(`${what(f)}: ${pageOf(ctx, f)}`)}`,
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
