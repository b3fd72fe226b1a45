/** What a release page and the overview show: its endpoints grouped by role. Build time only. */
import { model } from '../domain/data.ts';
import { BINDS, ROLES } from '../domain/enums.ts';
import {
  isNetwork,
  type Availability,
  type NetworkView,
  type SocketView,
} from '../domain/model.ts';

export interface RoleGroup {
  id: string;
  title: string;
  rows: { endpoint: NetworkView; availability: Availability }[];
}

export function releaseOverview(releaseId: string): {
  groups: RoleGroup[];
  sockets: SocketView[];
} {
  const documented = model.documentedIn(releaseId);
  const network = documented
    .flatMap(({ endpoint, availability }) =>
      isNetwork(endpoint) ? [{ endpoint, availability }] : [],
    )
    .sort(
      (a, b) =>
        BINDS.indexOf(a.endpoint.bind) - BINDS.indexOf(b.endpoint.bind) ||
        a.endpoint.port - b.endpoint.port,
    );
  const only = (role: string) => (x: { endpoint: NetworkView }) =>
    x.endpoint.roles.length === 1 && x.endpoint.roles[0] === role;
  const groups: RoleGroup[] = [
    {
      id: 'all-nodes',
      title: 'On all nodes',
      rows: network.filter((x) => x.endpoint.roles.length === ROLES.length),
    },
    {
      id: 'control-plane-only',
      title: 'On control plane nodes only',
      rows: network.filter(only('control-plane')),
    },
    { id: 'worker-only', title: 'On worker nodes only', rows: network.filter(only('worker')) },
  ];
  return {
    groups: groups.filter((g) => g.rows.length > 0),
    sockets: documented.flatMap(({ endpoint }) => (isNetwork(endpoint) ? [] : [endpoint])),
  };
}
