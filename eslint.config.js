// ESLint: typescript-eslint's type-checked rules for TypeScript, the Astro plugin for .astro files.
// `npm run lint` runs this and Prettier in check mode; both are part of `npm test`.
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist-audit/',
      '.astro/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { role: _role, ...rest } = spec` drops a key: the rest is what is used.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // node:test's test() returns a promise that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' },
          ],
        },
      ],
    },
  },
  astro.configs.recommended,
  {
    // Astro components and their inline scripts are checked without type information.
    files: ['**/*.astro', '**/*.astro/*.ts', '**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
