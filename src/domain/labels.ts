/** The words pages and reports use for the data's values. Made only where text is shown. */
import type { Bind, ReachableFrom, Role } from './enums.ts';

export const ROLE_LABEL: Record<Role, string> = {
  'control-plane': 'control plane',
  worker: 'worker',
};

export const BIND_LABEL: Record<Bind, string> = {
  localhost: 'localhost (127.0.0.1)',
  default: 'default interface',
  '*': 'all interfaces',
};

export const REACHABLE_LABEL: Record<ReachableFrom, string> = {
  none: 'no other host',
  'control-plane': 'control plane nodes',
  nodes: 'every cluster node',
  clients: 'cluster nodes and API clients',
};

/** Who connects, as a firewall rule's source is described. */
export const SOURCE_LABEL: Record<Exclude<ReachableFrom, 'none'> | 'monitoring', string> = {
  'control-plane': 'control plane nodes',
  nodes: 'cluster nodes',
  clients: 'cluster nodes and API clients',
  monitoring: 'your monitoring system',
};

export const onOff = (value: boolean): 'on' | 'off' => (value ? 'on' : 'off');

/** "all nodes", "control plane" or "worker"; with `noun`, "control plane nodes". */
export function rolesLabel(roles: readonly Role[], noun = ''): string {
  return roles.length > 1 ? 'all nodes' : roles.map((r) => ROLE_LABEL[r]).join(' and ') + noun;
}

/** Where an endpoint is open: its roles, or one node when a single replica is scheduled. */
export function nodesLabel(
  e: { roles: readonly Role[]; placement?: string | undefined },
  noun = '',
): string {
  if (e.placement !== 'one-node') return rolesLabel(e.roles, noun);
  return e.roles.length > 1 ? 'one node, any role' : `one ${ROLE_LABEL[e.roles[0]!]} node`;
}
