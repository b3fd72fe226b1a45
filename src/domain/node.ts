/**
 * The node a person describes: its release and role, the cluster's options, ports changed at
 * bootstrap, and the addresses around it. The options themselves are one table of fields
 * (node-fields.ts); this module resolves a description against a release's defaults, and reads
 * and writes it as URL parameters. Runs everywhere; no zod.
 */
import type { Release } from './schema.ts';
import type { Datastore, Profile, Role } from './enums.ts';
import type { Condition as DataCondition } from './schema-entries.ts';
import type { PortOption } from './ports.ts';
import type { Cidr, IpAddress } from './net.ts';
import { ROLES } from './enums.ts';
import { fieldsFor, NODE_FIELDS, NodeError, releaseField, roleField } from './node-fields.ts';

export { CONDITION_FIELDS, fieldsFor, NODE_FIELDS, NodeError } from './node-fields.ts';

/** The programs that describe a node: the conflict checker (and audit) and the firewall generator. */
/** The programs that read a node description: the checker, the firewall generator, the reachability probe. */
export type NodeProgram = 'check' | 'firewall' | 'reach';
export type RoleChoice = Role | 'both';

export interface NodeSpec {
  release: string;
  /** `both` checks against either role; audits and firewall rules need one. */
  role: RoleChoice;
  datastore: Datastore;
  kubeProxyReplacement: boolean;
  /** The load balancer feature (MetalLB). */
  loadBalancer: boolean;
  /** The configuration profile the node was bootstrapped or joined with. */
  profile: Profile;
  /** Ports changed at bootstrap. */
  ports: Partial<Record<PortOption, number>>;
  /** The node's default-route address, which settles overlaps with `default` binds. */
  nodeIp?: IpAddress;
  /** Where the cluster's nodes live; empty means any source. */
  nodeCidrs: Cidr[];
  /** Where API clients live; empty means any source. */
  clientCidrs: Cidr[];
  /** The cluster's pod range, when it is not the release's default. */
  podCidr?: Cidr;
  /** The cluster's service range, when it is not the release's default. */
  serviceCidr?: Cidr;
  /** Open the node-port range (NodePort and LoadBalancer Services) to clients. */
  nodePorts: boolean;
  /** Where a monitoring system scrapes metrics from; empty keeps metrics endpoints closed. */
  monitoringCidrs: Cidr[];
  /** The control plane nodes' addresses, for the reachability probe. */
  controlPlaneIps: IpAddress[];
  /** The worker nodes' addresses, for the reachability probe. */
  workerIps: IpAddress[];
}

/** A node of one role, as audits and firewall plans need. */
export type RoleSpec = NodeSpec & { role: Role };

/** What a person said: any subset of the fields. */
export type NodeInput = Partial<NodeSpec>;

const FACT_KEYS = [
  'id',
  'latest',
  'datastores',
  'defaultDatastore',
  'kubeProxyReplacement',
  'defaultKubeProxyReplacement',
  'profiles',
  'defaultProfile',
  'defaultPodCidr',
  'defaultServiceCidr',
] as const;

/** What node options need to know about a release. */
export type ReleaseFacts = Pick<Release, (typeof FACT_KEYS)[number]>;

/** Only those facts, for a page that needs them without the rest of the data. */
export const releaseFacts = (r: ReleaseFacts): ReleaseFacts =>
  Object.fromEntries(FACT_KEYS.map((k) => [k, r[k]])) as ReleaseFacts;

/** The cluster options an endpoint's `condition` can name: each is a field of NodeSpec. */
export type ConditionKey = keyof DataCondition & keyof NodeSpec;
export type Condition = Partial<Pick<NodeSpec, ConditionKey>>;

export interface Choice {
  value: string;
  label: string;
}

export interface NodeField {
  /** The command-line flag, `--name`. */
  name: string;
  /** The key in URL fragments and queries, and the form control's name. */
  param: string;
  label: string;
  /** --help: what the value looks like (a select's values when absent), and what the option does. */
  metavar?: string;
  help: string;
  programs: readonly NodeProgram[];
  control: 'select' | 'number' | 'text';
  /** The smallest number a number control takes. */
  min?: number;
  placeholder?: string;
  /** Repeatable on the command line; a comma- or space-separated list in URLs and forms. */
  list?: boolean;
  /** Fields of a group share one line of --help and one disclosure in forms. */
  group?: 'ports';
  /** A select's values; with a release, only what that release offers. */
  choices?: (
    program: NodeProgram,
    release?: ReleaseFacts,
    releases?: readonly ReleaseFacts[],
  ) => Choice[];
  /** Reads one value as typed into `input`; throws NodeError when it is not a value of this field. */
  read: (input: NodeInput, text: string) => void;
  /** The value as text for URLs and forms; [] when unset. */
  write: (input: NodeInput) => string[];
  /** Sets the release's default when the person said nothing. */
  fill?: (spec: NodeInput, release: ReleaseFacts) => void;
  /** Why the value is impossible on this release or for this program; undefined when it is fine. */
  refuse?: (spec: NodeSpec, release: ReleaseFacts, program: NodeProgram) => string | undefined;
  /** Its part of a report header, such as "datastore etcd"; undefined to say nothing. */
  summary?: (spec: NodeInput) => string | undefined;
  /** For options that endpoints can depend on: the values a release offers, and how to say one. */
  condition?: {
    key: ConditionKey;
    offered: (release: ReleaseFacts) => readonly (string | boolean)[];
    /** "the datastore is etcd": the condition an endpoint states. */
    text: (value: string | boolean) => string;
    /** What a release offers and what new clusters get, for its page. */
    inRelease: (release: ReleaseFacts) => string;
  };
}

/**
 * Fills in the release's defaults and refuses what the release or the program cannot have,
 * with a message that names the option.
 */
export function resolveNode(
  releases: readonly ReleaseFacts[],
  input: NodeInput,
  program: NodeProgram = 'check',
): NodeSpec {
  const latest = releases.find((r) => r.latest) ?? releases[releases.length - 1]!;
  const chosen = releases.find((r) => r.id === (input.release ?? latest.id));
  if (!chosen)
    throw new NodeError(
      releaseField,
      `unknown release; known: ${releases.map((r) => r.id).join(', ')}`,
      input.release,
    );
  const spec: NodeInput = {
    ...input,
    release: chosen.id,
    ports: { ...input.ports },
    nodeCidrs: [...(input.nodeCidrs ?? [])],
    clientCidrs: [...(input.clientCidrs ?? [])],
    monitoringCidrs: [...(input.monitoringCidrs ?? [])],
    nodePorts: input.nodePorts ?? false,
    controlPlaneIps: [...(input.controlPlaneIps ?? [])],
    workerIps: [...(input.workerIps ?? [])],
  };
  for (const field of NODE_FIELDS) field.fill?.(spec, chosen);
  const resolved = spec as NodeSpec;
  for (const field of NODE_FIELDS) {
    const reason = field.refuse?.(resolved, chosen, program);
    if (reason) throw new NodeError(field, reason, field.write(resolved).join(','));
  }
  return resolved;
}

/** Like resolveNode, for what describes exactly one node role: firewall rules and audits. */
export function resolveRoleNode(
  releases: readonly ReleaseFacts[],
  input: NodeInput,
  program: NodeProgram,
): RoleSpec {
  const spec = resolveNode(releases, input, program);
  if (spec.role === 'both')
    throw new NodeError(roleField, `this describes one node; choose ${ROLES.join(' or ')}`, 'both');
  return { ...spec, role: spec.role };
}

/** Reads URL parameters (a fragment or a query) into a node description, dropping what is not valid. */
export function nodeFromParams(params: URLSearchParams, program: NodeProgram): NodeInput {
  const input: NodeInput = {};
  for (const field of fieldsFor(program)) {
    const raw = params.get(field.param);
    if (!raw) continue;
    for (const text of field.list ? raw.split(/[\s,]+/).filter(Boolean) : [raw]) {
      try {
        field.read(input, text);
      } catch {
        /* a hand-edited or stale link: keep what is valid */
      }
    }
  }
  return input;
}

/** Writes a node description into URL parameters, in table order. */
export function nodeToParams(
  input: NodeInput,
  program: NodeProgram,
  params: URLSearchParams,
): void {
  for (const field of fieldsFor(program)) {
    const values = field.write(input);
    if (values.length) params.set(field.param, values.join(','));
  }
}

/** "datastore etcd, kube-proxy replacement on, node IP 10.0.0.5": the options a report states. */
export function describeOptions(spec: NodeInput): string {
  return NODE_FIELDS.map((f) => f.summary?.(spec))
    .filter((s): s is string => !!s)
    .join(', ');
}

/** The options a check report carries in its JSON. */
export function reportOptions(spec: NodeSpec) {
  return {
    datastore: spec.datastore,
    kubeProxyReplacement: spec.kubeProxyReplacement,
    ports: spec.ports,
    ...(spec.nodeIp ? { nodeIp: spec.nodeIp } : {}),
  };
}
