/** Every indexable page of the site, from the data: the sitemap's list. */
import type { Model } from '../domain/model.ts';
import { portUrl, releaseUrl, serviceUrl } from '../domain/urls.ts';
import { portPages } from './port-page.ts';

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
  '/reach/',
];

export function sitePages(model: Model, extra: readonly string[] = []): string[] {
  return [
    ...STATIC_PAGES,
    ...portPages().map((p) => portUrl(p.port, p.endPort)),
    ...model.services.map((s) => serviceUrl(s.id)),
    ...model.releases.map((r) => releaseUrl(r.id)),
    ...GUIDES.map((g) => g.url),
    ...extra,
  ];
}
