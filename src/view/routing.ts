/**
 * The generated routes and their typed props, in the manner of Starlight's utils/routing: each
 * page file exports one of these as getStaticPaths and renders its props. Build time only.
 */
import { model } from '../domain/data.ts';
import type { Release, Service } from '../domain/schema.ts';
import {
  isNetwork,
  type Availability,
  type EndpointView,
  type NetworkView,
} from '../domain/model.ts';
import { plainText } from '../domain/inline.ts';
import { rolesLabel } from '../domain/labels.ts';
import { listedForms } from '../domain/process.ts';
import { portUrl } from '../domain/urls.ts';
import { firewallHint, type FirewallHint } from './firewall-hint.ts';
import { GUIDES, type GuideLink } from './guide-list.ts';

interface Path<P extends string, Props> {
  params: Record<P, string>;
  props: Props;
}

/** Endpoints sharing a port and protocol (6443/tcp on both roles) also share a plain anchor. */
export interface PortGroup {
  id: string;
  shared: boolean;
  members: (NetworkView & { heading: string; hint: FirewallHint })[];
}

export interface PortPage {
  port: number;
  title: string;
  description: string;
  protocols: string[];
  summary: string;
  /** Why the port is not in the latest release, when it is not. */
  gone?: string;
  groups: PortGroup[];
  endpoints: NetworkView[];
  services: string[];
  sameService: number[];
  guides: GuideLink[];
  previous?: number;
  next?: number;
}

function portPage(port: number): PortPage {
  const endpoints = model.byPort(port);
  const services = [...new Set(endpoints.map((e) => e.serviceName))];
  const protocols = [...new Set(endpoints.map((e) => e.protocol.toUpperCase()))];
  const summary = endpoints
    .map((e) => `${e.serviceName} (${e.protocol.toUpperCase()}, ${rolesLabel(e.roles, ' nodes')})`)
    .join('; ');
  const latest = endpoints.map((e) => model.availability(e, model.latest.id));
  const reasons = latest.flatMap((a) => (a.state === 'absent' ? [a.reason] : []));
  const ids = [...new Set(endpoints.map((e) => `${e.protocol}-${port}`))];
  const sameService = endpoints
    .flatMap((e) => model.byService(e.service))
    .flatMap((o) => (o.protocol !== 'unix' && o.port !== port ? [o.port] : []));
  const { previous, next } = model.neighbours(port);
  return {
    port,
    title: `Port ${port}/${protocols.join('+').toLowerCase()}: ${services.join(', ')}`,
    description: `Port ${port} in Canonical Kubernetes: ${summary}. ${plainText(endpoints[0]!.description)}`,
    protocols,
    summary,
    ...(reasons.length === latest.length ? { gone: reasons.join('; ') } : {}),
    groups: ids.map((id) => {
      const members = endpoints.filter((e) => `${e.protocol}-${port}` === id);
      return {
        id,
        shared: members.length > 1,
        members: members.map((e) => ({
          ...e,
          heading: rolesLabel(e.roles, ' nodes'),
          hint: firewallHint(e),
        })),
      };
    }),
    endpoints,
    services,
    sameService: [...new Set(sameService)].sort((a, b) => a - b),
    guides: GUIDES.filter((g) => endpoints.some((e) => g.relevantTo(e))),
    ...(previous !== undefined ? { previous } : {}),
    ...(next !== undefined ? { next } : {}),
  };
}

export function portPaths(): Path<'port', PortPage>[] {
  return model.ports.map((port) => ({ params: { port: String(port) }, props: portPage(port) }));
}

/** Short links: /6443 and /6443/ lead to /ports/6443/. */
export function shortPaths(): Path<'short', { target: string }>[] {
  return model.ports.map((p) => ({ params: { short: String(p) }, props: { target: portUrl(p) } }));
}

export interface ServicePage {
  service: Service;
  endpoints: EndpointView[];
  title: string;
  description: string;
  /** Each process name with the shorter forms listing tools show it as. */
  names: { name: string; forms: { tool: string; shown: string }[] }[];
  guides: GuideLink[];
}

export function servicePaths(): Path<'id', ServicePage>[] {
  return model.services.map((service) => {
    const endpoints = model.byService(service.id);
    const portList = endpoints.map((e) => `${e.where}/${e.protocol}`).join(', ');
    return {
      params: { id: service.id },
      props: {
        service,
        endpoints,
        title: `${service.name}: ports ${portList}`,
        description: `${service.name} in Canonical Kubernetes listens on ${portList}. ${plainText(service.description)}`,
        names: service.processNames.map((name) => ({
          name,
          forms: listedForms(name).filter((f) => f.shown !== name),
        })),
        guides: GUIDES.filter((g) => endpoints.some((e) => g.relevantTo(e))),
      },
    };
  });
}

/** The services index: each service with links to its ports (or its socket path). */
export function serviceCards() {
  return model.services.map((service) => ({
    service,
    where: model
      .byService(service.id)
      .map((e) =>
        isNetwork(e)
          ? { href: portUrl(e.port), text: `${e.port}/${e.protocol}` }
          : { code: e.where },
      ),
  }));
}

export interface ReleasePage {
  release: Release;
  previous?: Release;
  next?: Release;
}

export function releasePaths(): Path<'version', ReleasePage>[] {
  return model.releases.map((release, i) => {
    const previous = model.releases[i - 1];
    const next = model.releases[i + 1];
    return {
      params: { version: release.id },
      props: { release, ...(previous ? { previous } : {}), ...(next ? { next } : {}) },
    };
  });
}

/** Availability in words, as tables and matrices show it. */
export function availabilityText(a: Availability): string {
  return a.state === 'present'
    ? 'yes'
    : a.state === 'conditional'
      ? a.condition
      : `no: ${a.reason}`;
}
