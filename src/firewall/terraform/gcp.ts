/** Google Cloud: firewall rules with target and source tags per role. */
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
  type Flow,
  type Context,
} from './common.ts';

export function gcp(ctx: Context): string {
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
      ...notes.map((n) => `# ${commentText(n)}`),
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
