/** Facts the guides show, computed from the data so no port list is typed into prose. */
import type { Model, NetworkView } from '../domain/model.ts';
import { conditionText } from '../domain/conditions.ts';
import type { Deviation, PreflightCheck } from '../domain/schema.ts';
import { isNetwork } from '../domain/model.ts';
import { ROLES, type Role } from '../domain/enums.ts';
import { endpointUrl, portUrl } from '../domain/urls.ts';
import { firewallPlan, type Source } from '../firewall/plan.ts';

/** The exact message k8sd prints for one port taken: `port 10250 (needed by: kubelet) is already in use`. */
export function preflightMessage(model: Model, port: number, key: string): string {
  return model.ref.preflightMessages.clash.replace('{port}', String(port)).replace('{key}', key);
}

/** The whole error for a stage, around the clashes (k8sd joins several with newlines). */
export function preflightError(model: Model, stage: string, clashes: string[]): string {
  const { wrapper, stages } = model.ref.preflightMessages;
  const prefix = stages.find((s) => s.stage === stage)?.prefix ?? stages[0]!.prefix;
  return `${prefix}: ${wrapper.replace('{errors}', clashes.join('\n'))}`;
}

/** The network endpoints a release documents, whatever the options, with their availability. */
function documentedNetwork(model: Model, releaseId: string) {
  return model
    .documentedIn(releaseId)
    .flatMap(({ endpoint, availability }) =>
      isNetwork(endpoint) ? [{ endpoint, availability }] : [],
    );
}

export interface PreflightRow {
  check: PreflightCheck;
  message: string;
  /** When it is tested: the cluster options it depends on. */
  condition?: string;
  /** What listens on the port afterwards on this role, if anything. */
  endpoint?: NetworkView;
}

/** What k8sd's pre-flight check tests on each role in a release, and what it leaves untested. */
export function preflightByRole(
  model: Model,
  releaseId: string,
): { role: Role; checks: PreflightRow[]; untested: NetworkView[] }[] {
  const documented = documentedNetwork(model, releaseId);
  return ROLES.map((role) => {
    const mine = documented.filter((x) => x.endpoint.roles.includes(role));
    const checks = model
      .checksIn(releaseId)
      .filter((c) => c.roles.includes(role) && c.port > 0)
      .map((check) => {
        const endpoint = mine.find(
          (x) => x.endpoint.port === check.port && x.endpoint.protocol === 'tcp',
        )?.endpoint;
        return {
          check,
          message: preflightMessage(model, check.port, check.key),
          ...(check.condition ? { condition: conditionText(check.condition) } : {}),
          ...(endpoint ? { endpoint } : {}),
        };
      })
      .sort((a, b) => a.check.port - b.check.port);
    const untested = mine
      .filter(
        (x) =>
          !checks.some((c) => c.check.port === x.endpoint.port) || x.endpoint.protocol !== 'tcp',
      )
      .map((x) => x.endpoint);
    return { role, checks, untested };
  });
}

/** Checks whose port is 0 on a release: run only when an option sets the port. */
export function dormantChecks(model: Model, releaseId: string): PreflightCheck[] {
  return model.checksIn(releaseId).filter((c) => c.port === 0);
}

/** Endpoints whose port a bootstrap option or annotation can change. */
export function configurable(
  model: Model,
): (NetworkView & { option: { type: string; name: string } })[] {
  return model.network.flatMap((e) => (e.option ? [{ ...e, option: e.option }] : []));
}

/**
 * Pre-flight checks whose port an option sets but where nothing of ours listens (the BGP peer
 * port): one row per key and port, with the releases that test it there.
 */
export function configurableChecks(model: Model): (PreflightCheck & { option: string })[] {
  const listening = new Set(configurable(model).map((e) => e.port));
  return model.checks.flatMap((c) =>
    c.option && c.port > 0 && !listening.has(c.port) ? [{ ...c, option: c.option }] : [],
  );
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

const DOCUMENT: Record<Deviation['document'], string> = {
  'ports-reference': "Upstream's ports-and-services page",
  'ufw-howto': "Upstream's UFW how-to",
  'preflight-checks': "k8sd's pre-flight check",
};

/** A declared deviation in words: what upstream says, what this site says. */
export function describeDeviation(model: Model, d: Deviation): string {
  return `${DOCUMENT[d.document]} (${model.releaseRange(d)}) says ${d.upstream}; this site says ${d.ours}.`;
}

/** Every declared deviation from an upstream document, linked to the port it concerns. */
export function deviationList(model: Model) {
  return model.ref.deviations.map((d) => {
    const endpoint = model.network.find((e) => e.port === d.port && e.protocol === d.protocol);
    return {
      port: d.port,
      where: `${endpoint?.where ?? d.port}/${d.protocol}`,
      url: endpoint ? endpointUrl(endpoint) : portUrl(d.port),
      text: describeDeviation(model, d),
      reason: d.reason,
    };
  });
}

/** The checks that differ between releases: another default port, or only some releases. */
export function checkHistory(model: Model): { key: string; text: string }[] {
  const keys = [...new Set(model.checks.map((c) => c.key))];
  return keys.flatMap((key) => {
    const entries = model.checks.filter((c) => c.key === key);
    const everywhere =
      entries.length === 1 && model.releasesOf(entries[0]!).length === model.releases.length;
    if (everywhere) return [];
    const parts = entries.map(
      (c) =>
        `${c.port === 0 ? 'port 0 (not tested unless an option sets one)' : c.port} on ${model.releaseRange(c)}`,
    );
    return [{ key, text: `${parts.join('; ')}${entries.length === 1 ? ' only' : ''}` }];
  });
}
