// Benchmark: keystroke to first rendered search result, for a number and a word query
// (median of 20 each), and the Pagefind index size. `npm run bench:search` after a build.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { launchOptions } from '../scripts/browser.ts';
import { serveDist } from '../scripts/local-server.ts';
import { median } from '../scripts/lib/stats.ts';

const PORT = 4477;
const ROUNDS = 20;
const server = await serveDist('dist', PORT);
const browser = await chromium.launch(launchOptions());

async function measure(query: string): Promise<number[]> {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/services/`);
  await page.locator('#site-search').focus();
  await page.waitForFunction(() =>
    performance.getEntriesByType('resource').some((e) => e.name.includes('/pagefind/')),
  );
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await page.locator('#site-search').fill('');
    await page.waitForTimeout(100);
    const ms = await page.evaluate(async (q) => {
      const box = document.querySelector<HTMLInputElement>('#site-search')!;
      const list = document.getElementById('site-search-list')!;
      list.replaceChildren();
      return new Promise<number>((resolve) => {
        const start = performance.now();
        const obs = new MutationObserver(() => {
          if (list.querySelector('[role=option]')) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - start));
          }
        });
        obs.observe(list, { childList: true, subtree: true });
        box.value = q;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }, query);
    times.push(ms);
  }
  await page.close();
  return times;
}

try {
  const number = await measure('6443');
  const word = await measure('hubble');
  const index = readdirSync('dist/pagefind', { recursive: true })
    .map((f) => join('dist/pagefind', String(f)))
    .filter((f) => statSync(f).isFile());
  const bytes = index.reduce((n, f) => n + statSync(f).size, 0);
  const wasm = index
    .filter((f) => f.endsWith('.pagefind'))
    .reduce((n, f) => n + statSync(f).size, 0);
  const data = index
    .filter((f) => /\/(index|fragment|filter)\//.test(f))
    .reduce((n, f) => n + statSync(f).size, 0);
  console.log(
    `search benchmark (keystroke to first rendered result, median of ${ROUNDS}; the input handler waits 60 ms before searching)`,
  );
  console.log(
    `  number "6443": ${median(number).toFixed(0)} ms (min ${Math.min(...number).toFixed(0)}, max ${Math.max(...number).toFixed(0)})`,
  );
  console.log(
    `  word "hubble": ${median(word).toFixed(0)} ms (min ${Math.min(...word).toFixed(0)}, max ${Math.max(...word).toFixed(0)})`,
  );
  console.log(
    `  Pagefind bundle: ${index.length} files, ${(bytes / 1024).toFixed(0)} KiB on disk: index, fragments and filters ${(data / 1024).toFixed(0)} KiB, WASM ${(wasm / 1024).toFixed(0)} KiB, JS the rest`,
  );
} finally {
  await browser.close();
  server.kill();
}
