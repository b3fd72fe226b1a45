// Benchmark: parse+check throughput on 100,000 lines of ss output, in Node and in Chromium,
// main-thread blocking for a 50,000-line paste, and the checker's script sizes. `npm run bench:checker`.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { model } from '../src/domain/data.ts';
import { createChecker } from '../src/checker/index.ts';
import { launchOptions } from '../scripts/browser.ts';
import { serveDist } from '../scripts/local-server.ts';
import { ssLines } from './ss-lines.ts';
import { median } from '../scripts/lib/stats.ts';
import { INPUT_KINDS, linearInput } from './linear-inputs.ts';
import { mixedLines } from './mixed-lines.ts';
import { splitBlocks } from '../src/checker/blocks.ts';

const LINES = 100_000;
const text = ssLines(LINES);
const checker = createChecker(model);

const nodeTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const r = await checker.check(text, model.node());
  nodeTimes.push(performance.now() - t);
  if (r.findings.length < LINES * 0.99) throw new Error(`only ${r.findings.length} findings`);
}
const nodeMs = median(nodeTimes);

// Blocks: a mixed paste of the same length (ss, netstat and journal blocks with prompts and
// sentences), and the splitter's own share of the ss paste.
const mixed = mixedLines(LINES);
const mixedTimes: number[] = [];
let mixedBlocks = 0;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const r = await checker.check(mixed, model.node());
  mixedTimes.push(performance.now() - t);
  mixedBlocks = r.blocks.length;
  if (r.format !== 'mixed' || r.findings.length < LINES * 0.7)
    throw new Error(`mixed paste: ${r.format}, ${r.findings.length} findings`);
}
const mixedMs = median(mixedTimes);
const splitTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  splitBlocks(text);
  splitTimes.push(performance.now() - t);
}
const splitMs = median(splitTimes);

// Linear time: ms per MB for each hostile shape, at 1 MB and 4 MB (detection, then the parser).
const perMb: string[] = [];
for (const kind of INPUT_KINDS) {
  const rates: number[] = [];
  for (const mb of [1, 4]) {
    const input = linearInput(kind, mb * 1048576);
    const t = performance.now();
    await checker.check(input, model.node());
    rates.push((performance.now() - t) / mb);
  }
  const [one, four] = rates as [number, number];
  perMb.push(`${kind} ${Math.round(one)} ms/MB at 1 MB, ${Math.round(four)} ms/MB at 4 MB`);
}

const PORT = 4466;
const server = await serveDist('dist', PORT);
const browser = await chromium.launch(launchOptions());
let browserMs: number;
let longest: number;
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/check/`);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.evaluate(
      (t) => {
        const box = document.querySelector<HTMLTextAreaElement>('#input')!;
        box.value = t;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      },
      i % 2 ? text + '\n' : text,
    );
    await page.waitForFunction(
      (n) => (document.querySelector('#results p')?.textContent ?? '').includes(`from ${n} lines`),
      LINES + (i % 2 ? 3 : 2),
      { timeout: 120_000 },
    );
    const ms = Number(
      /in (\d+) ms/.exec((await page.locator('#results p').first().textContent()) ?? '')?.[1],
    );
    runs.push(ms);
  }
  browserMs = median(runs);
  // Responsiveness: the longest main-thread task while a 50,000-line paste is checked.
  const half = ssLines(50_000);
  // The textarea's own cost of holding the paste happens before the checker runs; it is not counted.
  await page.evaluate((t) => {
    document.querySelector<HTMLTextAreaElement>('#input')!.value = t;
  }, half);
  await page.waitForTimeout(500);
  longest = await page.evaluate(async () => {
    const tasks: number[] = [];
    const obs = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => tasks.push(e.duration)),
    );
    obs.observe({ type: 'longtask', buffered: false });
    const box = document.querySelector<HTMLTextAreaElement>('#input')!;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise<void>((resolve) => {
      const poll = () =>
        (document.querySelector('#results p')?.textContent ?? '').includes('from 50002 lines')
          ? resolve()
          : setTimeout(poll, 50);
      poll();
    });
    obs.disconnect();
    return Math.max(0, ...tasks);
  });
} finally {
  await browser.close();
  server.kill();
}

const assets = readdirSync('dist/_astro');
const size = (re: RegExp) =>
  assets
    .filter((f) => re.test(f))
    .reduce((n, f) => n + gzipSync(readFileSync(`dist/_astro/${f}`)).length, 0);
const checkHtml = readFileSync('dist/check/index.html', 'utf8');
const firstScript = [...checkHtml.matchAll(/<script[^>]+src="\/_astro\/([^"]+)"/g)]
  .map((m) => m[1]!)
  .filter((f) => !f.startsWith('Base'));
console.log(`checker benchmark (${LINES.toLocaleString('en')} lines of ss -tulpn)`);
console.log(
  `  Node ${process.version}: ${Math.round(nodeMs)} ms median of 5 -> ${Math.round(LINES / (nodeMs / 1000)).toLocaleString('en')} lines/s`,
);
console.log(
  `  Chromium (Web Worker): ${Math.round(browserMs)} ms median of 3 -> ${Math.round(LINES / (browserMs / 1000)).toLocaleString('en')} lines/s`,
);
console.log(
  `  50,000-line paste: ${longest ? `longest main-thread task ${Math.round(longest)} ms` : 'no main-thread task over 50 ms (the long-task threshold)'} while it is checked and shown (the worker parses; the page renders the first 2,000 rows)`,
);
console.log(
  `  mixed paste (${LINES.toLocaleString('en')} lines, ${mixedBlocks.toLocaleString('en')} blocks of ss, netstat, log and prose): ${Math.round(mixedMs)} ms median of 5, ${(mixedMs / nodeMs).toFixed(2)}x the ss paste (bound 1.1x)`,
);
console.log(
  `  block splitting on the ss paste: ${Math.round(splitMs)} ms median of 5, ${((splitMs / nodeMs) * 100).toFixed(1)}% of its check (bound 10%)`,
);
console.log(`  linear time: ${perMb.join('; ')}`);
console.log(
  `  scripts (gzip): page ${firstScript.reduce((n, f) => n + gzipSync(readFileSync(`dist/_astro/${f}`)).length, 0)} B, worker ${size(/^checker\.worker-/)} B, YAML on demand ${size(/^browser-/)} B, download ${gzipSync(readFileSync('dist/downloads/check-ports.mjs')).length} B`,
);
