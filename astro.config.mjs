// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { SITE_URL } from './src/consts.ts';
import { validateReference } from './src/lib/schema.ts';
import raw from './data/reference.json' with { type: 'json' };

/**
 * `virtual:ck8s-reference`: the validated data, with defaults applied, for browser code.
 * Validation runs here at build time, so browser bundles carry the data but not zod.
 */
function referenceModule() {
  const id = 'virtual:ck8s-reference';
  return {
    name: 'ck8s-reference',
    /** @param {string} source */
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    /** @param {string} resolved */
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(validateReference(raw))};` : undefined),
  };
}

export default defineConfig({
  site: SITE_URL,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  // Scripts stay external files: cacheable across pages and allowed by a CSP of 'self'.
  vite: { build: { assetsInlineLimit: 0 }, plugins: [referenceModule()], worker: { format: 'es', plugins: () => [referenceModule()] } },
});
