/**
 * The generated routes and their typed props, in the manner of Starlight's utils/routing: each
 * page file exports one of these as getStaticPaths and renders its props. Build time only.
 */
import { model } from '../domain/data.ts';
import type { Release, Service } from '../domain/schema.ts';
import { isNetwork, type Availability, type EndpointView } from '../domain/model.ts';
import { plainText } from '../domain/inline.ts';
import { listedForms } from '../domain/process.ts';
import { portUrl } from '../domain/urls.ts';
import { GUIDES, type GuideLink } from './guide-list.ts';
import { portPages, type PortPage } from './port-page.ts';

interface Path<P extends string, Props> {
  params: Record<P, string>;
  props: Props;
}

export type { PortPage } from './port-page.ts';

export function portPaths(): Path<'port', PortPage>[] {
  return portPages().map((page) => ({ params: { port: page.slug }, props: page }));
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
          ? { href: portUrl(e.port, e.endPort), text: `${e.where}/${e.protocol}` }
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
