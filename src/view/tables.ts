/** The endpoint tables' rows, computed once so the component only renders. Build time only. */
import { model } from '../domain/data.ts';
import { conditionText, isNetwork, type Availability, type EndpointView } from '../domain/model.ts';
import { nodesLabel, rolesLabel } from '../domain/labels.ts';
import { portUrl, serviceUrl } from '../domain/urls.ts';
import { availabilityText } from './routing.ts';

export interface TableRow {
  endpoint: EndpointView;
  /** Availability in the release the table is about; without it, the release range is shown. */
  availability?: Availability;
}

export function endpointRow({ endpoint: e, availability }: TableRow) {
  const network = isNetwork(e) ? e : undefined;
  return {
    anchor: e.anchor,
    copyLabel: `Copy link to ${e.where}/${e.protocol}${e.roles.length === 1 ? ` on ${rolesLabel(e.roles, ' nodes')}` : ''}`,
    /** What the /ports/ filter script reads. */
    data: {
      port: e.where,
      protocol: e.protocol,
      bind: network?.bind ?? 'unix',
      roles: e.roles.join(' '),
      service: e.service,
      releases: model.releasesOf(e).join(' '),
    },
    portHref: network ? portUrl(network.port, network.endPort) : undefined,
    where: e.where,
    protocol: e.protocol.toUpperCase(),
    bind: network?.bind,
    nodes: nodesLabel(e),
    serviceHref: serviceUrl(e.service),
    serviceName: e.serviceName,
    releases: availability
      ? { state: availability.state, text: availabilityText(availability) }
      : { range: model.releaseRange(e), condition: e.condition && conditionText(e.condition) },
    description: e.description,
  };
}
