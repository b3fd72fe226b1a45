/** The facts list of an endpoint on its port page, in words. Build time only. */
import { model } from '../domain/data.ts';
import { conditionText, type NetworkView } from '../domain/model.ts';
import { BIND_LABEL, REACHABLE_LABEL, rolesLabel } from '../domain/labels.ts';
import { listedForms } from '../domain/process.ts';
import type { Source } from '../domain/schema.ts';
import { describeDeviation } from './guides.ts';

/** Where this site differs from an upstream document about this endpoint, and why. */
export function deviationsOf(e: NetworkView): { text: string; reason: string }[] {
  return model.ref.deviations
    .filter((d) => d.port === e.port && d.protocol === e.protocol)
    .map((d) => ({ text: describeDeviation(model, d), reason: d.reason }));
}

export function endpointFacts(e: NetworkView) {
  const service = model.service(e.service);
  const roles = rolesLabel(e.roles, ' nodes');
  return {
    service,
    alsoBinds: e.extraBinds.map((b) => BIND_LABEL[b]),
    overrides: e.overrides.map((o) => `${BIND_LABEL[o.bind]} ${conditionText(o.condition)}`),
    nodes:
      e.placement === 'one-node'
        ? `one node, chosen by the scheduler among ${e.roles.length > 1 ? 'all nodes' : roles}`
        : e.roles.length > 1
          ? 'control plane and worker'
          : roles,
    releases: `${model.releaseRange(e)}${e.condition ? `, ${conditionText(e.condition)}` : ''}`,
    reach: `${REACHABLE_LABEL[e.reachableFrom]}${e.optIn ? ', when you use NodePort or LoadBalancer Services' : ''}`,
    preflight: e.checks.length
      ? `Tested as ${e.checks.join(', ')} (see above): k8sd refuses to bootstrap or join while any process listens on this port, at any address.`
      : 'Not tested by k8sd before bootstrap or join.',
    process: e.kernelOwned
      ? 'none: the kernel owns this socket'
      : !e.inListings
        ? 'none: these are packet rules in the kernel, not a socket'
        : undefined,
    names: service.processNames,
    forms: [
      ...new Set(
        service.processNames.flatMap((n) =>
          listedForms(n)
            .filter((f) => f.shown !== n && !service.processNames.includes(f.shown))
            .map((f) => `${f.shown} (${f.tool})`),
        ),
      ),
    ],
    sources: e.sources.map((s) => model.source(s)),
    deviations: deviationsOf(e),
  };
}

/**
 * Where a source was read, repository by repository: `canonical/k8s-snap release-1.32,
 * release-1.35; canonical/k8sd main`. The per-release versions say it when there are any.
 */
export function sourceWhere(s: Source): string {
  const byRepo = new Map<string, string[]>();
  const reads = s.versions.length ? s.versions : s.refs.map((ref) => ({ repo: s.repo, ref }));
  for (const { repo, ref } of reads) {
    const refs = byRepo.get(repo) ?? [];
    if (!refs.includes(ref)) refs.push(ref);
    byRepo.set(repo, refs);
  }
  return [...byRepo].map(([repo, refs]) => `${repo} ${refs.join(', ')}`).join('; ');
}
