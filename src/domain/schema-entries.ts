/**
 * The entries of `data/reference.json` that describe ports: endpoints, k8sd's pre-flight checks,
 * the upstream UFW how-to's rules, and declared deviations from upstream. See schema.ts.
 */
import { z } from 'astro/zod';
import {
  BINDS,
  DATASTORES,
  DEVIATION_FIELDS,
  OPTION_TYPES,
  PLACEMENTS,
  PROFILES,
  PURPOSES,
  REACHABLE_FROM,
  ROLES,
  TRANSPORTS,
  UPSTREAM_DOCUMENTS,
} from './enums.ts';

export const releaseId = z.string().regex(/^1\.\d{2}$/, 'must look like "1.36"');
export const nonEmpty = z.string().trim().min(1, 'must not be empty');
export const releaseRange = z.object({ from: releaseId, to: releaseId }).strict();
const port = z
  .number()
  .int()
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');
const roles = z.array(z.enum(ROLES)).min(1);
const sources = z.array(z.string()).min(1);

/** Cluster options that must hold. Each key is an option of the node field table. */
export const ConditionSchema = z
  .object({
    datastore: z.enum(DATASTORES).optional(),
    kubeProxyReplacement: z.boolean().optional(),
    loadBalancer: z.boolean().optional(),
    profile: z.enum(PROFILES).optional(),
  })
  .strict();

/** Fields every endpoint has, whether it is a network port or a unix socket. */
const endpointFields = {
  /** Service id. */
  service: nonEmpty,
  /** Node roles that run it (with placement `one-node`: the roles it may land on). */
  roles,
  /** Releases that document it, inclusive. */
  releases: releaseRange,
  /** Cluster options that must hold for it to exist. */
  condition: ConditionSchema.optional(),
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
  /** Where upstream documents disagree with each other or with this site, in words. */
  discrepancy: nonEmpty.optional(),
  /** Upstream wording that is wrong, and why. */
  upstreamWording: nonEmpty.optional(),
  /** Source ids. */
  sources,
};

/** A different bind under some cluster options (the DISA STIG profile binds to 127.0.0.1). */
const OverrideSchema = z
  .object({
    condition: ConditionSchema,
    bind: z.enum(BINDS),
    reachableFrom: z.enum(REACHABLE_FROM),
    sources,
  })
  .strict();

/** A TCP or UDP port, or range of ports, that a service listens on or the kernel serves. */
export const NetworkEndpointSchema = z
  .object({
    ...endpointFields,
    /** Transport protocol. */
    protocol: z.enum(TRANSPORTS),
    /** Port number; the first of a range. */
    port,
    /** The last port of a range, inclusive. */
    endPort: port.optional(),
    /** Interface the listener binds: loopback, the default-route address, or all interfaces. */
    bind: z.enum(BINDS),
    /** Interfaces it binds as well as `bind`. @default [] */
    extraBinds: z.array(z.enum(BINDS)).default([]),
    /** Binds that differ under some options. @default [] */
    overrides: z.array(OverrideSchema).default([]),
    /** `one-node`: a single replica the scheduler places on any node of `roles`. @default every-node */
    placement: z.enum(PLACEMENTS).default('every-node'),
    /** The bootstrap option or annotation that changes the port. */
    option: z
      .object({ type: z.enum(OPTION_TYPES), name: nonEmpty })
      .strict()
      .optional(),
    /** The socket belongs to the kernel, so listings never show a process. @default false */
    kernelOwned: z.boolean().default(false),
    /** The network device that owns a kernel socket, as `ip -d link` names it (`cilium_vxlan`). */
    device: nonEmpty.optional(),
    /** Whether socket listings show it at all; kernel rules (node ports) have no socket. @default true */
    inListings: z.boolean().default(true),
    /** Opened by firewall rules only on request, for those who use it (node ports). @default false */
    optIn: z.boolean().default(false),
    /** Serves Prometheus metrics: the firewall opens it to --monitoring-cidr, unless it binds localhost. @default false */
    metrics: z.boolean().default(false),
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

/** One key of the port map in k8sd's CheckK8sServicePorts, for a range of releases. */
export const PreflightCheckSchema = z
  .object({
    /** The map key, which its error message names: `port 10250 (needed by: kubelet)`. */
    key: nonEmpty,
    /** The default port it tests; 0 means not tested unless the option sets one. */
    port: z.number().int().min(0).max(65535),
    /** The node option that changes the port, from the node field table. */
    option: nonEmpty.optional(),
    /** Roles whose bootstrap or join tests it. */
    roles,
    releases: releaseRange,
    /** Cluster options under which it is tested. */
    condition: ConditionSchema.optional(),
    /** Why and when, in a sentence. */
    note: nonEmpty.optional(),
    sources,
  })
  .strict();

/** What k8sd prints when its pre-flight check finds ports taken. */
export const PreflightMessagesSchema = z
  .object({
    /** One clash; `{port}` and `{key}` are filled in. */
    clash: nonEmpty,
    /** The sentence around the list of clashes; `{errors}` is the list. */
    wrapper: nonEmpty,
    /** A port the check could not test; `{reason}` is the error it got. Read as a possible conflict. */
    couldNotCheck: nonEmpty,
    /** What each stage puts before it: k8sd's hooks, and the `k8s` CLI's own verification. */
    stages: z
      .array(
        z
          .object({
            stage: z.enum([
              'bootstrap',
              'join',
              'worker-join',
              'node',
              'cli-bootstrap',
              'cli-join',
            ]),
            prefix: nonEmpty,
          })
          .strict(),
      )
      .min(1),
    /** Earlier wordings of `clash` that people still paste, with the commits that bound them. */
    history: z
      .array(
        z
          .object({
            clash: nonEmpty,
            from: z.iso.date(),
            to: z.iso.date(),
            /** `owner/repo@sha (#PR)`: where the wording came in, and where it changed. */
            introduced: nonEmpty,
            changed: nonEmpty,
          })
          .strict(),
      )
      .default([]),
    sources,
  })
  .strict();

/** One `ufw allow` rule of the upstream UFW how-to. */
export const UfwRuleSchema = z
  .object({
    port,
    protocol: z.enum(TRANSPORTS),
    /** The how-to's section: all nodes, or control plane nodes only. */
    roles,
    releases: releaseRange,
    /** The tab it sits in (the datastore), if any. */
    condition: ConditionSchema.optional(),
  })
  .strict();

/** A difference from an upstream document that this site keeps on purpose. */
export const DeviationSchema = z
  .object({
    /** The upstream document. */
    document: z.enum(UPSTREAM_DOCUMENTS),
    releases: releaseRange,
    /** The port (or first port of a range) it is about. */
    port,
    protocol: z.enum(TRANSPORTS),
    /** For the pre-flight check: the map key it is about. */
    key: nonEmpty.optional(),
    /** What differs. */
    field: z.enum(DEVIATION_FIELDS),
    /** What upstream says, and what this data says. */
    upstream: nonEmpty,
    ours: nonEmpty,
    /** Why this site differs. */
    reason: nonEmpty,
  })
  .strict();

export type Condition = z.infer<typeof ConditionSchema>;
export type NetworkEndpoint = z.infer<typeof NetworkEndpointSchema>;
export type SocketEndpoint = z.infer<typeof SocketEndpointSchema>;
export type Endpoint = z.infer<typeof EndpointSchema>;
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>;
export type PreflightMessages = z.infer<typeof PreflightMessagesSchema>;
export type UfwRule = z.infer<typeof UfwRuleSchema>;
export type Deviation = z.infer<typeof DeviationSchema>;
