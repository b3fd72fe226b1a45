/** The URL map. These paths are permanent: runbooks link to them (see tests/permalinks.txt). */
import { isNetwork, type EndpointView } from './model.ts';

/** A port's page, `/ports/6443/`, or a range's, `/ports/30000-32767/`. */
export const portUrl = (port: number, endPort?: number) =>
  `/ports/${port}${endPort === undefined ? '' : `-${endPort}`}/`;
export const serviceUrl = (id: string) => `/services/${id}/`;
export const releaseUrl = (id: string) => `/releases/${id}/`;
export const endpointUrl = (e: EndpointView) =>
  `${isNetwork(e) ? portUrl(e.port, e.endPort) : serviceUrl(e.service)}#${e.anchor}`;
export const checkUrl = '/check/';
export const searchUrl = (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : '/search/');
