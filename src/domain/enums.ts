/**
 * The closed sets of values the data uses. The schema validates against them, and the node
 * options, forms and CLIs offer them, so each set is typed here once. No zod: browser code may
 * import this module.
 */
export const ROLES = ['control-plane', 'worker'] as const;
export const BINDS = ['localhost', 'default', '*'] as const;
export const TRANSPORTS = ['tcp', 'udp'] as const;
export const PROTOCOLS = [...TRANSPORTS, 'unix'] as const;
export const DATASTORES = ['etcd', 'k8s-dqlite'] as const;
/** Ordered from narrowest to widest: each value includes the hosts of the ones before it. */
export const REACHABLE_FROM = ['none', 'control-plane', 'nodes', 'clients'] as const;
export const SERVICE_KINDS = [
  'network',
  'management',
  'control-plane',
  'worker',
  'datastore',
  'node',
  'runtime',
] as const;
export const RUNS_AS = ['snap', 'pod'] as const;
export const OPTION_TYPES = ['bootstrap', 'annotation'] as const;
export const PURPOSES = [
  'api',
  'health',
  'metrics',
  'debug',
  'management',
  'datastore',
  'observability',
  'overlay',
  'runtime',
] as const;

export type Role = (typeof ROLES)[number];
export type Bind = (typeof BINDS)[number];
export type Transport = (typeof TRANSPORTS)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type Datastore = (typeof DATASTORES)[number];
export type ReachableFrom = (typeof REACHABLE_FROM)[number];
