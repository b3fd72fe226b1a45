/**
 * Queries over the reference data. Pure functions with no Astro or DOM imports, so pages,
 * browser scripts, the CLI and unit tests share one set of rules.
 */
import type { Role } from './enums.ts';
import type {
  FirewalldCatalog,
  Endpoint,
  PreflightCheck,
  Reference,
  Release,
  Service,
} from './schema.ts';
import { conditionText, optionSpace, satisfies } from './conditions.ts';
import {
  resolveNode,
  resolveRoleNode,
  type Condition,
  type NodeInput,
  type NodeProgram,
  type NodeSpec,
  type RoleSpec,
} from './node.ts';
import { checkedPort, nearestPorts } from './ports.ts';
import {
  endpointViews,
  isNetwork,
  isRange,
  spans,
  type EndpointView,
  type NetworkView,
  type Span,
} from './endpoint-views.ts';

export { conditionText };
export {
  isNetwork,
  isRange,
  type EndpointView,
  type NetworkView,
  type SocketView,
} from './endpoint-views.ts';

export type Availability =
  | { state: 'present' }
  | { state: 'conditional'; condition: string }
  | { state: 'absent'; reason: string };

/** A pre-flight check that applies to a node, at the port it tests there. */
export interface CheckOnNode {
  check: PreflightCheck;
  port: number;
}

/** Catalogs kept beside the reference data: firewalld's shipped service definitions. */
export interface Catalogs {
  firewalld?: FirewalldCatalog;
}

export function createModel(ref: Reference, catalogs: Catalogs = {}) {
  const releases: readonly Release[] = ref.releases;
  const latest = releases.find((r) => r.latest) ?? releases[releases.length - 1]!;
  const servicesById = new Map(ref.services.map((s) => [s.id, s]));
  const { releaseIdx, covers, overlapsSpan } = spans(releases);
  const endpoints = endpointViews(ref, overlapsSpan);

  const network = endpoints.filter(isNetwork);
  const ranges = network.filter(isRange);
  const checkOnly = ref.preflight
    .map((c) => c.port)
    .filter((p) => p > 0 && !network.some((e) => e.port === p));
  /** Every single port the reference knows: where something listens, or a check tests. */
  const ports = [
    ...new Set([...network.filter((e) => !isRange(e)).map((e) => e.port), ...checkOnly]),
  ].sort((a, b) => a - b);

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

  function availability(e: Endpoint, releaseId: string): Availability {
    const r = release(releaseId);
    if (!covers(e.releases, releaseId)) {
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

  const onRole = (roles: readonly Role[], role: NodeSpec['role']) =>
    role === 'both' || roles.includes(role);

  /** What a node of this role runs, with these options; binds as the options make them. */
  function forNode(spec: Pick<NodeSpec, 'release' | 'role'> & Condition): EndpointView[] {
    return endpoints
      .filter(
        (e) =>
          covers(e.releases, spec.release) &&
          satisfies(e.condition, spec) &&
          onRole(e.roles, spec.role),
      )
      .map((e) => {
        if (!isNetwork(e)) return e;
        const o = e.overrides.find((x) => satisfies(x.condition, spec));
        return o ? { ...e, bind: o.bind, reachableFrom: o.reachableFrom, binds: [o.bind] } : e;
      });
  }

  /** The pre-flight checks a node's bootstrap or join runs, at the ports they test there. */
  function checksFor(spec: NodeSpec): CheckOnNode[] {
    return ref.preflight
      .filter(
        (c) =>
          covers(c.releases, spec.release) &&
          satisfies(c.condition, spec) &&
          onRole(c.roles, spec.role),
      )
      .map((check) => ({ check, port: checkedPort(check, spec.ports) }))
      .filter((c) => c.port > 0);
  }

  /** Everything the release documents, whatever the options, with its availability. */
  function documentedIn(
    releaseId: string,
  ): { endpoint: EndpointView; availability: Availability }[] {
    return endpoints
      .map((endpoint) => ({ endpoint, availability: availability(endpoint, releaseId) }))
      .filter((x) => x.availability.state !== 'absent');
  }

  /** The pre-flight checks a release runs on some node, whatever the options. */
  const checksIn = (releaseId: string) =>
    ref.preflight.filter((c) => covers(c.releases, releaseId));

  /** The upstream UFW how-to's rules on a release branch; none where it has no how-to. */
  const howtoIn = (releaseId: string) => ref.ufwHowto.filter((u) => covers(u.releases, releaseId));

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

  const byPort = (port: number): NetworkView[] =>
    network.filter((e) => e.port === port && !isRange(e));
  const byService = (id: string): EndpointView[] => endpoints.filter((e) => e.service === id);
  /** The range endpoints that contain a port. */
  const rangesWith = (port: number) => ranges.filter((e) => port >= e.port && port <= e.endPort);

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

  const releaseRange = (span: Span): string =>
    span.from === span.to ? span.from : `${span.from}–${span.to}`;
  const releasesOf = (span: Span): string[] =>
    releases.filter((r) => covers(span, r.id)).map((r) => r.id);

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
    ranges,
    ports,
    checks: ref.preflight,
    owners: ref.owners,
    /** firewalld's service definitions by name, as `6443/tcp` specs; empty without the catalog. */
    firewalldServices: catalogs.firewalld?.services ?? {},
    firewalld: catalogs.firewalld,
    release,
    node,
    roleNode,
    availability,
    forNode,
    checksFor,
    checksIn,
    howtoIn,
    documentedIn,
    diff,
    byPort,
    byService,
    rangesWith,
    service,
    source,
    nearestPorts: (n: number, count?: number) => nearestPorts(ports, n, count),
    neighbours,
    releaseRange: (e: { releases: Span }) => releaseRange(e.releases),
    releasesOf: (e: { releases: Span }) => releasesOf(e.releases),
    covers,
  };
}

export type Model = ReturnType<typeof createModel>;
