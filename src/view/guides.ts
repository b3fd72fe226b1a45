/** Facts the guides show, computed from the data so no port list is typed into prose. */
import type { Model, NetworkView } from '../domain/model.ts';
import { isNetwork } from '../domain/model.ts';
import { ROLES, type Role } from '../domain/enums.ts';
import { firewallPlan, type Source } from '../firewall/plan.ts';

/** The exact message k8sd prints when its pre-flight check finds a port taken. */
export function preflightError(e: NetworkView): string {
  return `port ${e.port} (needed by: ${e.serviceName}) is already in use`;
}

/** The network endpoints a release documents, whatever the options, with their availability. */
function documentedNetwork(model: Model, releaseId: string) {
  return model
    .documentedIn(releaseId)
    .flatMap(({ endpoint, availability }) =>
      isNetwork(endpoint) ? [{ endpoint, availability }] : [],
    );
}

/** What k8sd's pre-flight check tests on each role, in a release, whatever the options. */
export function preflightByRole(
  model: Model,
  releaseId: string,
): {
  role: Role;
  tested: { endpoint: NetworkView; condition?: string }[];
  untested: NetworkView[];
}[] {
  const documented = documentedNetwork(model, releaseId);
  return ROLES.map((role) => {
    const mine = documented.filter((x) => x.endpoint.roles.includes(role));
    return {
      role,
      tested: mine
        .filter((x) => x.endpoint.preflight)
        .map((x) => ({
          endpoint: x.endpoint,
          ...(x.availability.state === 'conditional'
            ? { condition: x.availability.condition }
            : {}),
        })),
      untested: mine.filter((x) => !x.endpoint.preflight).map((x) => x.endpoint),
    };
  });
}

/** Endpoints whose port a bootstrap option or annotation can change. */
export function configurable(
  model: Model,
): (NetworkView & { option: { type: string; name: string } })[] {
  return model.network.flatMap((e) => (e.option ? [{ ...e, option: e.option }] : []));
}

/** Who must reach what: one row per (source, destination role, endpoint), from the firewall plan. */
export interface Flow {
  source: Source;
  to: Role;
  endpoint: NetworkView;
}

export function flows(model: Model, releaseId: string): Flow[] {
  return ROLES.flatMap((to) =>
    firewallPlan(model, model.roleNode({ release: releaseId, role: to })).rules.map((r) => ({
      source: r.source,
      to,
      endpoint: r.endpoint,
    })),
  );
}

/** Endpoints that listen beyond loopback but need no other host: closed by a default-deny firewall. */
export function exposedButUnneeded(model: Model, releaseId: string): NetworkView[] {
  return documentedNetwork(model, releaseId)
    .map((x) => x.endpoint)
    .filter((e) => e.bind !== 'localhost' && e.reachableFrom === 'none');
}
