// Lighthouse audit (`npm run audit`; not part of `npm test`). Builds the site for a local origin
// (so canonical links are same-origin), serves it, and runs Lighthouse 12.2.3 in Chromium:
// 5 pages x mobile and desktop x 3 runs, reporting the median of each category.
// The bar: 100 for accessibility, best practices and SEO; 98 or more for performance.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from './browser.ts';
import { serveDist } from './local-server.ts';
import { median } from './lib/stats.ts';

const PORT = Number(process.env.AUDIT_PORT ?? 4455);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const OUT = 'dist-audit';
const RUNS = Number(process.env.AUDIT_RUNS ?? 3);
const PAGES = process.env.AUDIT_PAGES?.split(',') ?? [
  '/',
  '/ports/6443/',
  '/services/kubelet/',
  '/ports/',
  '/check/',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const BAR: Record<(typeof CATEGORIES)[number], number> = {
  performance: 98,
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
};

const browser = findBrowser();
const chrome = browser.path ?? (await import('@playwright/test')).chromium.executablePath();
console.log(`audit: building for ${ORIGIN} into ${OUT}/`);
execFileSync('npx', ['astro', 'build', '--outDir', OUT], {
  stdio: 'inherit',
  env: { ...process.env, SITE_URL: ORIGIN },
});
execFileSync('node', ['scripts/postbuild.ts', OUT], { stdio: 'inherit' });
const server = await serveDist(OUT, PORT);

const rows: string[][] = [];
let failed = 0;
const work = mkdtempSync(join(tmpdir(), 'lh-'));
try {
  for (const page of PAGES) {
    for (const preset of ['mobile', 'desktop'] as const) {
      const scores: Record<string, number[]> = {};
      for (let run = 0; run < RUNS; run++) {
        const out = join(work, `r.json`);
        const args = [
          '--yes',
          'lighthouse@12.2.3',
          `${ORIGIN}${page}`,
          '--quiet',
          '--output=json',
          `--output-path=${out}`,
          `--only-categories=${CATEGORIES.join(',')}`,
          '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
        ];
        if (preset === 'desktop') args.push('--preset=desktop');
        execFileSync('npx', args, {
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, CHROME_PATH: chrome },
        });
        const lhr = JSON.parse(readFileSync(out, 'utf8')) as {
          categories: Record<string, { score: number } | undefined>;
        };
        for (const c of CATEGORIES)
          (scores[c] ??= []).push(Math.round((lhr.categories[c]?.score ?? 0) * 100));
      }
      const med = CATEGORIES.map((c) => median(scores[c]!));
      const ok = CATEGORIES.every((c, i) => med[i]! >= BAR[c]);
      if (!ok) failed++;
      rows.push([page, preset, ...med.map(String), ok ? 'pass' : 'FAIL']);
      console.log(rows.at(-1)!.join('\t'));
    }
  }
} finally {
  server.kill();
}
const head = ['page', 'preset', 'perf', 'a11y', 'best', 'seo', 'result'];
const table = [head, ...rows].map((r) => r.join(' | ')).join('\n');
writeFileSync(join(OUT, 'lighthouse.txt'), table + '\n');
console.log(
  `\n${table}\n\nlighthouse: median of ${RUNS} runs; ${failed ? `${failed} below the bar` : 'all at or above the bar'}`,
);
process.exitCode = failed ? 1 : 0;
