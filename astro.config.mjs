// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { SITE_URL } from './src/consts.ts';

export default defineConfig({
  site: SITE_URL,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  // Scripts stay external files: cacheable across pages and allowed by a CSP of 'self'.
  vite: { build: { assetsInlineLimit: 0 } },
});
