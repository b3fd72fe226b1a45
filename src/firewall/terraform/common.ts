/**
 * What every cloud's Terraform shares: the flows of the whole cluster, the context a generator
 * reads, and the header, variables and comments they all print (see ../terraform.ts).
 */
import { SOURCE_LABEL, ROLE_LABEL } from '../../domain/labels.ts';
import { isV6, type Cidr } from '../../domain/net.ts';
import { hclString } from '../../domain/escape.ts';
import { describeOptions } from '../../domain/node.ts';
import type { Role } from '../../domain/enums.ts';
import { ICMP_WHY } from '../generate.ts';
import type { Plan, Rule } from '../plan.ts';

/** Both roles' plans, for the same release and options. */
export type ClusterPlan = Record<Role, Plan>;

/** Who a cloud rule admits: a role's group, or a CIDR list variable. */
export type CloudSource = Role | 'clients' | 'monitoring';

export interface Flow {
  to: Role;
  from: CloudSource;
  protocol: 'tcp' | 'udp';
  port: number;
  endPort?: number;
  rules: Rule[];
}

export const ROLE_IDS: Role[] = ['control-plane', 'worker'];
export const id = (x: string) => x.replace(/-/g, '_');

/** Every (destination role, source, protocol, port) the cluster needs, each once. */
export function cloudFlows(cluster: ClusterPlan): Flow[] {
  const flows = new Map<string, Flow>();
  for (const to of ROLE_IDS)
    for (const r of cluster[to].rules) {
      const from: CloudSource[] =
        r.source === 'control-plane'
          ? ['control-plane']
          : r.source === 'nodes'
            ? ['control-plane', 'worker']
            : r.source === 'clients'
              ? ['control-plane', 'worker', 'clients']
              : ['monitoring'];
      for (const source of from) {
        const key = `${to} ${source} ${r.protocol} ${r.port} ${r.endPort ?? ''}`;
        const flow = flows.get(key) ?? {
          to,
          from: source,
          protocol: r.protocol,
          port: r.port,
          ...(r.endPort !== undefined ? { endPort: r.endPort } : {}),
          rules: [],
        };
        flow.rules.push(r);
        flows.set(key, flow);
      }
    }
  return [...flows.values()].sort(
    (a, b) =>
      a.to.localeCompare(b.to) ||
      a.from.localeCompare(b.from) ||
      a.protocol.localeCompare(b.protocol) ||
      a.port - b.port,
  );
}

export interface CloudOptions {
  /** Where port pages live, for the comments: `https://site`. */
  origin: string;
}

export interface Context {
  cluster: ClusterPlan;
  flows: Flow[];
  origin: string;
  /** IPv6 is in play: some CIDR given is IPv6. */
  v6: boolean;
  clients: { v4: string[]; v6: string[] };
  monitoring: { v4: string[]; v6: string[] };
  nodes: string[];
}

/** An HCL string literal, through the one HCL escaping function. */
export const hcl = (value: string): string => hclString(value);

/** The variable that holds a source's ranges of one family: `client_cidrs_ipv4`. */
export const cidrVar = (from: 'clients' | 'monitoring', family: string) =>
  `var.${from === 'clients' ? 'client' : 'monitoring'}_cidrs_${family}`;
export const list = (xs: readonly string[]) => `[${xs.map(hcl).join(', ')}]`;
export const split = (xs: readonly Cidr[]) => ({
  v4: xs.filter((x) => !isV6(x)),
  v6: xs.filter((x) => isV6(x)),
});

export function what(f: Flow): string {
  const r = f.rules[0]!;
  const range = f.endPort === undefined ? `${f.port}` : `${f.port}-${f.endPort}`;
  const from =
    f.from === 'clients' || f.from === 'monitoring'
      ? SOURCE_LABEL[f.from === 'clients' ? 'clients' : 'monitoring']
      : `${ROLE_LABEL[f.from]} nodes`;
  return `${r.endpoint.serviceName} ${range}/${f.protocol} from ${from}`;
}

export function pageOf(ctx: Context, f: Flow): string {
  return `${ctx.origin}/ports/${f.endPort === undefined ? f.port : `${f.port}-${f.endPort}`}/`;
}

/** The options, without the role: a cloud output covers both. */
function withoutRole(spec: Plan['node']): Omit<Plan['node'], 'role'> {
  const { role: _role, ...rest } = spec;
  return rest;
}

export function header(ctx: Context, cloud: string): string[] {
  const cp = ctx.cluster['control-plane'].node;
  return [
    `# Canonical Kubernetes ${cp.release}: ${cloud} rules for the whole cluster, control plane and worker`,
    `# nodes (${describeOptions(withoutRole(cp))}). Opens only what other hosts must reach,`,
    `# and ICMP between nodes: ${ICMP_WHY}`,
    '# Each rule names its port page. Forwarding for pods stays inside the nodes: see the host rules.',
    '',
  ];
}

export function cidrVariable(
  name: string,
  description: string,
  values: readonly string[] | undefined,
) {
  return [
    `variable "${name}" {`,
    '  type        = list(string)',
    `  description = ${hcl(description)}`,
    ...(values ? [`  default     = ${list(values)}`] : []),
    '}',
    '',
  ];
}

/** Client and monitoring ranges as variables, with what was given (any source for clients). */
export function rangeVariables(ctx: Context): string[] {
  const anyClient = !ctx.clients.v4.length && !ctx.clients.v6.length;
  return [
    ...cidrVariable(
      'client_cidrs_ipv4',
      'IPv4 ranges of API and NodePort clients',
      anyClient ? ['0.0.0.0/0'] : ctx.clients.v4,
    ),
    ...cidrVariable(
      'client_cidrs_ipv6',
      'IPv6 ranges of API and NodePort clients',
      anyClient ? ['::/0'] : ctx.clients.v6,
    ),
    ...cidrVariable('monitoring_cidrs_ipv4', 'IPv4 ranges that scrape metrics', ctx.monitoring.v4),
    ...cidrVariable('monitoring_cidrs_ipv6', 'IPv6 ranges that scrape metrics', ctx.monitoring.v6),
  ];
}

export const nameVariable = [
  'variable "name" {',
  '  type        = string',
  '  description = "Prefix for the names of the groups and rules"',
  '  default     = "ck8s"',
  '}',
  '',
];
