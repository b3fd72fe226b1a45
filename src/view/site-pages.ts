/** Every indexable page of the site, from the data: the sitemap's list. */
import type { Model } from '../domain/model.ts';
import { portUrl, releaseUrl, serviceUrl } from '../domain/urls.ts';

import { GUIDES } from './guide-list.ts';

export const STATIC_PAGES = [
  '/',
  '/ports/',
  '/services/',
  '/releases/',
  '/check/',
  '/changelog/',
  '/api/v1/',
  '/guides/',
  '/firewall/',
];

export function sitePages(model: Model, extra: readonly string[] = []): string[] {
  return [
    ...STATIC_PAGES,
    ...model.ports.map(portUrl),
    ...model.services.map((s) => serviceUrl(s.id)),
    ...model.releases.map((r) => releaseUrl(r.id)),
    ...GUIDES.map((g) => g.url),
    ...extra,
  ];
}
