/** Files that static hosts read: short-link redirects and response headers. */
import type { Model } from '../../src/domain/model.ts';
import { portUrl } from '../../src/domain/urls.ts';

export function hostRedirects(model: Model): string {
  return (
    model.ports.flatMap((p) => [`/${p} ${portUrl(p)} 301`, `/${p}/ ${portUrl(p)} 301`]).join('\n') +
    '\n'
  );
}

/** The CSP from the pages' meta tag, plus the directives a meta tag cannot carry. */
export function hostHeaders(metaCsp: string): string {
  const csp = `${metaCsp.trim().replace(/;\s*$/, '')}; frame-ancestors 'none'`;
  return [
    '/*',
    `  Content-Security-Policy: ${csp}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=()',
    '/_astro/*',
    '  Cache-Control: public, max-age=31536000, immutable',
    '/pagefind/*',
    '  Cache-Control: public, max-age=3600',
    '',
  ].join('\n');
}

/** Reads the CSP meta tag Astro wrote into a page. */
export function metaCspOf(html: string): string {
  const m = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSP meta tag in the built page');
  return m[1]!.replaceAll('&#39;', "'").replaceAll('&quot;', '"');
}
