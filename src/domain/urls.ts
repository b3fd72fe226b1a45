/** The URL map. These paths are permanent: runbooks link to them (see tests/permalinks.txt). */
import { isNetwork, type EndpointView } from './model.ts';

export const portUrl = (port: number) => `/ports/${port}/`;
export const serviceUrl = (id: string) => `/services/${id}/`;
export const releaseUrl = (id: string) => `/releases/${id}/`;
export const endpointUrl = (e: EndpointView) =>
  `${isNetwork(e) ? portUrl(e.port) : serviceUrl(e.service)}#${e.anchor}`;
export const checkUrl = '/check/';
export const searchUrl = (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : '/search/');
