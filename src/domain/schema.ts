/**
 * The shape of `data/reference.json`, the one source of truth for every page, export,
 * checker rule and test. Zod checks each field here; `validateReference` (validate.ts) then
 * checks what a field-by-field schema cannot see (references between entries, uniqueness).
 */
import { z } from 'astro/zod';

import {
  BINDS,
  DATASTORES,
  OPTION_TYPES,
  PURPOSES,
  REACHABLE_FROM,
  ROLES,
  RUNS_AS,
  SERVICE_KINDS,
  TRANSPORTS,
} from './enums.ts';

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
  kind: z.enum(SERVICE_KINDS),
  /** Full process names, as the kernel and `ps` know them (listing tools may truncate them). */
  processNames: z.array(nonEmpty).min(1),
  /** A snap service (systemd unit) or a pod managed by Kubernetes. */
  runsAs: z.enum(RUNS_AS),
  /** What to look at when it is down: the systemd unit or the workload. */
  unit: nonEmpty,
  /** Upstream documentation. */
  upstream: z.url(),
  /** What the service is, in a few sentences. */
  description: nonEmpty,
});

const port = z
  .number()
  .int()
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** Fields every endpoint has, whether it is a network port or a unix socket. */
const endpointFields = {
  /** Service id. */
  service: nonEmpty,
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
  /** Whether k8sd's bootstrap/join pre-flight check tries to listen on it. */
  preflight: z.boolean(),
  /** Which hosts must be able to connect. */
  reachableFrom: z.enum(REACHABLE_FROM),
  /** A one-word grouping used by filters. */
  purpose: z.enum(PURPOSES),
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
};

/** A TCP or UDP port that a service listens on. */
export const NetworkEndpointSchema = z
  .object({
    ...endpointFields,
    /** Transport protocol. */
    protocol: z.enum(TRANSPORTS),
    /** Port number. */
    port,
    /** Interface the listener binds: loopback, the default-route address, or all interfaces. */
    bind: z.enum(BINDS),
    /** The bootstrap option or annotation that changes the port. */
    option: z.object({ type: z.enum(OPTION_TYPES), name: nonEmpty }).optional(),
    /** The socket belongs to the kernel, so listings never show a process. @default false */
    kernelOwned: z.boolean().default(false),
  })
  .strict();

/** A unix socket: no port, no interface, no firewall. */
export const SocketEndpointSchema = z
  .object({
    ...endpointFields,
    protocol: z.literal('unix'),
    /** Socket path, `unix://…`. */
    socket: z.string().startsWith('unix://'),
  })
  .strict();

export const EndpointSchema = z.discriminatedUnion('protocol', [
  NetworkEndpointSchema,
  SocketEndpointSchema,
]);

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

export type Source = z.infer<typeof SourceSchema>;
export type Release = z.infer<typeof ReleaseSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type NetworkEndpoint = z.infer<typeof NetworkEndpointSchema>;
export type SocketEndpoint = z.infer<typeof SocketEndpointSchema>;
export type Endpoint = z.infer<typeof EndpointSchema>;
export type Reference = z.infer<typeof ReferenceSchema>;
