// Weight budgets for the built site, in gzip bytes. Prints a table and exits 1 when any is exceeded.
// Run by `npm test` after the build; `npm run budgets` alone after `npm run build`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const KB = 1000;

/** First round trip: ten 1460-byte segments is 14,600 bytes; we hold HTML+CSS to 14 kB. */
const FIRST_ROUND_TRIP = 14 * KB;
const RULES: { match: RegExp; htmlCss: number; js: number; note: string }[] = [
  { match: /^\/check\/$/, htmlCss: FIRST_ROUND_TRIP, js: 30 * KB, note: 'checker: first script' },
  {
    match: /^\/ports\/$/,
    htmlCss: FIRST_ROUND_TRIP,
    js: 5 * KB,
    note: 'full table + filter script',
  },
  {
    match: /^\/releases\/[\d.]+\/$|^\/$/,
    htmlCss: FIRST_ROUND_TRIP,
    js: 5 * KB,
    note: 'overview with diagram',
  },
  { match: /.*/, htmlCss: FIRST_ROUND_TRIP, js: 5 * KB, note: 'reference page' },
];
/** `after`: the chunk already loaded when this one is (its bytes are not fetched again). */
const LAZY: { match: RegExp; budget: number; note: string; after?: RegExp }[] = [
  // 30 KB until issue 22: blocks, the cloud-init reader, destinations and listen URLs took it from
  // 28,301 to 34,022 B. Raised to 35 KB for now; winning it back belongs to the speed issue (25).
  { match: /^checker\.worker-.*\.js$/, budget: 35 * KB, note: 'checker worker (data + parsers)' },
  { match: /^browser-.*\.js$/, budget: 35 * KB, note: 'YAML parser, loaded on demand' },
  {
    match: /^search-box.*\.js$|^search-[A-Za-z0-9_-]+\.js$/,
    budget: 5 * KB,
    note: 'search, loaded on first use',
  },
  {
    match: /^_virtual_ck8s-firewalld-.*\.js$/,
    budget: 5 * KB,
    after: /^checker\.worker-.*\.js$/,
    note: "firewalld's services, for pastes that name them",
  },
  {
    match: /^reach-app.*\.js$/,
    budget: 15 * KB,
    note: 'probe generator + data, on first change',
  },
  {
    match: /^reach-read.*\.js$/,
    budget: 15 * KB,
    after: /^checker\.worker-.*\.js$/,
    note: 'reachability reader, for pasted probe output',
  },
  {
    match: /^terraform[.-].*\.js$/,
    budget: 15 * KB,
    after: /^firewall-app.*\.js$/,
    note: 'Terraform for the clouds, on first use',
  },
  {
    match: /^firewall-app.*\.js$/,
    // 15 KB until the strict address parser (domain/net.ts) and the per-language escaping
    // (domain/escape.ts) joined it: 14,785 -> 16,230 B. Every address the form takes is parsed.
    budget: 17 * KB,
    note: 'firewall generator + data, on first change',
  },
];

const gz = (buf: Buffer | string) => gzipSync(buf).length;
const read = (path: string) => readFileSync(join(dist, path));

/** Every file under a directory, as paths. */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((f) => statSync(f).isFile());
}

/** A module script and every chunk it imports statically (dynamic imports load later). */
function staticClosure(src: string, seen = new Set<string>()): Set<string> {
  if (seen.has(src)) return seen;
  seen.add(src);
  const code = read(src).toString();
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
    const target = new URL(m[1]!, `http://x${src}`).pathname;
    if (existsSync(join(dist, target))) staticClosure(target, seen);
  }
  return seen;
}

const files = walk(dist);
const pages = files
  .filter((f) => f.endsWith('.html'))
  .map(
    (f) =>
      '/' +
      relative(dist, f)
        .split(sep)
        .join('/')
        .replace(/index\.html$/, ''),
  );
const rows: string[][] = [];
let failed = 0;

for (const page of pages.sort()) {
  const html = read(page.endsWith('/') ? `${page}index.html` : page).toString();
  if (/http-equiv="refresh"/.test(html)) continue; // short-link redirect stubs
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  const js = new Set(scripts.flatMap((s) => [...staticClosure(s)]));
  const inlineJs = [
    ...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>([\s\S]*?)<\/script>/g),
  ].reduce((n, m) => n + gz(m[1]!), 0);
  const h = gz(html);
  const c = css.reduce((n, f) => n + gz(read(f)), 0);
  const j = [...js].reduce((n, f) => n + gz(read(f)), 0);
  const rule = RULES.find((r) => r.match.test(page))!;
  const ok = h + c <= rule.htmlCss && j <= rule.js;
  if (!ok) failed++;
  rows.push([
    page,
    String(h),
    String(c),
    `${j}${inlineJs ? ` (+${inlineJs} inline)` : ''}`,
    String(h + c + j),
    `${rule.htmlCss}/${rule.js}`,
    ok ? 'pass' : 'FAIL',
  ]);
}

const lazyRows: string[][] = [];
for (const file of files.filter((f) => f.includes(`${sep}_astro${sep}`) && f.endsWith('.js'))) {
  const name = file.split(sep).pop()!;
  const rule = LAZY.find((r) => r.match.test(name));
  if (!rule) continue;
  // What loading it costs: the chunk and every chunk it imports statically (shared data too).
  const closure = staticClosure(`/_astro/${name}`);
  const before = files
    .map((f) => f.split(sep).pop()!)
    .filter((f) => rule.after?.test(f))
    .flatMap((f) => [...staticClosure(`/_astro/${f}`)]);
  const size = [...closure].filter((f) => !before.includes(f)).reduce((n, f) => n + gz(read(f)), 0);
  const ok = size <= rule.budget;
  if (!ok) failed++;
  lazyRows.push([name, rule.note, String(size), String(rule.budget), ok ? 'pass' : 'FAIL']);
}

const fonts = files.filter((f) => /\.(woff2?|ttf|otf|eot)$/.test(f));
const fontFaces = files.filter(
  (f) => f.endsWith('.css') && /@font-face/.test(readFileSync(f, 'utf8')),
);
if (fonts.length || fontFaces.length) {
  failed++;
  console.log(`FAIL: web fonts found: ${[...fonts, ...fontFaces].join(', ')}`);
}
const images = files.filter((f) => /\.(svg|png|jpe?g|webp|gif|ico|avif)$/.test(f));
for (const img of images) {
  const size = statSync(img).size;
  if (size > 2 * KB) {
    failed++;
    console.log(`FAIL: image ${relative(dist, img)} is ${size} bytes (budget 2000)`);
  }
}

function table(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) =>
        i === 0 || (i === 1 && head[1] === 'what') ? c.padEnd(widths[i]!) : c.padStart(widths[i]!),
      )
      .join('  ');
  return [line(head), ...body.map(line)].join('\n');
}
console.log(
  table(['page', 'HTML', 'CSS', 'JS (eager)', 'total', 'budget HTML+CSS/JS', 'result'], rows),
);
console.log('');
console.log(table(['lazy script', 'what', 'gzip', 'budget', 'result'], lazyRows));
console.log(
  `\nbudgets: ${rows.length} pages, ${lazyRows.length} lazy scripts, ${images.length} images, ${fonts.length} font files; ${failed ? `${failed} over budget` : 'all within budget'}`,
);
process.exitCode = failed ? 1 : 0;
