/** The props of a port page: one port, or one range of ports. Build time only. */
import { model } from '../domain/data.ts';
import { conditionText, isRange, type NetworkView } from '../domain/model.ts';
import { plainText } from '../domain/inline.ts';
import { nodesLabel, rolesLabel } from '../domain/labels.ts';
import { firewallHint, type FirewallHint } from './firewall-hint.ts';
import { GUIDES, type GuideLink } from './guide-list.ts';
import { preflightMessage } from './guides.ts';

/** Endpoints sharing a port and protocol (6443/tcp on both roles) also share a plain anchor. */
export interface PortGroup {
  id: string;
  shared: boolean;
  members: (NetworkView & { heading: string; hint: FirewallHint })[];
}

/** A pre-flight check that tests this port, in words. */
export interface CheckRow {
  key: string;
  nodes: string;
  releases: string;
  condition?: string;
  option?: string;
  note?: string;
  message: string;
}

export interface PortPage {
  /** `6443`, or `30000-32767` for a range. */
  slug: string;
  port: number;
  endPort?: number;
  title: string;
  description: string;
  protocols: string[];
  summary: string;
  /** Why the port is not in the latest release, when it is not. */
  gone?: string;
  groups: PortGroup[];
  endpoints: NetworkView[];
  /** k8sd's pre-flight checks of this port. */
  checks: CheckRow[];
  services: string[];
  sameService: number[];
  guides: GuideLink[];
  previous?: number;
  next?: number;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function checkRows(port: number): CheckRow[] {
  return model.checks
    .filter((c) => c.port === port)
    .map((c) => ({
      key: c.key,
      nodes: rolesLabel(c.roles, ' nodes'),
      releases: model.releaseRange(c),
      ...(c.condition ? { condition: conditionText(c.condition) } : {}),
      ...(c.option ? { option: c.option } : {}),
      ...(c.note ? { note: c.note } : {}),
      message: preflightMessage(model, c.port, c.key),
    }));
}

function describe(endpoints: NetworkView[], checks: CheckRow[]) {
  if (endpoints.length)
    return endpoints
      .map((e) => `${e.serviceName} (${e.protocol.toUpperCase()}, ${nodesLabel(e, ' nodes')})`)
      .join('; ');
  const keys = [...new Set(checks.map((c) => c.key))].join(', ');
  return `Nothing of Canonical Kubernetes listens here, but k8sd's pre-flight check tests it (${keys}): bootstrap or join fails if anything does`;
}

function page(port: number, endPort?: number): PortPage {
  const endpoints =
    endPort === undefined
      ? model.byPort(port)
      : model.ranges.filter((e) => e.port === port && e.endPort === endPort);
  const slug = endPort === undefined ? String(port) : `${port}-${endPort}`;
  const checks = checkRows(port);
  const services = [...new Set(endpoints.map((e) => e.serviceName))];
  const protocols = [
    ...new Set([
      ...endpoints.map((e) => e.protocol.toUpperCase()),
      ...(checks.length ? ['TCP'] : []),
    ]),
  ];
  const summary = describe(endpoints, checks);
  const latest = endpoints.map((e) => model.availability(e, model.latest.id));
  const reasons = latest.flatMap((a) => (a.state === 'absent' ? [a.reason] : []));
  const latestChecks = model.checksIn(model.latest.id).some((c) => c.port === port);
  const gone =
    endpoints.length && reasons.length === latest.length && !latestChecks
      ? { gone: capitalize([...new Set(reasons)].join('; ')) }
      : {};
  const ids = [...new Set(endpoints.map((e) => `${e.protocol}-${slug}`))];
  const sameService = endpoints
    .flatMap((e) => model.byService(e.service))
    .flatMap((o) => (o.protocol !== 'unix' && !isRange(o) && o.port !== port ? [o.port] : []));
  const { previous, next } = endPort === undefined ? model.neighbours(port) : {};
  const named = services.length ? services.join(', ') : `pre-flight check ${checks[0]?.key}`;
  const about = plainText(endpoints[0]?.description ?? checks[0]?.note ?? '');
  return {
    slug,
    port,
    ...(endPort !== undefined ? { endPort } : {}),
    title: `Port ${slug}/${protocols.join('+').toLowerCase()}: ${named}`,
    description: `Port ${slug} in Canonical Kubernetes: ${summary}. ${about}`,
    protocols,
    summary,
    ...gone,
    groups: ids.map((id) => {
      const members = endpoints.filter((e) => `${e.protocol}-${slug}` === id);
      return {
        id,
        shared: members.length > 1,
        members: members.map((e) => ({
          ...e,
          heading: nodesLabel(e, ' nodes'),
          hint: firewallHint(e),
        })),
      };
    }),
    endpoints,
    checks,
    services,
    sameService: [...new Set(sameService)].sort((a, b) => a - b),
    guides: GUIDES.filter(
      (g) =>
        endpoints.some((e) => g.relevantTo(e)) ||
        (checks.length > 0 && g.id === 'port-already-in-use'),
    ),
    ...(previous !== undefined ? { previous } : {}),
    ...(next !== undefined ? { next } : {}),
  };
}

/** Every port page: each port that something listens on or a check tests, and each range. */
export function portPages(): PortPage[] {
  return [
    ...model.ports.map((p) => page(p)),
    ...model.ranges
      .filter(
        (e, i) => model.ranges.findIndex((o) => o.port === e.port && o.endPort === e.endPort) === i,
      )
      .map((e) => page(e.port, e.endPort)),
  ];
}
