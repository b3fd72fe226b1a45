// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { BASE_PATH, SITE_URL } from './src/consts.ts';
import { validateFirewalld, validateReference } from './src/domain/validate.ts';
import { slimReference } from './src/domain/slim.ts';
import raw from './data/reference.json' with { type: 'json' };
import rawFirewalld from './data/firewalld-services.json' with { type: 'json' };
import { createHash } from 'node:crypto';
import { THEME_SCRIPT } from './src/view/theme-script.ts';

/**
 * `virtual:ck8s-reference`: the validated data, with defaults applied, for browser code.
 * Validation runs here at build time, so browser bundles carry the data but not zod; and
 * without the prose the pages already show (see src/domain/slim.ts).
 */
function referenceModule() {
  const reference = slimReference(validateReference(raw));
  const modules = {
    // The data without owners, so the firewall generator's bundle does not carry the table.
    // The data without owners and pre-flight checks, which only the checker needs: the firewall
    // and probe bundles do not carry them.
    'virtual:ck8s-reference': `export default ${JSON.stringify({ ...reference, owners: [], preflight: [] })};\nexport const owners = ${JSON.stringify(reference.owners)};\nexport const preflight = ${JSON.stringify(reference.preflight)};`,
    // firewalld's service catalog, a chunk the checker loads only for input that names services.
    'virtual:ck8s-firewalld': `export default ${JSON.stringify(validateFirewalld(rawFirewalld))};`,
  };
  return {
    name: 'ck8s-reference',
    /** @param {string} source */
    resolveId: (source) => (source in modules ? `\0${source}` : undefined),
    /** @param {string} resolved */
    load: (resolved) =>
      resolved.startsWith('\0')
        ? modules[/** @type {keyof typeof modules} */ (resolved.slice(1))]
        : undefined,
  };
}

export default defineConfig({
  site: SITE_URL,
  base: BASE_PATH,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  integrations: [mdx()],
  // No Shiki: its inline styles would need 'unsafe-inline' under the CSP. Code blocks stay plain.
  markdown: { syntaxHighlight: false },
  devToolbar: { enabled: false },
  // A strict CSP on every page, as a meta tag with hashes for inline scripts. Directives a meta
  // tag cannot carry (frame-ancestors) are in dist/_headers, written by scripts/postbuild.ts.
  security: {
    csp: {
      algorithm: 'SHA-256',
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind compiles WebAssembly; nothing wider than that.
      scriptDirective: {
        resources: ["'self'", "'wasm-unsafe-eval'"],
        hashes: [`sha256-${createHash('sha256').update(THEME_SCRIPT).digest('base64')}`],
      },
      styleDirective: { resources: ["'self'"] },
    },
  },
  // Scripts stay external files: cacheable across pages and allowed by a CSP of 'self'.
  vite: {
    build: { assetsInlineLimit: 0 },
    plugins: [referenceModule()],
    worker: { format: 'es', plugins: () => [referenceModule()] },
  },
});
