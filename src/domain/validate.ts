/**
 * Parses the reference data with the schema, then checks what a field-by-field schema cannot
 * see: references between entries, uniqueness, and facts that must agree. Every problem names
 * its entry and field, so a bad edit fails the build with a usable message.
 */
import {
  FirewalldCatalogSchema,
  ReferenceSchema,
  type FirewalldCatalog,
  type Reference,
} from './schema.ts';
import { PORT_OPTIONS } from './ports.ts';

export class ReferenceDataError extends Error {
  declare readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`Invalid data in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ReferenceDataError';
    // The message is the whole report: no stack trace (the code's place says nothing about the
    // data), and the list is not repeated as a property when Node prints the error.
    this.stack = `${this.name}: ${this.message}`;
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
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
  if (section === 'preflight') return `preflight[${index}] (${text(entry.key)})`;
  if (section === 'ufwHowto' || section === 'deviations')
    return `${section}[${index}] (${text(entry.port)}/${text(entry.protocol)})`;
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
  const sourceIds = new Set(data.sources.map((s) => s.id));
  const serviceIds = new Set(data.services.map((s) => s.id));
  const entry = (section: string, i: number) => describeEntry(raw, [section, i]);
  const complain = (section: string, i: number, field: string, message: string) =>
    problems.push(`${entry(section, i)}, field "${field}": ${message}`);
  const checkSources = (section: string, i: number, ids: readonly string[], field = 'sources') =>
    ids.forEach((s) => {
      if (!sourceIds.has(s)) complain(section, i, field, `unknown source "${s}"`);
    });
  /** The release indexes a range covers, or undefined (after complaining) when it is not valid. */
  const span = (
    section: string,
    i: number,
    r: { from: string; to: string },
    field = 'releases',
  ) => {
    const from = releaseIndex(data.releases, r.from);
    const to = releaseIndex(data.releases, r.to);
    if (from < 0) complain(section, i, `${field}.from`, `unknown release "${r.from}"`);
    if (to < 0) complain(section, i, `${field}.to`, `unknown release "${r.to}"`);
    if (from >= 0 && to >= 0 && from > to) complain(section, i, field, '"from" comes after "to"');
    return from >= 0 && to >= 0 && from <= to ? { from, to } : undefined;
  };

  const latest = data.releases.filter((r) => r.latest);
  if (latest.length !== 1)
    problems.push(
      `releases, field "latest": exactly one release must be the latest, found ${latest.length}`,
    );
  data.releases.forEach((r, i) => {
    const defaults = [
      ['defaultDatastore', r.datastores.includes(r.defaultDatastore)],
      [
        'defaultKubeProxyReplacement',
        r.kubeProxyReplacement.includes(r.defaultKubeProxyReplacement),
      ],
      ['defaultProfile', r.profiles.includes(r.defaultProfile)],
    ] as const;
    for (const [field, ok] of defaults)
      if (!ok) complain('releases', i, field, 'is not among the choices the release offers');
    checkSources('releases', i, r.sources);
  });
  for (const [kind, list] of [
    ['releases', data.releases],
    ['services', data.services],
    ['sources', data.sources],
  ] as const) {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const prev = seen.get(item.id);
      if (prev !== undefined) complain(kind, i, 'id', `duplicate of ${kind}[${prev}]`);
      seen.set(item.id, i);
    });
  }
  data.sources.forEach((s, i) =>
    s.versions.forEach((v, j) => span('sources', i, v.releases, `versions.${j}.releases`)),
  );
  data.services.forEach((s, i) => {
    if (s.runsAs !== 'kernel' && !s.processNames.length)
      complain(
        'services',
        i,
        'processNames',
        'only kernel rules (runsAs "kernel") have no process',
      );
    s.unnumbered.forEach((u, j) =>
      checkSources('services', i, u.sources, `unnumbered.${j}.sources`),
    );
  });

  const uniqueKeys = new Map<string, number>();
  data.endpoints.forEach((e, i) => {
    if (!serviceIds.has(e.service))
      complain('endpoints', i, 'service', `unknown service "${e.service}"`);
    const range = span('endpoints', i, e.releases);
    checkSources('endpoints', i, e.sources);
    if (new Set(e.roles).size !== e.roles.length)
      complain('endpoints', i, 'roles', 'a role is listed twice');
    if (e.protocol !== 'unix') {
      if (e.bind === 'localhost' && e.reachableFrom !== 'none')
        complain(
          'endpoints',
          i,
          'reachableFrom',
          `a localhost endpoint cannot be reached from "${e.reachableFrom}"`,
        );
      if (e.endPort !== undefined && e.endPort <= e.port)
        complain('endpoints', i, 'endPort', 'must come after "port"');
      if (e.extraBinds.includes(e.bind))
        complain('endpoints', i, 'extraBinds', `repeats the main bind "${e.bind}"`);
      e.overrides.forEach((o, j) => {
        checkSources('endpoints', i, o.sources, `overrides.${j}.sources`);
        if (o.bind === 'localhost' && o.reachableFrom !== 'none')
          complain(
            'endpoints',
            i,
            `overrides.${j}.reachableFrom`,
            'a localhost bind cannot be reached from other hosts',
          );
      });
    }
    if (!range) return;
    const cond = JSON.stringify(e.condition ?? {});
    const where = e.protocol === 'unix' ? e.socket : `${e.port}${e.endPort ? `-${e.endPort}` : ''}`;
    for (const role of e.roles) {
      for (let r = range.from; r <= range.to; r++) {
        const key = `${where}/${e.protocol} ${role} ${data.releases[r]!.id} ${cond}`;
        const prev = uniqueKeys.get(key);
        if (prev !== undefined && prev !== i) {
          complain(
            'endpoints',
            i,
            'port',
            `duplicate endpoint; ${entry('endpoints', prev)} already covers ${key}`,
          );
          return;
        }
        uniqueKeys.set(key, i);
      }
    }
  });

  const checkKeys = new Map<string, number>();
  data.preflight.forEach((c, i) => {
    const range = span('preflight', i, c.releases);
    checkSources('preflight', i, c.sources);
    if (c.option !== undefined && !PORT_OPTIONS.includes(c.option as (typeof PORT_OPTIONS)[number]))
      complain(
        'preflight',
        i,
        'option',
        `unknown option "${c.option}"; known: ${PORT_OPTIONS.join(', ')}`,
      );
    if (c.port === 0 && c.option === undefined)
      complain(
        'preflight',
        i,
        'port',
        'a check of port 0 is never run unless an option sets the port',
      );
    for (let r = range?.from ?? 0; range && r <= range.to; r++)
      for (const role of c.roles) {
        const key = `${c.key} ${role} ${data.releases[r]!.id}`;
        const prev = checkKeys.get(key);
        if (prev !== undefined)
          complain(
            'preflight',
            i,
            'key',
            `duplicate check; preflight[${prev}] already covers ${key}`,
          );
        checkKeys.set(key, i);
      }
  });
  data.ufwHowto.forEach((u, i) => span('ufwHowto', i, u.releases));
  data.deviations.forEach((d, i) => span('deviations', i, d.releases));
  const ownerIds = new Map<string, number>();
  data.owners.forEach((o, i) => {
    const prev = ownerIds.get(o.id);
    if (prev !== undefined) complain('owners', i, 'id', `duplicate id; owners[${prev}] has it`);
    ownerIds.set(o.id, i);
    if (!o.processes.length && !o.images.length && !o.devices.length && !o.signals.length)
      complain('owners', i, 'processes', 'an owner needs processes, images or signals');
    if (o.distribution && !o.signals.length)
      complain('owners', i, 'signals', 'a distribution needs signals');
  });
  if (problems.length) throw new ReferenceDataError(file, problems);
  return data;
}

/** Parses the firewalld service catalog; throws a ReferenceDataError naming every problem. */
export function validateFirewalld(
  raw: unknown,
  file = 'data/firewalld-services.json',
): FirewalldCatalog {
  const parsed = FirewalldCatalogSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ReferenceDataError(
    file,
    parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    ),
  );
}
