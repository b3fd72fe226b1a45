/** What the checker compares a paste with: the node's endpoints and pre-flight checks, at their effective ports. */
import type { CheckOnNode, Model, NetworkView } from '../domain/model.ts';
import { isNetwork } from '../domain/model.ts';
import type { NodeSpec } from '../domain/node.ts';
import { processMatches } from '../domain/process.ts';
import { effectivePort } from '../domain/ports.ts';
import { endpointUrl } from '../domain/urls.ts';
import type { EndpointRef, Entry, Transport } from './types.ts';

export interface Target {
  endpoint: NetworkView;
  port: number;
  /** The last port of a range endpoint. */
  endPort?: number;
  protocol: Transport;
  ref: EndpointRef;
}

/** The network endpoints of the node, with ports changed at bootstrap applied. */
export function nodeTargets(model: Model, spec: NodeSpec): Target[] {
  return model
    .forNode(spec)
    .filter(isNetwork)
    .map((endpoint) => {
      const port = effectivePort(endpoint, spec.ports);
      const { protocol, service, bind, roles, anchor, endPort } = endpoint;
      const ref: EndpointRef = {
        service,
        port,
        protocol,
        bind,
        roles,
        anchor,
        url: endpointUrl(endpoint),
      };
      if (endPort !== undefined) ref.endPort = endPort;
      return { endpoint, port, protocol, ref, ...(endPort !== undefined ? { endPort } : {}) };
    });
}

type Span = { port: number; endPort?: number | undefined; protocol: Transport };

/** Whether two ports or ranges of the same protocol share a port. */
export function intersects(a: Span, b: Span): boolean {
  return (
    a.protocol === b.protocol && a.port <= (b.endPort ?? b.port) && b.port <= (a.endPort ?? a.port)
  );
}

/** Whether an allow rule's port or range holds every port of a target. */
export function entryIncludes(entry: Span, target: Span): boolean {
  return (
    entry.protocol === target.protocol &&
    entry.port <= target.port &&
    (entry.endPort ?? entry.port) >= (target.endPort ?? target.port)
  );
}

/** The node's pre-flight checks that a TCP listener on this port or range would fail. */
export function checksHit(checks: readonly CheckOnNode[], entry: Span): CheckOnNode[] {
  return checks.filter((c) => intersects(entry, { port: c.port, protocol: 'tcp' }));
}

/** The line shows one of the service's processes, by full name or a listing tool's truncation of it. */
export function showsService(model: Model, entry: Entry, serviceId: string): boolean {
  const names = model.service(serviceId).processNames;
  return !!entry.processes?.some((shown) =>
    names.some((name) => processMatches(shown, name, entry.processWidth)),
  );
}
