/** Site-wide settings. Each is read in one place only; change it here. */
import { model } from './domain/data.ts';

/** Public origin of the site (SITE_URL at build). Canonical links, the sitemap and Open Graph tags use it. */
export const SITE_URL = process.env.SITE_URL ?? 'https://ck8s-ports.example.org';

/**
 * The path the site is served under (BASE_PATH at build), `/` or `/repo/`: a GitHub project site
 * lives at `https://owner.github.io/repo/`. Every link, asset, short link and the service worker
 * carry it (see scripts/postbuild.ts and src/browser/base.ts).
 */
export const BASE_PATH = normalizeBase(process.env.BASE_PATH);

/** A site path as text for people to read or copy, with the base: `/repo/api/v1/endpoints.json`. */
export const shownPath = (path: string): string => `${BASE_PATH.slice(0, -1)}${path}`;

function normalizeBase(raw: string | undefined): string {
  const trimmed = (raw ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Where "Report an error" sends people (REPORT_ERROR_URL at build). */
export const REPORT_ERROR_URL =
  process.env.REPORT_ERROR_URL ?? 'https://github.com/ck8s-ports/ck8s-ports/issues/new';

export const SITE_TITLE = 'Canonical Kubernetes ports';
export const SITE_DESCRIPTION = `Which network ports Canonical Kubernetes ${model.releases[0]?.id} to ${model.latest.id} listens on, on which interface and node role, and why: a reference with a conflict checker.`;
