/**
 * The data as browser scripts get it: the checker's worker and the firewall generator judge and
 * generate from ports, binds, roles, releases, conditions and checks, never from prose. The prose
 * (descriptions, security notes, the changelog, source titles, deviations) stays on the pages,
 * which are built from the full data. A unit test holds the checker and the firewall output to
 * being the same with either.
 */
import type { Reference } from './schema.ts';

export function slimReference(ref: Reference): Reference {
  return {
    ...ref,
    changelog: [],
    deviations: [],
    sources: ref.sources.map((s) => ({
      ...s,
      title: '',
      repo: '',
      path: '',
      refs: [],
      url: '',
      versions: [],
    })),
    releases: ref.releases.map((r) => ({ ...r, notes: [] })),
    services: ref.services.map((s) => ({ ...s, description: '', upstream: '' })),
    endpoints: ref.endpoints.map((e) => ({ ...e, description: '', security: '', ifBlocked: '' })),
  };
}
