/**
 * Queries over the reference data. Pure functions with no Astro or DOM imports, so pages,
 * browser scripts, the CLI and unit tests share one set of rules.
 */
import type {
  Endpoint,
  NetworkEndpoint,
  Reference,
  Release,
  Service,
  SocketEndpoint,
} from './schema.ts';
import {
  CONDITION_FIELDS,
  resolveNode,
  resolveRoleNode,
  type Condition,
  type NodeInput,
  type NodeSpec,
  type NodeProgram,
  type RoleSpec,
} from './node.ts';
import { nearestPorts } from './ports.ts';

export type Availability =
  | { state: 'present' }
  | { state: 'conditional'; condition: string }
  | { state: 'absent'; reason: string };

/** What every view of an endpoint needs beyond the data. */
interface Derived {
  /** Stable anchor, `tcp-6443`, with `-<role>` only where two endpoints would share one. */
  anchor: string;
  /** Port number as text, or the socket path. */
  where: string;
  serviceName: string;
}
export type NetworkView = NetworkEndpoint & Derived;
export type SocketView = SocketEndpoint & Derived;
export type EndpointView = NetworkView | SocketView;

export const isNetwork = (e: EndpointView): e is NetworkView => e.protocol !== 'unix';

/** "only when the datastore is k8s-dqlite and kube-proxy replacement is off". */
export function conditionText(condition: Endpoint['condition']): string {
  if (!condition) return '';
  const parts = CONDITION_FIELDS.filter((f) => condition[f.condition.key] !== undefined).map((f) =>
    f.condition.text(condition[f.condition.key]!),
  );
  return `only when ${parts.join(' and ')}`;
}

function satisfies(condition: Endpoint['condition'], options: Condition): boolean {
  return CONDITION_FIELDS.every(({ condition: { key } }) => {
    const wanted = condition?.[key];
    return wanted === undefined || wanted === options[key];
  });
}

/** Every combination of the options a cluster of this release can have. */
function optionSpace(release: Release): Condition[] {
  return CONDITION_FIELDS.reduce<Condition[]>(
    (space, field) =>
      space.flatMap((partial) =>
        field.condition.offered(release).map((value) => ({
          ...partial,
          [field.condition.key]: value,
        })),
      ),
    [{}],
  );
}

export function createModel(ref: Reference) {
  const releases: readonly Release[] = ref.releases;
  const latest = releases.find((r) => r.latest) ?? releases[releases.length - 1]!;
  const servicesById = new Map(ref.services.map((s) => [s.id, s]));
  const releaseIdx = (id: string) => releases.findIndex((r) => r.id === id);

  const baseAnchor = (e: Endpoint) =>
    e.protocol === 'unix' ? `unix-${e.service}` : `${e.protocol}-${e.port}`;
  const groupSize = new Map<string, number>();
  for (const e of ref.endpoints)
    groupSize.set(baseAnchor(e), (groupSize.get(baseAnchor(e)) ?? 0) + 1);
  const derive = (e: Endpoint): Derived => ({
    anchor:
      (groupSize.get(baseAnchor(e)) ?? 1) > 1
        ? `${baseAnchor(e)}-${e.roles.join('-')}`
        : baseAnchor(e),
    where: e.protocol === 'unix' ? e.socket : String(e.port),
    serviceName: servicesById.get(e.service)?.name ?? e.service,
  });
  const sortKey = (e: EndpointView) => (isNetwork(e) ? e.port : 1e6);
  const endpoints: EndpointView[] = ref.endpoints
    .map((e): EndpointView => ({ ...e, ...derive(e) }))
    .sort(
      (a, b) =>
        sortKey(a) - sortKey(b) ||
        a.protocol.localeCompare(b.protocol) ||
        a.anchor.localeCompare(b.anchor),
    );

  const network = endpoints.filter(isNetwork);
  const ports = [...new Set(network.map((e) => e.port))].sort((a, b) => a - b);

  function release(id: string): Release {
    const r = releases.find((x) => x.id === id);
    if (!r)
      throw new Error(`Unknown release "${id}". Known: ${releases.map((x) => x.id).join(', ')}`);
    return r;
  }

  /** A node description with the release's defaults filled in (see node.ts). */
  function node(input: NodeInput = {}, program: NodeProgram = 'check'): NodeSpec {
    return resolveNode(releases, input, program);
  }

  /** The same, for one node role (firewall rules, audits). */
  function roleNode(input: NodeInput = {}, program: NodeProgram = 'firewall'): RoleSpec {
    return resolveRoleNode(releases, input, program);
  }

  function inRange(e: Endpoint, releaseId: string): boolean {
    const i = releaseIdx(releaseId);
    return i >= releaseIdx(e.releases.from) && i <= releaseIdx(e.releases.to);
  }

  function availability(e: Endpoint, releaseId: string): Availability {
    const r = release(releaseId);
    if (!inRange(e, releaseId)) {
      const before = releaseIdx(releaseId) < releaseIdx(e.releases.from);
      return {
        state: 'absent',
        reason: before ? `added in ${e.releases.from}` : `removed after ${e.releases.to}`,
      };
    }
    const space = optionSpace(r);
    const matching = space.filter((o) => satisfies(e.condition, o)).length;
    if (matching === space.length) return { state: 'present' };
    if (matching === 0)
      return {
        state: 'absent',
        reason: `${conditionText(e.condition)}, which ${r.id} does not offer`,
      };
    const isDefault = satisfies(e.condition, node({ release: releaseId }));
    return {
      state: 'conditional',
      condition: `${conditionText(e.condition)}${isDefault ? ' (the default)' : ' (not the default)'}`,
    };
  }

  /** What a node of this role runs, with these options. */
  function forNode(spec: Pick<NodeSpec, 'release' | 'role'> & Condition): EndpointView[] {
    return endpoints.filter(
      (e) =>
        inRange(e, spec.release) &&
        satisfies(e.condition, spec) &&
        (spec.role === 'both' || e.roles.includes(spec.role)),
    );
  }

  /** Everything the release documents, whatever the options, with its availability. */
  function documentedIn(
    releaseId: string,
  ): { endpoint: EndpointView; availability: Availability }[] {
    return endpoints
      .map((endpoint) => ({ endpoint, availability: availability(endpoint, releaseId) }))
      .filter((x) => x.availability.state !== 'absent');
  }

  interface Change {
    endpoint: EndpointView;
    before: Availability;
    after: Availability;
    kind: 'added' | 'removed' | 'changed';
  }

  /** What changes between two releases, computed from the data. */
  function diff(fromId: string, toId: string): Change[] {
    const changes: Change[] = [];
    for (const endpoint of endpoints) {
      const before = availability(endpoint, fromId);
      const after = availability(endpoint, toId);
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      const kind =
        before.state === 'absent' ? 'added' : after.state === 'absent' ? 'removed' : 'changed';
      changes.push({ endpoint, before, after, kind });
    }
    return changes;
  }

  const byPort = (port: number): NetworkView[] => network.filter((e) => e.port === port);
  const byService = (id: string): EndpointView[] => endpoints.filter((e) => e.service === id);

  function service(id: string): Service {
    const s = servicesById.get(id);
    if (!s) throw new Error(`Unknown service "${id}"`);
    return s;
  }

  function neighbours(port: number): { previous: number | undefined; next: number | undefined } {
    const i = ports.indexOf(port);
    return {
      previous: i > 0 ? ports[i - 1] : undefined,
      next: i >= 0 && i < ports.length - 1 ? ports[i + 1] : undefined,
    };
  }

  function releaseRange(e: Endpoint): string {
    return e.releases.from === e.releases.to
      ? e.releases.from
      : `${e.releases.from}–${e.releases.to}`;
  }

  function releasesOf(e: Endpoint): string[] {
    return releases.filter((r) => inRange(e, r.id)).map((r) => r.id);
  }

  function source(id: string) {
    const s = ref.sources.find((x) => x.id === id);
    if (!s) throw new Error(`Unknown source "${id}"`);
    return s;
  }

  return {
    ref,
    releases,
    latest,
    /** "1.32–1.36": the releases this data covers. */
    span: `${releases[0]!.id}–${latest.id}`,
    services: ref.services,
    endpoints,
    network,
    ports,
    release,
    node,
    roleNode,
    availability,
    forNode,
    documentedIn,
    diff,
    byPort,
    byService,
    service,
    source,
    nearestPorts: (n: number, count?: number) => nearestPorts(ports, n, count),
    neighbours,
    releaseRange,
    releasesOf,
  };
}

export type Model = ReturnType<typeof createModel>;
