/**
 * Queries over the reference data. Pure functions with no Astro or DOM imports, so pages,
 * browser scripts, the CLI and unit tests share one set of rules.
 */
import type { Bind, Datastore, Endpoint, Reference, Release, Role, Service } from './schema.ts';

export type { Bind, Datastore, Endpoint, Reference, Release, Role, Service };

export interface ClusterOptions {
  datastore: Datastore;
  kubeProxyReplacement: boolean;
}

export type Availability =
  | { state: 'present' }
  | { state: 'conditional'; condition: string }
  | { state: 'absent'; reason: string };

/** An endpoint with the derived facts every view needs. */
export interface EndpointView extends Endpoint {
  /** Stable anchor, `tcp-6443`, with `-<role>` only where two endpoints would share one. */
  anchor: string;
  /** Port number as text, or the socket path. */
  where: string;
  serviceName: string;
}

export const ROLE_LABEL: Record<Role, string> = {
  'control-plane': 'control plane',
  worker: 'worker',
};
export const BIND_LABEL: Record<Bind, string> = {
  localhost: 'localhost (127.0.0.1)',
  default: 'default interface',
  '*': 'all interfaces',
};
export const REACHABLE_LABEL = {
  none: 'no other host',
  'control-plane': 'control plane nodes',
  nodes: 'every cluster node',
  clients: 'cluster nodes and API clients',
} as const;

export function conditionText(condition: Endpoint['condition']): string {
  if (!condition) return '';
  const parts: string[] = [];
  if (condition.datastore) parts.push(`the datastore is ${condition.datastore}`);
  if (condition.kubeProxyReplacement === false) parts.push('kube-proxy replacement is off');
  if (condition.kubeProxyReplacement === true) parts.push('kube-proxy replacement is on');
  return `only when ${parts.join(' and ')}`;
}

function satisfies(condition: Endpoint['condition'], options: ClusterOptions): boolean {
  if (!condition) return true;
  if (condition.datastore && condition.datastore !== options.datastore) return false;
  if (
    condition.kubeProxyReplacement !== undefined &&
    condition.kubeProxyReplacement !== options.kubeProxyReplacement
  )
    return false;
  return true;
}

export function createModel(ref: Reference) {
  const releases: readonly Release[] = ref.releases;
  const latest = releases.find((r) => r.latest) ?? releases[releases.length - 1]!;
  const servicesById = new Map(ref.services.map((s) => [s.id, s]));
  const releaseIdx = (id: string) => releases.findIndex((r) => r.id === id);

  const groupSize = new Map<string, number>();
  const baseAnchor = (e: Endpoint) =>
    e.protocol === 'unix' ? `unix-${e.service}` : `${e.protocol}-${e.port}`;
  for (const e of ref.endpoints)
    groupSize.set(baseAnchor(e), (groupSize.get(baseAnchor(e)) ?? 0) + 1);

  const endpoints: EndpointView[] = ref.endpoints
    .map((e) => ({
      ...e,
      anchor:
        (groupSize.get(baseAnchor(e)) ?? 1) > 1
          ? `${baseAnchor(e)}-${e.roles.join('-')}`
          : baseAnchor(e),
      where: e.port !== undefined ? String(e.port) : e.socket!,
      serviceName: servicesById.get(e.service)?.name ?? e.service,
    }))
    .sort(
      (a, b) =>
        (a.port ?? 1e6) - (b.port ?? 1e6) ||
        a.protocol.localeCompare(b.protocol) ||
        a.anchor.localeCompare(b.anchor),
    );

  const network = endpoints.filter((e) => e.port !== undefined);
  const ports = [...new Set(network.map((e) => e.port!))].sort((a, b) => a - b);

  function release(id: string): Release {
    const r = releases.find((x) => x.id === id);
    if (!r)
      throw new Error(`Unknown release "${id}". Known: ${releases.map((x) => x.id).join(', ')}`);
    return r;
  }

  function defaultOptions(releaseId: string): ClusterOptions {
    const r = release(releaseId);
    return { datastore: r.defaultDatastore, kubeProxyReplacement: r.defaultKubeProxyReplacement };
  }

  /** Fills in release defaults and refuses options the release does not offer. */
  function resolveOptions(
    releaseId: string,
    options: Partial<ClusterOptions> = {},
  ): ClusterOptions {
    const r = release(releaseId);
    const resolved = {
      ...defaultOptions(releaseId),
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    } as ClusterOptions;
    if (!r.datastores.includes(resolved.datastore))
      throw new Error(
        `Release ${r.id} does not offer the ${resolved.datastore} datastore (it offers ${r.datastores.join(', ')})`,
      );
    if (!r.kubeProxyReplacement.includes(resolved.kubeProxyReplacement))
      throw new Error(
        `Release ${r.id} does not offer kube-proxy replacement ${resolved.kubeProxyReplacement ? 'on' : 'off'}`,
      );
    return resolved;
  }

  function inRange(e: Endpoint, releaseId: string): boolean {
    const i = releaseIdx(releaseId);
    return i >= releaseIdx(e.releases.from) && i <= releaseIdx(e.releases.to);
  }

  /** Every combination of options a cluster of this release can have. */
  function optionSpace(r: Release): ClusterOptions[] {
    return r.datastores.flatMap((datastore) =>
      r.kubeProxyReplacement.map((kubeProxyReplacement) => ({ datastore, kubeProxyReplacement })),
    );
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
    const isDefault = satisfies(e.condition, defaultOptions(releaseId));
    return {
      state: 'conditional',
      condition: `${conditionText(e.condition)}${isDefault ? ' (the default)' : ' (not the default)'}`,
    };
  }

  /** What a node of this role runs on this release with these options. */
  function forRelease(
    releaseId: string,
    role: Role | 'both',
    options: Partial<ClusterOptions> = {},
  ): EndpointView[] {
    const resolved = resolveOptions(releaseId, options);
    return endpoints.filter(
      (e) =>
        inRange(e, releaseId) &&
        satisfies(e.condition, resolved) &&
        (role === 'both' || e.roles.includes(role)),
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

  function byPort(port: number): EndpointView[] {
    return network.filter((e) => e.port === port);
  }

  function byService(id: string): EndpointView[] {
    return endpoints.filter((e) => e.service === id);
  }

  function service(id: string): Service {
    const s = servicesById.get(id);
    if (!s) throw new Error(`Unknown service "${id}"`);
    return s;
  }

  /** The known ports closest to n, nearest first (ties: lower port first). */
  function nearestPorts(n: number, count = 4): number[] {
    return [...ports].sort((a, b) => Math.abs(a - n) - Math.abs(b - n) || a - b).slice(0, count);
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
    services: ref.services,
    endpoints,
    network,
    ports,
    release,
    defaultOptions,
    resolveOptions,
    availability,
    forRelease,
    documentedIn,
    diff,
    byPort,
    byService,
    service,
    source,
    nearestPorts,
    neighbours,
    releaseRange,
    releasesOf,
  };
}

export type Model = ReturnType<typeof createModel>;
