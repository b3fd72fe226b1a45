/**
 * The shape of `data/reference.json`, the one source of truth for every page, export,
 * checker rule and test. Zod checks each field here; `validateReference` (validate.ts) then
 * checks what a field-by-field schema cannot see (references between entries, uniqueness).
 * Endpoints, pre-flight checks and upstream records are in schema-entries.ts.
 */
import { z } from 'astro/zod';
import { isCidr } from './net.ts';
import { DATASTORES, PROFILES, RUNS_AS, SERVICE_KINDS, TRANSPORTS, BINDS } from './enums.ts';
import {
  DeviationSchema,
  EndpointSchema,
  nonEmpty,
  PreflightCheckSchema,
  PreflightMessagesSchema,
  releaseId,
  releaseRange,
  UfwRuleSchema,
} from './schema-entries.ts';

export * from './schema-entries.ts';

/** One upstream version of a source: the file a range of releases was read from. */
const SourceVersionSchema = z
  .object({
    /** The releases this version stands for. */
    releases: releaseRange,
    /** GitHub repository, `owner/name`. */
    repo: nonEmpty,
    /** File inside the repository. */
    path: nonEmpty,
    /** Branch or tag. */
    ref: nonEmpty,
    /** The commit that was read. */
    commit: z.string().regex(/^[0-9a-f]{12,40}$/, 'must be a commit hash'),
    /** The commit's date, `YYYY-MM-DD`. */
    date: z.iso.date(),
  })
  .strict();

export const SourceSchema = z
  .object({
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
    /** The commit each release was read from, where upstream keeps one per release. @default [] */
    versions: z.array(SourceVersionSchema).default([]),
  })
  .strict();

const cidr = nonEmpty.refine(
  (text) => isCidr(text) && text.includes('/'),
  'must be a CIDR such as 10.1.0.0/16',
);

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
  /** Configuration profiles the release ships (`disa-stig` from 1.34). */
  profiles: z.array(z.enum(PROFILES)).min(1),
  /** The profile of a cluster bootstrapped without one. */
  defaultProfile: z.enum(PROFILES),
  /** The pod range of a cluster bootstrapped without one (k8sd's cluster_config_defaults.go). */
  defaultPodCidr: cidr,
  /** The service range of a cluster bootstrapped without one. */
  defaultServiceCidr: cidr,
  /** Release notes that change what listens. */
  notes: z.array(nonEmpty).default([]),
  /** Source ids. */
  sources: z.array(z.string()).min(1),
});

/** A listener with no fixed port, such as containerd's CRI stream server on a random one. */
const UnnumberedSchema = z
  .object({
    protocol: z.enum(TRANSPORTS),
    /** Interface it binds. */
    bind: z.enum(BINDS),
    /** What it is, in our own words. */
    description: nonEmpty,
    /** Source ids. */
    sources: z.array(z.string()).min(1),
  })
  .strict();

export const ServiceSchema = z.object({
  /** URL slug: `/services/<id>/`. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  /** Display name. */
  name: nonEmpty,
  /** Other names that upstream tables or tools use. @default [] */
  aliases: z.array(nonEmpty).default([]),
  /** What part of the system it is. */
  kind: z.enum(SERVICE_KINDS),
  /** Full process names, as the kernel and `ps` know them; none for kernel rules. */
  processNames: z.array(nonEmpty),
  /** A snap service (systemd unit), a pod managed by Kubernetes, or rules in the kernel. */
  runsAs: z.enum(RUNS_AS),
  /** What to look at when it is down: the systemd unit or the workload. */
  unit: nonEmpty,
  /** Upstream documentation. */
  upstream: z.url(),
  /** What the service is, in a few sentences. */
  description: nonEmpty,
  /** Listeners on ports the kernel picks. @default [] */
  unnumbered: z.array(UnnumberedSchema).default([]),
});

/** What in a paste marks another Kubernetes distribution on the node: a process, a port, or both. */
const SignalSchema = z
  .object({
    process: nonEmpty.optional(),
    port: z.number().int().min(1).max(65535).optional(),
  })
  .strict()
  .refine((s) => s.process !== undefined || s.port !== undefined, 'needs a process or a port');

/**
 * Other software that commonly holds Canonical Kubernetes' ports, and what to do about it. An
 * owner is named from process names, image names in docker and compose input, or device names;
 * never from a port number alone.
 */
export const OwnerSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and hyphens'),
    name: nonEmpty,
    /** Process names as listings show them; a trailing `*` matches any suffix (`php-fpm*`). */
    processes: z.array(nonEmpty).default([]),
    /** Image repositories (`minio/minio`), or one-word names matching the last path segment. */
    images: z.array(nonEmpty).default([]),
    /** Network device names (`ip -d link`); a trailing `*` matches any suffix (`ftun*`). */
    devices: z.array(nonEmpty).default([]),
    /** A Kubernetes distribution: the report adds one note when the paste shows its signals. */
    distribution: z.boolean().default(false),
    signals: z.array(SignalSchema).default([]),
    /** What to do, in plain text; `{port}` is replaced by the port that clashes. */
    remedy: nonEmpty,
    /** Where the remedy and the default port are documented. */
    url: z.url(),
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
  /** k8sd's pre-flight port check, one entry per map key and release range. */
  preflight: z.array(PreflightCheckSchema).min(1),
  /** The messages the pre-flight check prints. */
  preflightMessages: PreflightMessagesSchema,
  /** What the upstream UFW how-to opens, per release branch. */
  ufwHowto: z.array(UfwRuleSchema),
  /** Where this data differs from upstream's documents on purpose, and why. */
  deviations: z.array(DeviationSchema),
  /** Other software that commonly holds these ports. */
  owners: z.array(OwnerSchema).default([]),
});

/** The service definitions a firewalld package ships, resolved to ports (data/firewalld-services.json). */
export const FirewalldCatalogSchema = z
  .object({
    package: nonEmpty,
    version: nonEmpty,
    distribution: nonEmpty,
    path: nonEmpty,
    read: z.iso.date(),
    services: z.record(
      z.string().regex(/^[\w.+-]+$/, 'is not a firewalld service name'),
      z.array(z.string().regex(/^\d+(-\d+)?\/(tcp|udp|sctp|dccp)$/, 'must look like 6443/tcp')),
    ),
  })
  .strict();

export type Source = z.infer<typeof SourceSchema>;
export type Release = z.infer<typeof ReleaseSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;
export type Owner = z.infer<typeof OwnerSchema>;
export type FirewalldCatalog = z.infer<typeof FirewalldCatalogSchema>;
