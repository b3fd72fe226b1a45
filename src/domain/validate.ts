/**
 * Parses the reference data with the schema, then checks what a field-by-field schema cannot
 * see: references between entries, uniqueness, and facts that must agree. Every problem names
 * its entry and field, so a bad edit fails the build with a usable message.
 */
import { ReferenceSchema, type Reference } from './schema.ts';

export class ReferenceDataError extends Error {
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`Invalid data in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ReferenceDataError';
    this.problems = problems;
  }
}

/** Names an entry the way a person editing the file would look for it. */
function describeEntry(raw: unknown, path: readonly PropertyKey[]): string {
  const [section, index] = path;
  if (typeof section !== 'string' || typeof index !== 'number')
    return String(section ?? 'top level');
  const entry = (raw as Record<string, unknown[]>)[section]?.[index] as
    Record<string, unknown> | undefined;
  if (!entry || typeof entry !== 'object') return `${section}[${index}]`;
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
  if (section === 'endpoints') {
    const where = text(entry.port ?? entry.socket);
    return `endpoints[${index}] (${text(entry.protocol)}/${where} ${text(entry.service)})`;
  }
  return `${section}[${index}] (${text(entry.id ?? entry.version)})`;
}

function fieldOf(path: readonly PropertyKey[]): string {
  const rest = path.slice(2).map(String).join('.');
  return rest || (typeof path[1] === 'number' ? '(entry)' : String(path[1] ?? '(root)'));
}

export function releaseIndex(releases: readonly { id: string }[], id: string): number {
  return releases.findIndex((r) => r.id === id);
}

/** Parses and cross-checks the reference data; throws a ReferenceDataError naming every problem. */
export function validateReference(raw: unknown, file = 'data/reference.json'): Reference {
  const parsed = ReferenceSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) =>
        `${describeEntry(raw, issue.path)}, field "${fieldOf(issue.path)}": ${issue.message}`,
    );
    throw new ReferenceDataError(file, problems);
  }
  const data = parsed.data;
  const problems: string[] = [];
  const at = (i: number) => describeEntry(raw, ['endpoints', i]);
  const sourceIds = new Set(data.sources.map((s) => s.id));
  const serviceIds = new Set(data.services.map((s) => s.id));

  const latest = data.releases.filter((r) => r.latest);
  if (latest.length !== 1)
    problems.push(
      `releases, field "latest": exactly one release must be the latest, found ${latest.length}`,
    );
  data.releases.forEach((r, i) => {
    if (!r.datastores.includes(r.defaultDatastore))
      problems.push(
        `releases[${i}] (${r.id}), field "defaultDatastore": "${r.defaultDatastore}" is not among its datastores`,
      );
    if (!r.kubeProxyReplacement.includes(r.defaultKubeProxyReplacement))
      problems.push(
        `releases[${i}] (${r.id}), field "defaultKubeProxyReplacement": not among its kubeProxyReplacement choices`,
      );
    r.sources.forEach((s) => {
      if (!sourceIds.has(s))
        problems.push(`releases[${i}] (${r.id}), field "sources": unknown source "${s}"`);
    });
  });
  const seen = new Map<string, number>();
  for (const [kind, list] of [
    ['releases', data.releases],
    ['services', data.services],
    ['sources', data.sources],
  ] as const) {
    seen.clear();
    list.forEach((item, i) => {
      const prev = seen.get(item.id);
      if (prev !== undefined)
        problems.push(`${kind}[${i}] (${item.id}), field "id": duplicate of ${kind}[${prev}]`);
      seen.set(item.id, i);
    });
  }

  const uniqueKeys = new Map<string, number>();
  data.endpoints.forEach((e, i) => {
    if (!serviceIds.has(e.service))
      problems.push(`${at(i)}, field "service": unknown service "${e.service}"`);
    const from = releaseIndex(data.releases, e.releases.from);
    const to = releaseIndex(data.releases, e.releases.to);
    if (from < 0)
      problems.push(`${at(i)}, field "releases.from": unknown release "${e.releases.from}"`);
    if (to < 0) problems.push(`${at(i)}, field "releases.to": unknown release "${e.releases.to}"`);
    if (from >= 0 && to >= 0 && from > to)
      problems.push(`${at(i)}, field "releases": "from" comes after "to"`);
    e.sources.forEach((s) => {
      if (!sourceIds.has(s)) problems.push(`${at(i)}, field "sources": unknown source "${s}"`);
    });
    if (e.protocol !== 'unix' && e.bind === 'localhost' && e.reachableFrom !== 'none')
      problems.push(
        `${at(i)}, field "reachableFrom": a localhost endpoint cannot be reached from "${e.reachableFrom}"`,
      );
    if (new Set(e.roles).size !== e.roles.length)
      problems.push(`${at(i)}, field "roles": a role is listed twice`);
    if (from < 0 || to < 0) return;
    const cond = JSON.stringify(e.condition ?? {});
    for (const role of e.roles) {
      for (let r = from; r <= to; r++) {
        const key = `${e.protocol === 'unix' ? e.socket : e.port}/${e.protocol} ${role} ${data.releases[r]!.id} ${cond}`;
        const prev = uniqueKeys.get(key);
        if (prev !== undefined && prev !== i) {
          problems.push(
            `${at(i)}, field "port": duplicate endpoint; ${at(prev)} already covers ${key}`,
          );
          return;
        }
        uniqueKeys.set(key, i);
      }
    }
  });
  if (problems.length) throw new ReferenceDataError(file, problems);
  return data;
}
