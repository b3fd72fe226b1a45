/**
 * The closed sets of values the data uses. The schema validates against them, and the node
 * options, forms and CLIs offer them, so each set is typed here once. No zod: browser code may
 * import this module.
 */
export const ROLES = ['control-plane', 'worker'] as const;
export const BINDS = ['localhost', 'default', '*'] as const;
export const TRANSPORTS = ['tcp', 'udp'] as const;
export const PROTOCOLS = [...TRANSPORTS, 'unix'] as const;
/** `external`: the cluster uses an etcd of your own; no datastore listens on the nodes. */
export const DATASTORES = ['etcd', 'k8s-dqlite', 'external'] as const;
/** Configuration profiles: `disa-stig` binds the controller manager and scheduler to 127.0.0.1. */
export const PROFILES = ['default', 'disa-stig'] as const;
/** Every node of the roles, or one replica the scheduler places on any of them. */
export const PLACEMENTS = ['every-node', 'one-node'] as const;
/** The upstream documents this data is checked against (npm run upstream:check). */
export const UPSTREAM_DOCUMENTS = ['ports-reference', 'ufw-howto', 'preflight-checks'] as const;
/** What a declared deviation from an upstream document is about. */
export const DEVIATION_FIELDS = [
  'present',
  'roles',
  'binds',
  'port',
  'protocol',
  'preflight',
] as const;
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
/** A snap service, a pod, or rules in the kernel with no process of their own. */
export const RUNS_AS = ['snap', 'pod', 'kernel'] as const;
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
  'load-balancing',
  'services',
] as const;

/** Rules for one host's own firewall. */
export const HOST_TOOLS = ['ufw', 'firewalld', 'nftables', 'iptables'] as const;
/** Terraform for a cloud's security groups or firewall: the whole cluster, both roles. */
export const CLOUD_TOOLS = [
  'terraform-aws',
  'terraform-gcp',
  'terraform-azure',
  'terraform-openstack',
  'terraform-hcloud',
] as const;
export const TOOLS = [...HOST_TOOLS, ...CLOUD_TOOLS] as const;
export const isFirewallTool = (text: string): text is FirewallTool =>
  (TOOLS as readonly string[]).includes(text);

export type Role = (typeof ROLES)[number];
export type Bind = (typeof BINDS)[number];
export type Transport = (typeof TRANSPORTS)[number];
export type Protocol = (typeof PROTOCOLS)[number];
export type Datastore = (typeof DATASTORES)[number];
export type Profile = (typeof PROFILES)[number];
export type Placement = (typeof PLACEMENTS)[number];
export type ReachableFrom = (typeof REACHABLE_FROM)[number];
export type HostTool = (typeof HOST_TOOLS)[number];
export type CloudTool = (typeof CLOUD_TOOLS)[number];
export type FirewallTool = (typeof TOOLS)[number];
