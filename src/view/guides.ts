/** Facts the guides show, computed from the data so no port list is typed into prose. */
import type { EndpointView, Model } from '../domain/model.ts';
import type { Role } from '../domain/schema.ts';
import { ROLES } from '../domain/schema.ts';
import { firewallPlan, type Rule } from '../firewall/plan.ts';

/** The exact message k8sd prints when its pre-flight check finds a port taken. */
export function preflightError(e: EndpointView): string {
  return `port ${e.port} (needed by: ${e.serviceName}) is already in use`;
}

/** What k8sd's pre-flight check tests on each role, in a release, whatever the options. */
export function preflightByRole(
  model: Model,
  releaseId: string,
): {
  role: Role;
  tested: { endpoint: EndpointView; condition?: string }[];
  untested: EndpointView[];
}[] {
  const documented = model.documentedIn(releaseId).filter((x) => x.endpoint.port !== undefined);
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
export function configurable(model: Model): EndpointView[] {
  return model.network.filter((e) => e.option);
}

/** Who must reach what: one row per (source, destination role, endpoint), from the same plan as the firewall rules. */
export interface Flow {
  from: Rule['from'];
  to: Role;
  endpoint: EndpointView;
}

export function flows(model: Model, releaseId: string): Flow[] {
  return ROLES.flatMap((to) =>
    firewallPlan(model, { release: releaseId, role: to }).rules.map((r) => ({
      from: r.from,
      to,
      endpoint: r.endpoint,
    })),
  );
}

/** Endpoints that listen beyond loopback but need no other host: closed by a default-deny firewall. */
export function exposedButUnneeded(model: Model, releaseId: string): EndpointView[] {
  return model
    .documentedIn(releaseId)
    .map((x) => x.endpoint)
    .filter((e) => e.port !== undefined && e.bind !== 'localhost' && e.reachableFrom === 'none');
}
