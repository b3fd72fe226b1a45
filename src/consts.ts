/** Site-wide settings. Each is read in one place only; change it here. */
import { model } from './domain/data.ts';

/** Public origin of the site. Canonical links, the sitemap and Open Graph tags use it. */
export const SITE_URL = process.env.SITE_URL ?? 'https://ck8s-ports.example.org';

/** Where "Report an error" sends people. */
export const REPORT_ERROR_URL = 'https://github.com/ck8s-ports/ck8s-ports/issues/new';

export const SITE_TITLE = 'Canonical Kubernetes ports';
export const SITE_DESCRIPTION = `Which network ports Canonical Kubernetes ${model.releases[0]?.id} to ${model.latest.id} listens on, on which interface and node role, and why: a reference with a conflict checker.`;
