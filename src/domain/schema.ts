/**
 * The shape of `data/reference.json`, the one source of truth for every page, export,
 * checker rule and test. Zod checks each field; `validateReference` then checks what a
 * field-by-field schema cannot see (references between entries, uniqueness).
 */
import { z } from 'astro/zod';

export const ROLES = ['control-plane', 'worker'] as const;
export const BINDS = ['localhost', 'default', '*'] as const;
export const PROTOCOLS = ['tcp', 'udp', 'unix'] as const;
export const DATASTORES = ['etcd', 'k8s-dqlite'] as const;
/** Ordered from narrowest to widest: each value includes the hosts of the ones before it. */
export const REACHABLE_FROM = ['none', 'control-plane', 'nodes', 'clients'] as const;

const releaseId = z.string().regex(/^1\.\d{2}$/, 'must look like "1.36"');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const SourceSchema = z.object({
  /** Short key that endpoints and releases use to cite this source. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  /** Human title of the document. */
  title: nonEmpty,
  /** GitHub repository, `owner/name`. */
  repo: nonEmpty,
  /** File or folder inside the repository. */
  path: nonEmpty,
  /** Branches or tags that were read. */
  refs: z.array(nonEmpty).min(1),
  /** Where a reader can open it. */
  url: z.url(),
  /** The date the source was read, `YYYY-MM-DD`. */
  read: z.iso.date(),
});

export const ReleaseSchema = z.object({
  /** Kubernetes minor version, such as `1.36`. */
  id: releaseId,
  /** Exactly one release is the latest. @default false */
  latest: z.boolean().default(false),
  /** Datastores a cluster of this release can run. */
  datastores: z.array(z.enum(DATASTORES)).min(1),
  /** Datastore of a newly bootstrapped cluster. */
  defaultDatastore: z.enum(DATASTORES),
  /** Whether kube-proxy replacement can be on (`true`), off (`false`), or both. */
  kubeProxyReplacement: z.array(z.boolean()).min(1),
  /** kube-proxy replacement on a newly bootstrapped cluster. */
  defaultKubeProxyReplacement: z.boolean(),
  /** Release notes that change what listens. */
  notes: z.array(nonEmpty).default([]),
  /** Source ids. */
  sources: z.array(z.string()).min(1),
});

export const ServiceSchema = z.object({
  /** URL slug: `/services/<id>/`. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  /** Display name. */
  name: nonEmpty,
  /** Other names that upstream tables or tools use. @default [] */
  aliases: z.array(nonEmpty).default([]),
  /** What part of the system it is. */
  kind: z.enum([
    'network',
    'management',
    'control-plane',
    'worker',
    'datastore',
    'node',
    'runtime',
  ]),
  /** Full process names, as the kernel and `ps` know them (listing tools may truncate them). */
  processNames: z.array(nonEmpty).min(1),
  /** A snap service (systemd unit) or a pod managed by Kubernetes. */
  runsAs: z.enum(['snap', 'pod']),
  /** What to look at when it is down: the systemd unit or the workload. */
  unit: nonEmpty,
  /** Upstream documentation. */
  upstream: z.url(),
  /** What the service is, in a few sentences. */
  description: nonEmpty,
});

export const EndpointSchema = z
  .object({
    /** Service id. */
    service: nonEmpty,
    /** Port number; absent for a unix socket. */
    port: z
      .number()
      .int()
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .optional(),
    /** Socket path (`unix://…`) for protocol `unix`. */
    socket: z.string().startsWith('unix://').optional(),
    /** Transport protocol. */
    protocol: z.enum(PROTOCOLS),
    /** Interface the listener binds: loopback, the default-route address, or all interfaces. */
    bind: z.enum(BINDS).optional(),
    /** Node roles that run it. */
    roles: z.array(z.enum(ROLES)).min(1),
    /** Releases that document it, inclusive. */
    releases: z.object({ from: releaseId, to: releaseId }),
    /** Cluster options that must hold for it to exist. */
    condition: z
      .object({
        datastore: z.enum(DATASTORES).optional(),
        kubeProxyReplacement: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** The bootstrap option or annotation that changes the port. */
    option: z.object({ type: z.enum(['bootstrap', 'annotation']), name: nonEmpty }).optional(),
    /** Whether k8sd's bootstrap/join pre-flight check tries to listen on it. */
    preflight: z.boolean(),
    /** The socket belongs to the kernel, so listings never show a process. @default false */
    kernelOwned: z.boolean().default(false),
    /** Which hosts must be able to connect. */
    reachableFrom: z.enum(REACHABLE_FROM),
    /** A one-word grouping used by filters. */
    purpose: z.enum([
      'api',
      'health',
      'metrics',
      'debug',
      'management',
      'datastore',
      'observability',
      'overlay',
      'runtime',
    ]),
    /** What it is for, in our own words. */
    description: nonEmpty,
    /** Authentication, encryption and exposure. */
    security: nonEmpty,
    /** What breaks when it is blocked by a firewall or taken by another process. */
    ifBlocked: nonEmpty,
    /** Where upstream documents disagree with each other or with this site. */
    discrepancy: nonEmpty.optional(),
    /** Upstream wording that is wrong, and why. */
    upstreamWording: nonEmpty.optional(),
    /** Source ids. */
    sources: z.array(z.string()).min(1),
  })
  .strict();

export const ReferenceSchema = z.object({
  $schema: z.string().optional(),
  meta: z.object({
    /** Version of this data set; bump it with every change and add a changelog entry. */
    dataVersion: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'must look like 2026.11.1'),
    /** When the upstream sources were last read. */
    upstreamRead: z.iso.date(),
    product: nonEmpty,
  }),
  changelog: z
    .array(z.object({ version: nonEmpty, date: z.iso.date(), changes: z.array(nonEmpty).min(1) }))
    .min(1),
  sources: z.array(SourceSchema).min(1),
  releases: z.array(ReleaseSchema).min(1),
  services: z.array(ServiceSchema).min(1),
  endpoints: z.array(EndpointSchema).min(1),
});

export type Role = (typeof ROLES)[number];
export type Bind = (typeof BINDS)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type Datastore = (typeof DATASTORES)[number];
export type ReachableFrom = (typeof REACHABLE_FROM)[number];
export type Source = z.infer<typeof SourceSchema>;
export type Release = z.infer<typeof ReleaseSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type Endpoint = z.infer<typeof EndpointSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;

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
  if (section === 'endpoints') {
    const where = entry.port ?? entry.socket ?? '?';
    return `endpoints[${index}] (${String(entry.protocol ?? '?')}/${String(where)} ${String(entry.service ?? '?')})`;
  }
  return `${section}[${index}] (${String(entry.id ?? entry.version ?? '?')})`;
}

function fieldOf(path: readonly PropertyKey[]): string {
  const rest = path.slice(2).map(String).join('.');
  return rest || (typeof path[1] === 'number' ? '(entry)' : String(path[1] ?? '(root)'));
}

export function releaseIndex(releases: readonly { id: string }[], id: string): number {
  return releases.findIndex((r) => r.id === id);
}

/**
 * Parses and cross-checks the reference data. Throws a ReferenceDataError that names
 * every faulty entry and field, so a bad edit fails the build with a usable message.
 */
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
    if (e.protocol === 'unix') {
      if (!e.socket) problems.push(`${at(i)}, field "socket": a unix endpoint needs a socket path`);
      if (e.port !== undefined)
        problems.push(`${at(i)}, field "port": a unix endpoint has no port`);
    } else {
      if (e.port === undefined)
        problems.push(`${at(i)}, field "port": a ${e.protocol} endpoint needs a port`);
      if (!e.bind)
        problems.push(`${at(i)}, field "bind": a ${e.protocol} endpoint needs a bind interface`);
    }
    if (e.bind === 'localhost' && e.reachableFrom !== 'none')
      problems.push(
        `${at(i)}, field "reachableFrom": a localhost endpoint cannot be reached from "${e.reachableFrom}"`,
      );
    if (new Set(e.roles).size !== e.roles.length)
      problems.push(`${at(i)}, field "roles": a role is listed twice`);
    if (from < 0 || to < 0) return;
    const cond = JSON.stringify(e.condition ?? {});
    for (const role of e.roles) {
      for (let r = from; r <= to; r++) {
        const key = `${e.port ?? e.socket}/${e.protocol} ${role} ${data.releases[r]!.id} ${cond}`;
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
