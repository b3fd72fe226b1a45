/** Facts the guides show, computed from the data so no port list is typed into prose. */
import type { EndpointView, Model } from './model.ts';
import type { ReachableFrom, Role } from './schema.ts';
import { REACHABLE_FROM, ROLES } from './schema.ts';

/** The exact message k8sd prints when its pre-flight check finds a port taken. */
export function preflightError(e: EndpointView): string {
  return `port ${e.port} (needed by: ${e.serviceName}) is already in use`;
}

/** What k8sd's pre-flight check tests on each role, in a release, whatever the options. */
export function preflightByRole(model: Model, releaseId: string): { role: Role; tested: { endpoint: EndpointView; condition?: string }[]; untested: EndpointView[] }[] {
  const documented = model.documentedIn(releaseId).filter((x) => x.endpoint.port !== undefined);
  return ROLES.map((role) => {
    const mine = documented.filter((x) => x.endpoint.roles.includes(role));
    return {
      role,
      tested: mine.filter((x) => x.endpoint.preflight).map((x) => ({ endpoint: x.endpoint, ...(x.availability.state === 'conditional' ? { condition: x.availability.condition } : {}) })),
      untested: mine.filter((x) => !x.endpoint.preflight).map((x) => x.endpoint),
    };
  });
}

/** Endpoints whose port a bootstrap option or annotation can change. */
export function configurable(model: Model): EndpointView[] {
  return model.network.filter((e) => e.option);
}

/** Who must reach what: one row per (source, destination role, endpoint) from `reachableFrom`. */
export interface Flow {
  from: 'control-plane' | 'nodes' | 'clients';
  to: Role;
  endpoint: EndpointView;
}

const wider = (r: ReachableFrom, than: ReachableFrom) => REACHABLE_FROM.indexOf(r) >= REACHABLE_FROM.indexOf(than);

export function flows(model: Model, releaseId: string, options: Parameters<Model['forRelease']>[2] = {}): Flow[] {
  const out: Flow[] = [];
  for (const to of ROLES) {
    for (const endpoint of model.forRelease(releaseId, to, options)) {
      if (endpoint.port === undefined || endpoint.reachableFrom === 'none') continue;
      const from = endpoint.reachableFrom === 'clients' ? 'clients' : endpoint.reachableFrom === 'nodes' ? 'nodes' : 'control-plane';
      out.push({ from, to, endpoint });
    }
  }
  return out;
}

/** The hosts a flow's source stands for, widest last. */
export function sourceHosts(from: Flow['from']): string {
  return from === 'clients' ? 'every node and API clients' : from === 'nodes' ? 'every cluster node' : 'control plane nodes';
}

export const mustBeReachable = (e: EndpointView) => wider(e.reachableFrom, 'control-plane');

/** Endpoints that listen beyond loopback but need no other host: closed by a default-deny firewall. */
export function exposedButUnneeded(model: Model, releaseId: string): EndpointView[] {
  return model.documentedIn(releaseId).map((x) => x.endpoint).filter((e) => e.port !== undefined && e.bind !== 'localhost' && e.reachableFrom === 'none');
}
