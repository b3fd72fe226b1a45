/** What the checker compares a paste with: the node's endpoints, at their effective ports. */
import type { Model, NetworkView } from '../domain/model.ts';
import { isNetwork } from '../domain/model.ts';
import type { NodeSpec } from '../domain/node.ts';
import { processMatches } from '../domain/process.ts';
import { effectivePort } from '../domain/ports.ts';
import { endpointUrl } from '../domain/urls.ts';
import type { EndpointRef, Entry, Transport } from './types.ts';

export interface Target {
  endpoint: NetworkView;
  port: number;
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
      const { protocol, service, bind, roles, anchor } = endpoint;
      return {
        endpoint,
        port,
        protocol,
        ref: { service, port, protocol, bind, roles, anchor, url: endpointUrl(endpoint) },
      };
    });
}

/** Whether an entry's port (or range) and protocol include this port. */
export function entryIncludes(
  entry: Pick<Entry, 'port' | 'endPort' | 'protocol'>,
  port: number,
  protocol: Transport,
): boolean {
  return entry.protocol === protocol && port >= entry.port && port <= (entry.endPort ?? entry.port);
}

/** The line shows one of the service's processes, by full name or a listing tool's truncation of it. */
export function showsService(model: Model, entry: Entry, serviceId: string): boolean {
  const names = model.service(serviceId).processNames;
  return !!entry.processes?.some((shown) =>
    names.some((name) => processMatches(shown, name, entry.processWidth)),
  );
}
