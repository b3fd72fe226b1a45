/** Files that static hosts read: short-link redirects and response headers. */
import type { Model } from './model.ts';
import { portUrl } from './urls.ts';

export function hostRedirects(model: Model): string {
  return model.ports.flatMap((p) => [`/${p} ${portUrl(p)} 301`, `/${p}/ ${portUrl(p)} 301`]).join('\n') + '\n';
}

export function hostHeaders(): string {
  return [
    '/*',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '/_astro/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
  ].join('\n');
}
