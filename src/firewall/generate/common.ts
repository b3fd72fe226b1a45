/** What every host tool's output shares: labels, source names, the header, forwarding rules. */
import { SOURCE_LABEL } from '../../domain/labels.ts';
import { isV6, type Cidr } from '../../domain/net.ts';
import { describeOptions } from '../../domain/node.ts';
import type { ForwardRule, Plan, Rule, Source } from '../plan.ts';

export const label = (r: Rule) =>
  `${r.endpoint.serviceName} ${portText(r, '-')}/${r.protocol} from ${SOURCE_LABEL[r.source]}`;

/** `6443`, or a range with the tool's separator: `30000:32767` (ufw, iptables), `30000-32767`. */
export const portText = (r: { port: number; endPort?: number }, separator: string): string =>
  r.endPort === undefined ? String(r.port) : `${r.port}${separator}${r.endPort}`;

/** Set and chain names for each source. */
export const SOURCE_NAME: Record<Source, string> = {
  'control-plane': 'control_plane',
  nodes: 'nodes',
  clients: 'clients',
  monitoring: 'monitoring',
};

export const v4 = (sources: readonly Cidr[]) => sources.filter((s) => !isV6(s));
export const v6 = (sources: readonly Cidr[]) => sources.filter((s) => isV6(s));

/** Why ICMP is opened, said once per output. */
export const ICMP_WHY =
  "Cilium's health checks ping every other node (ICMP echo), and IPv6 cannot work without ICMPv6 neighbour discovery.";

export function header(plan: Plan, comment: string): string[] {
  const { release, role } = plan.node;
  return [
    `${comment} Canonical Kubernetes ${release}, ${role} node (${describeOptions(plan.node)}).`,
    `${comment} Opens only what other hosts must reach, ICMP between nodes, and forwarding for pods`,
    `${comment} ${plan.forward.podCidr} and services ${plan.forward.serviceCidr}. Port pages: /ports/PORT/.`,
  ];
}

/** `any` in a forward rule stands for no address match. */
export const isAny = (cidr: Cidr | 'any'): cidr is 'any' => cidr === 'any';

/** Forward rules whose two ends are of one family (an IPv4 pod range never talks to IPv6 nodes). */
export function forwardsOf(plan: Plan): (ForwardRule & { v6: boolean })[] {
  return plan.forward.rules.flatMap((f) => {
    const families = [f.from, f.to].filter((c): c is Cidr => !isAny(c)).map((c) => isV6(c));
    if (families.some((x) => x !== families[0])) return [];
    return [{ ...f, v6: families[0] ?? false }];
  });
}

export type Group = { protocol: Rule['protocol']; sources: Cidr[]; rules: Rule[]; name: string };

/** Groups rules by protocol and source list, so each group becomes one set and one rule. */
export function groups(plan: Plan): Group[] {
  const map = new Map<string, Group>();
  for (const r of plan.rules) {
    const key = `${r.protocol} ${r.sources.join(',')} ${r.source}`;
    const name = `${r.protocol}_from_${SOURCE_NAME[r.source]}`;
    if (!map.has(key)) map.set(key, { protocol: r.protocol, sources: r.sources, rules: [], name });
    map.get(key)!.rules.push(r);
  }
  return [...map.values()];
}
