/**
 * What a node's firewall must allow, derived from each endpoint's `reachableFrom`. Localhost
 * endpoints and endpoints no other host needs are never opened.
 */
import type { Model, NetworkView } from '../domain/model.ts';
import { isNetwork } from '../domain/model.ts';
import type { ReachableFrom } from '../domain/enums.ts';
import type { RoleSpec } from '../domain/node.ts';
import type { UfwRule } from '../domain/schema.ts';
import { effectivePort } from '../domain/ports.ts';
import { satisfies } from '../domain/conditions.ts';

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
  /** Whether the upstream UFW how-to of the same release opens this port on this role; undefined where that release has no how-to. */
  inUpstreamHowto: boolean | undefined;
}

/** Why an endpoint stays closed: nothing else can reach it, needs it, or it is opened on request. */
export type ClosedReason = 'localhost' | 'unneeded' | 'opt-in';

export const CLOSED_LABEL: Record<ClosedReason, string> = {
  localhost: 'bound to 127.0.0.1: no other host can reach it',
  unneeded: 'no other host needs it',
  'opt-in': 'opened only if you use NodePort or LoadBalancer Services',
};

export interface Plan {
  node: RoleSpec;
  rules: Rule[];
  /** What the upstream UFW how-to of this release opens on this role that these rules do not. */
  howtoOnly: UfwRule[];
  /** Endpoints on this node that are never opened, and why. */
  closed: { endpoint: NetworkView; reason: ClosedReason }[];
}

export function firewallPlan(model: Model, node: RoleSpec): Plan {
  const rules: Rule[] = [];
  const closed: Plan['closed'] = [];
  const howto = model.howtoIn(node.release);
  const inHowto = (e: NetworkView) =>
    howto.length
      ? howto.some(
          (u) =>
            u.port === e.port &&
            u.protocol === e.protocol &&
            u.roles.includes(node.role) &&
            satisfies(u.condition, node),
        )
      : undefined;
  for (const endpoint of model.forNode(node).filter(isNetwork)) {
    const source = endpoint.reachableFrom;
    if (source === 'none' || endpoint.optIn) {
      const reason =
        source === 'none' ? (endpoint.bind === 'localhost' ? 'localhost' : 'unneeded') : 'opt-in';
      closed.push({ endpoint, reason });
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
      inUpstreamHowto: inHowto(endpoint),
    });
  }
  rules.sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  const howtoOnly = howto.filter(
    (u) =>
      u.roles.includes(node.role) &&
      satisfies(u.condition, node) &&
      !rules.some((r) => r.endpoint.port === u.port && r.protocol === u.protocol),
  );
  return { node, rules, howtoOnly, closed };
}
