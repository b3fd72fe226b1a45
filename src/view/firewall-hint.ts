/** A one-line firewall hint for a port page, derived from `reachableFrom`. */
import { conditionText, type EndpointView } from '../domain/model.ts';
import { REACHABLE_LABEL, ROLE_LABEL } from '../domain/labels.ts';

export interface FirewallHint {
  text: string;
  command?: string;
}

export function firewallHint(e: EndpointView): FirewallHint {
  if (e.protocol === 'unix') return { text: 'A unix socket: firewalls do not apply.' };
  if (e.reachableFrom === 'none') {
    return {
      text:
        e.bind === 'localhost'
          ? 'Bound to loopback: never open it in a firewall; no other host can or needs to connect.'
          : 'Nothing on another host needs it, so do not open it; it binds all interfaces, so keep it closed in your firewall.',
    };
  }
  const on = e.roles.map((r) => ROLE_LABEL[r]).join(' and ');
  const end = e.endPort === undefined ? '' : `-${e.endPort}`;
  const ufwEnd = e.endPort === undefined ? '' : `:${e.endPort}`;
  const when = e.optIn
    ? ', only if you use NodePort or LoadBalancer Services (the firewall generator leaves it closed)'
    : e.condition
      ? `, ${conditionText(e.condition)}`
      : '';
  return {
    text: `Allow ${e.port}${end}/${e.protocol} on ${on} nodes from ${REACHABLE_LABEL[e.reachableFrom]}${when}.`,
    command: `sudo ufw allow ${e.port}${ufwEnd}/${e.protocol}`,
  };
}
