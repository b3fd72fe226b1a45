/**
 * What a node's firewall must allow, derived from each endpoint's `reachableFrom`. Localhost
 * endpoints and endpoints no other host needs are never opened.
 */
import type { Model, NetworkView } from '../domain/model.ts';
import { isNetwork } from '../domain/model.ts';
import { CLOUD_TOOLS, type CloudTool, type ReachableFrom, type Role } from '../domain/enums.ts';
import type { NodeInput, RoleSpec } from '../domain/node.ts';
import type { UfwRule } from '../domain/schema.ts';
import { effectivePort } from '../domain/ports.ts';
import { satisfies } from '../domain/conditions.ts';
import { parseCidr, type Cidr } from '../domain/net.ts';

export {
  CLOUD_TOOLS,
  HOST_TOOLS,
  TOOLS,
  type CloudTool,
  type HostTool,
  type FirewallTool as Tool,
} from '../domain/enums.ts';
export const isCloudTool = (tool: string): tool is CloudTool =>
  (CLOUD_TOOLS as readonly string[]).includes(tool);

/** The cloud's name as people say it. */
export const CLOUD_NAME: Record<CloudTool, string> = {
  'terraform-aws': 'AWS',
  'terraform-gcp': 'Google Cloud',
  'terraform-azure': 'Azure',
  'terraform-openstack': 'OpenStack',
  'terraform-hcloud': 'Hetzner Cloud',
};

/** `ck8s-aws.tf` for `terraform-aws`: the name of the download. */
export const terraformFile = (tool: CloudTool): string =>
  `ck8s-${tool.replace(/^terraform-/, '')}.tf`;

/** Who connects to an opened port: a reachableFrom, or the monitoring range of --monitoring-cidr. */
export type Source = Exclude<ReachableFrom, 'none'> | 'monitoring';

export interface Rule {
  endpoint: NetworkView;
  port: number;
  /** The last port of a range (the node port range). */
  endPort?: number;
  protocol: NetworkView['protocol'];
  source: Source;
  /** Source networks; empty means any. */
  sources: Cidr[];
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

/** A forwarded (routed) flow the pod network needs; `any` where no CIDR narrows it. */
export interface ForwardRule {
  from: Cidr | 'any';
  to: Cidr | 'any';
  /** `pods to nodes`: short enough for an nftables comment. */
  label: string;
  why: string;
  /** The upstream UFW how-to's routed rules; ours otherwise, with the reason in `why`. */
  upstream: boolean;
}

export interface Plan {
  node: RoleSpec;
  rules: Rule[];
  /** ICMP echo between nodes (and ICMPv6 neighbour discovery): from these sources, or any. */
  icmp: { sources: Cidr[] };
  /** Forwarding for the pod and service ranges. */
  forward: { podCidr: Cidr; serviceCidr: Cidr; rules: ForwardRule[] };
  /** What the upstream UFW how-to of this release opens on this role that these rules do not. */
  howtoOnly: UfwRule[];
  /** Endpoints on this node that are never opened, and why. */
  closed: { endpoint: NetworkView; reason: ClosedReason }[];
}

/** The routed flows of the pod network, from the upstream UFW how-to's and the reasons for ours. */
function forwardRules(pod: Cidr, service: Cidr, nodes: readonly Cidr[]): ForwardRule[] {
  const toNodes: readonly (Cidr | 'any')[] = nodes.length ? nodes : ['any'];
  return [
    ...toNodes.map((to) => ({
      from: pod,
      to,
      label: 'pods to nodes',
      why: "pods reach the nodes' addresses (the upstream UFW how-to's routed rule)",
      upstream: true,
    })),
    {
      from: pod,
      to: pod,
      label: 'pods to pods',
      why: "pods reach pods (the upstream UFW how-to's routed rule)",
      upstream: true,
    },
    ...toNodes.map((from) => ({
      from,
      to: pod,
      label: 'nodes to pods',
      why: 'not in the how-to: traffic from the nodes into the pod network (API server to webhooks, probes and NodePort traffic from other nodes) is forwarded too',
      upstream: false,
    })),
    {
      from: pod,
      to: service,
      label: 'pods to services',
      why: "not in the how-to: a pod's packet still addressed to a Service's cluster IP when it is routed (no socket-level translation) is forwarded to that range",
      upstream: false,
    },
  ];
}

/** Both roles' plans with the same options: what cloud rules, which span roles, are made from. */
export function clusterPlan(model: Model, input: NodeInput): Record<Role, Plan> {
  const plan = (role: Role) => firewallPlan(model, model.roleNode({ ...input, role }, 'firewall'));
  return { 'control-plane': plan('control-plane'), worker: plan('worker') };
}

/** A range from the data, which the schema has already held to parseCidr. */
function dataCidr(text: string, release: string): Cidr {
  const cidr = parseCidr(text, { prefix: 'required' });
  if (!cidr.ok) throw new Error(`release ${release}: default range ${text}: ${cidr.error}`);
  return cidr.value;
}

export function firewallPlan(model: Model, node: RoleSpec): Plan {
  const release = model.release(node.release);
  const podCidr = node.podCidr ?? dataCidr(release.defaultPodCidr, release.id);
  const serviceCidr = node.serviceCidr ?? dataCidr(release.defaultServiceCidr, release.id);
  const plan = rolePlan(model, node);
  return {
    ...plan,
    icmp: { sources: node.nodeCidrs },
    forward: { podCidr, serviceCidr, rules: forwardRules(podCidr, serviceCidr, node.nodeCidrs) },
  };
}

function rolePlan(model: Model, node: RoleSpec): Omit<Plan, 'icmp' | 'forward'> {
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
  const monitored = (e: NetworkView) =>
    node.monitoringCidrs.length > 0 && e.metrics && e.bind !== 'localhost';
  for (const endpoint of model.forNode(node).filter(isNetwork)) {
    const source = endpoint.reachableFrom;
    const port = effectivePort(endpoint, node.ports);
    const range = endpoint.endPort !== undefined ? { endPort: endpoint.endPort } : {};
    if (monitored(endpoint))
      rules.push({
        endpoint,
        port,
        ...range,
        protocol: endpoint.protocol,
        source: 'monitoring',
        sources: node.monitoringCidrs,
        inUpstreamHowto: inHowto(endpoint),
      });
    if (source === 'none' || (endpoint.optIn && !node.nodePorts)) {
      if (monitored(endpoint)) continue;
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
      port,
      ...range,
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
