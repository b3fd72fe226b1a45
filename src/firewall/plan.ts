/**
 * What a node's firewall must allow, derived from each endpoint's `reachableFrom`. Localhost
 * endpoints and endpoints no other host needs are never opened.
 */
import type { Model, NetworkView } from '../domain/model.ts';
import { isNetwork } from '../domain/model.ts';
import type { ReachableFrom } from '../domain/enums.ts';
import type { RoleSpec } from '../domain/node.ts';
import { effectivePort } from '../domain/ports.ts';

export const TOOLS = ['ufw', 'firewalld', 'nftables', 'iptables'] as const;
export type Tool = (typeof TOOLS)[number];

/** Who connects to an opened port. */
export type Source = Exclude<ReachableFrom, 'none'>;

export interface Rule {
  endpoint: NetworkView;
  port: number;
  protocol: NetworkView['protocol'];
  source: Source;
  /** Source networks; empty means any. */
  sources: string[];
  /** Upstream's UFW how-to opens this port too. */
  inUpstreamHowto: boolean;
}

/** Why an endpoint stays closed: nothing else can reach it, or nothing else needs it. */
export type ClosedReason = 'localhost' | 'unneeded';

export const CLOSED_LABEL: Record<ClosedReason, string> = {
  localhost: 'bound to 127.0.0.1: no other host can reach it',
  unneeded: 'no other host needs it',
};

export interface Plan {
  node: RoleSpec;
  rules: Rule[];
  /** Endpoints on this node that are never opened, and why. */
  closed: { endpoint: NetworkView; reason: ClosedReason }[];
}

export function firewallPlan(model: Model, node: RoleSpec): Plan {
  const rules: Rule[] = [];
  const closed: Plan['closed'] = [];
  for (const endpoint of model.forNode(node).filter(isNetwork)) {
    const source = endpoint.reachableFrom;
    if (source === 'none') {
      closed.push({ endpoint, reason: endpoint.bind === 'localhost' ? 'localhost' : 'unneeded' });
      continue;
    }
    const both = node.clientCidrs.length && node.nodeCidrs.length;
    const sources =
      source === 'clients'
        ? both
          ? [...node.nodeCidrs, ...node.clientCidrs]
          : []
        : node.nodeCidrs;
    rules.push({
      endpoint,
      port: effectivePort(endpoint, node.ports),
      protocol: endpoint.protocol,
      source,
      sources,
      inUpstreamHowto: endpoint.sources.includes('ufw-howto'),
    });
  }
  rules.sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  return { node, rules, closed };
}
