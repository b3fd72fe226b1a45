/** The guides, for the guide index, the overview and the links from port and service pages. */
import { isNetwork, type EndpointView } from '../domain/model.ts';

export interface GuideLink {
  id: string;
  url: string;
  title: string;
  summary: string;
  /** Whether a port page for this endpoint should link to the guide. */
  relevantTo: (e: EndpointView) => boolean;
}

export const GUIDES: GuideLink[] = [
  {
    id: 'port-already-in-use',
    url: '/guides/port-already-in-use/',
    title: '"Port already in use" at bootstrap or join',
    summary: 'What the pre-flight check tests, how to find the process, and how to move a port.',
    relevantTo: (e) => isNetwork(e) && e.checks.length > 0,
  },
  {
    id: 'firewall',
    url: '/guides/firewall/',
    title: 'Opening the firewall for a cluster',
    summary:
      'What must be reachable from whom, per role, and why localhost ports are never opened.',
    relevantTo: (e) => e.protocol !== 'unix',
  },
  {
    id: 'nodes-cant-reach',
    url: '/guides/nodes-cant-reach/',
    title: "Nodes can't reach each other",
    summary:
      'Pods that cannot reach pods on another node, DNS on one node only, kubelet timeouts: probe every path and find the blocked hop.',
    relevantTo: (e) => isNetwork(e) && e.reachableFrom !== 'none',
  },
  {
    id: 'upgrades',
    url: '/guides/upgrades/',
    title: 'What changes on the wire between releases',
    summary: 'Ports that appear, disappear or become conditional at each upgrade.',
    relevantTo: (e) => !!e.condition || e.releases.to !== e.releases.from,
  },
  {
    id: 'audit-a-node',
    url: '/guides/audit-a-node/',
    title: "Auditing a node's listeners",
    summary: 'Capture ss -tulpn correctly and read the checker verdicts.',
    relevantTo: () => true,
  },
  {
    id: 'security',
    url: '/guides/security/',
    title: 'What each exposed port accepts',
    summary: 'Authentication and TLS per endpoint, and what a port audit asks for.',
    relevantTo: (e) => isNetwork(e) && e.bind !== 'localhost',
  },
];

/** A guide by id; an MDX page naming an unknown guide fails the build. */
export function guide(id: string): GuideLink {
  const found = GUIDES.find((g) => g.id === id);
  if (!found)
    throw new Error(`Unknown guide "${id}"; known: ${GUIDES.map((g) => g.id).join(', ')}`);
  return found;
}
