/**
 * Endpoints as pages and scripts see them: the data plus a stable anchor, the port or socket as
 * text, the service's name, every bind and the pre-flight checks that test the port.
 */
import type { Bind } from './enums.ts';
import type { Endpoint, NetworkEndpoint, Reference, Release, SocketEndpoint } from './schema.ts';

export type Span = { from: string; to: string };

/** What every view of an endpoint needs beyond the data. */
export interface Derived {
  /** Stable anchor, `tcp-6443`, with `-<role>` only where two endpoints would share one. */
  anchor: string;
  /** Port number (or range) as text, or the socket path. */
  where: string;
  serviceName: string;
}
export type NetworkView = NetworkEndpoint &
  Derived & {
    /** Every interface it binds: `bind` and `extraBinds`. */
    binds: Bind[];
    /** The keys of k8sd's pre-flight checks that test this port (any release or role). */
    checks: string[];
  };
export type SocketView = SocketEndpoint & Derived;
export type EndpointView = NetworkView | SocketView;

export const isNetwork = (e: EndpointView): e is NetworkView => e.protocol !== 'unix';
export const isRange = <T extends NetworkEndpoint>(e: T): e is T & { endPort: number } =>
  e.endPort !== undefined;

/** Release positions, and whether a release span covers a release or overlaps another span. */
export function spans(releases: readonly Release[]) {
  const releaseIdx = (id: string) => releases.findIndex((r) => r.id === id);
  const covers = (span: Span, releaseId: string) => {
    const i = releaseIdx(releaseId);
    return i >= releaseIdx(span.from) && i <= releaseIdx(span.to);
  };
  const overlapsSpan = (a: Span, b: Span) =>
    releaseIdx(a.from) <= releaseIdx(b.to) && releaseIdx(b.from) <= releaseIdx(a.to);
  return { releaseIdx, covers, overlapsSpan };
}

/** Every endpoint with its anchor, place, service name, binds and checks, in port order. */
export function endpointViews(
  ref: Reference,
  overlapsSpan: (a: Span, b: Span) => boolean,
): EndpointView[] {
  const servicesById = new Map(ref.services.map((s) => [s.id, s]));
  const baseAnchor = (e: Endpoint) =>
    e.protocol === 'unix'
      ? `unix-${e.service}`
      : `${e.protocol}-${e.port}${e.endPort ? `-${e.endPort}` : ''}`;
  const groupSize = new Map<string, number>();
  for (const e of ref.endpoints)
    groupSize.set(baseAnchor(e), (groupSize.get(baseAnchor(e)) ?? 0) + 1);
  const derive = (e: Endpoint): Derived => ({
    anchor:
      (groupSize.get(baseAnchor(e)) ?? 1) > 1
        ? `${baseAnchor(e)}-${e.roles.join('-')}`
        : baseAnchor(e),
    where: e.protocol === 'unix' ? e.socket : `${e.port}${e.endPort ? `-${e.endPort}` : ''}`,
    serviceName: servicesById.get(e.service)?.name ?? e.service,
  });
  /** The checks that test an endpoint's own port, on a role and release where it exists. */
  const checksOf = (e: NetworkEndpoint) =>
    [
      ...new Set(
        ref.preflight
          .filter(
            (c) =>
              e.protocol === 'tcp' &&
              c.port === e.port &&
              c.roles.some((r) => e.roles.includes(r)) &&
              overlapsSpan(c.releases, e.releases),
          )
          .map((c) => c.key),
      ),
    ].sort();
  const sortKey = (e: EndpointView) => (isNetwork(e) ? e.port : 1e6);
  return ref.endpoints
    .map((e): EndpointView =>
      e.protocol === 'unix'
        ? { ...e, ...derive(e) }
        : { ...e, ...derive(e), binds: [e.bind, ...e.extraBinds], checks: checksOf(e) },
    )
    .sort(
      (a, b) =>
        sortKey(a) - sortKey(b) ||
        a.protocol.localeCompare(b.protocol) ||
        a.anchor.localeCompare(b.anchor),
    );
}
