/**
 * What a node's firewall must allow, derived from each endpoint's `reachableFrom`. Localhost
 * endpoints and endpoints no other host needs are never opened.
 */
import type { ClusterOptions, EndpointView, Model } from '../domain/model.ts';
import type { Role } from '../domain/schema.ts';
import { effectivePort, type PortOption } from '../domain/ports.ts';

export const TOOLS = ['ufw', 'firewalld', 'nftables', 'iptables'] as const;
export type Tool = (typeof TOOLS)[number];

export interface PlanOptions {
  release?: string;
  role: Role;
  datastore?: ClusterOptions['datastore'];
  kubeProxyReplacement?: boolean;
  ports?: Partial<Record<PortOption, number>>;
  /** Where the cluster's nodes live; empty means any source. */
  nodeCidrs?: string[];
  /** Where API clients live; empty means any source. */
  clientCidrs?: string[];
}

export interface Rule {
  endpoint: EndpointView;
  port: number;
  protocol: 'tcp' | 'udp';
  /** Who connects, in words. */
  from: 'control plane nodes' | 'cluster nodes' | 'cluster nodes and API clients';
  /** Source networks; empty means any. */
  sources: string[];
  /** Upstream's UFW how-to opens this port too. */
  inUpstreamHowto: boolean;
}

export interface Plan {
  release: string;
  role: Role;
  options: ClusterOptions;
  rules: Rule[];
  /** Endpoints on this node that are never opened, and why. */
  closed: { endpoint: EndpointView; why: string }[];
}

const CIDR = /^(?:(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?|[0-9a-fA-F:]+(?:\/\d{1,3})?)$/;

export function validCidr(text: string): boolean {
  if (!CIDR.test(text)) return false;
  const [ip, bits] = text.split('/');
  if (ip!.includes('.'))
    return (
      ip!.split('.').every((n) => Number(n) <= 255) && (bits === undefined || Number(bits) <= 32)
    );
  return bits === undefined || Number(bits) <= 128;
}

export function firewallPlan(model: Model, options: PlanOptions): Plan {
  const release = options.release ?? model.latest.id;
  const resolved = model.resolveOptions(release, {
    ...(options.datastore ? { datastore: options.datastore } : {}),
    ...(options.kubeProxyReplacement !== undefined
      ? { kubeProxyReplacement: options.kubeProxyReplacement }
      : {}),
  });
  for (const cidr of [...(options.nodeCidrs ?? []), ...(options.clientCidrs ?? [])]) {
    if (!validCidr(cidr)) throw new Error(`"${cidr}" is not an IP address or CIDR`);
  }
  const nodes = options.nodeCidrs ?? [];
  const clients = options.clientCidrs ?? [];
  const rules: Rule[] = [];
  const closed: Plan['closed'] = [];
  for (const endpoint of model.forRelease(release, options.role, resolved)) {
    if (endpoint.port === undefined || endpoint.protocol === 'unix') continue;
    if (endpoint.reachableFrom === 'none') {
      closed.push({
        endpoint,
        why:
          endpoint.bind === 'localhost'
            ? 'bound to 127.0.0.1: no other host can reach it'
            : 'no other host needs it',
      });
      continue;
    }
    const port = effectivePort(endpoint, options.ports)!;
    const from =
      endpoint.reachableFrom === 'clients'
        ? 'cluster nodes and API clients'
        : endpoint.reachableFrom === 'nodes'
          ? 'cluster nodes'
          : 'control plane nodes';
    const sources =
      endpoint.reachableFrom === 'clients'
        ? clients.length && nodes.length
          ? [...nodes, ...clients]
          : []
        : nodes;
    rules.push({
      endpoint,
      port,
      protocol: endpoint.protocol as 'tcp' | 'udp',
      from,
      sources,
      inUpstreamHowto: endpoint.sources.includes('ufw-howto'),
    });
  }
  rules.sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  return { release, role: options.role, options: resolved, rules, closed };
}
