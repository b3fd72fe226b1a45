// The folders say where code runs, and what each may import. This test reads every import in
// the repository and holds it to the table below (see each folder's README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Which layers each layer may import values from. Type-only imports are checked separately. */
const ALLOWED: Record<string, readonly string[]> = {
  domain: ['domain', 'data'],
  checker: ['domain', 'checker'],
  firewall: ['domain', 'firewall'],
  view: ['domain', 'checker', 'firewall', 'view', 'data'],
  browser: ['domain', 'checker', 'firewall', 'browser'],
  cli: ['domain', 'checker', 'firewall', 'cli'],
  bin: ['domain', 'cli'],
  site: ['domain', 'checker', 'firewall', 'view', 'site', 'data'],
  scripts: ['domain', 'checker', 'firewall', 'view', 'cli', 'scripts', 'data', 'site'],
  bench: ['domain', 'checker', 'scripts', 'bench'],
  config: ['domain', 'view', 'scripts', 'site', 'data'],
};

/** Modules that pull in zod or validate the data: never part of a browser bundle. */
const BUILD_ONLY = [
  'src/domain/schema.ts',
  'src/domain/schema-entries.ts',
  'src/domain/validate.ts',
  'src/domain/data.ts',
];

function layerOf(file: string): string | undefined {
  const rel = relative(ROOT, file);
  const top = rel.split('/');
  if (top[0] === 'src') {
    if (['domain', 'checker', 'firewall', 'view', 'browser', 'cli'].includes(top[1]!))
      return top[1];
    if (['pages', 'components', 'layouts', 'content', 'styles'].includes(top[1]!)) return 'site';
    return 'site'; // consts.ts, env.d.ts
  }
  if (top[0] === 'data') return 'data';
  if (['bin', 'scripts', 'bench', 'tests'].includes(top[0]!)) return top[0];
  if (/^(astro|playwright)\.config\.|^eslint\.config\./.test(rel)) return 'config';
  return undefined;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (['node_modules', 'dist', '.astro', 'fixtures'].includes(name)) return [];
    return statSync(path).isDirectory()
      ? walk(path)
      : /\.(ts|mjs|astro|mdx)$/.test(name)
        ? [path]
        : [];
  });
}

interface Import {
  from: string;
  spec: string;
  target?: string;
  typeOnly: boolean;
  /** Inside an Astro <script>: bundled for the browser. */
  inScript: boolean;
}

const EXTENSIONS = ['', '.ts', '.astro', '.mjs', '.json', '/index.ts'];

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const scripts = [
    ...text.matchAll(/<script(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g),
  ].map((m) => [m.index, m.index + m[0].length] as const);
  const found: Import[] = [];
  const pattern =
    /(?:^|[\s;])import\s+(type\s+)?(?:([\w*{}\s,$]+?)\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|export\s+(type\s+)?\{[^}]*\}\s+from\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(pattern)) {
    const spec = m[3] ?? m[4] ?? m[6]!;
    const names = m[2] ?? '';
    const typeOnly =
      !!m[1] ||
      !!m[5] ||
      (/^\{[\s\S]*\}$/.test(names.trim()) &&
        names
          .replace(/[{}\s]/g, '')
          .split(',')
          .filter(Boolean)
          .every((n) => n.startsWith('type')));
    const inScript = scripts.some(([a, b]) => m.index >= a && m.index < b);
    let target: string | undefined;
    if (spec.startsWith('.')) {
      const base = resolve(dirname(file), spec);
      const hit = EXTENSIONS.map((e) => base + e).find(
        (p) => existsSync(p) && statSync(p).isFile(),
      );
      target = hit;
    }
    found.push({ from: file, spec, typeOnly, inScript, ...(target ? { target } : {}) });
  }
  return found;
}

const files = ['src', 'bin', 'scripts', 'bench', 'tests']
  .flatMap((d) => walk(join(ROOT, d)))
  .concat(['astro.config.mjs', 'playwright.config.ts'].map((f) => join(ROOT, f)));
const imports = files.flatMap(importsOf);
const rel = (p: string) => relative(ROOT, p);

test('every relative import resolves to a file', () => {
  const broken = imports.filter((i) => i.spec.startsWith('.') && !i.target);
  assert.deepEqual(
    broken.map((i) => `${rel(i.from)} -> ${i.spec}`),
    [],
  );
});

test('each folder imports only from the folders its README allows', () => {
  const wrong: string[] = [];
  for (const i of imports) {
    if (!i.target || i.typeOnly) continue;
    const from = layerOf(i.from);
    const to = layerOf(i.target);
    if (!from || from === 'tests' || !to) continue;
    const allowed = i.inScript ? ALLOWED.browser! : ALLOWED[from];
    if (!allowed) continue;
    if (!allowed.includes(to)) wrong.push(`${rel(i.from)} (${from}) -> ${rel(i.target)} (${to})`);
  }
  assert.deepEqual(wrong, []);
});

test('nothing outside tests/ imports from tests/', () => {
  const wrong = imports.filter(
    (i) => i.target && layerOf(i.target) === 'tests' && layerOf(i.from) !== 'tests',
  );
  assert.deepEqual(
    wrong.map((i) => `${rel(i.from)} -> ${i.spec}`),
    [],
  );
});

test('only the schema modules import zod', () => {
  const zod = imports.filter((i) => /^(astro\/zod|zod)$/.test(i.spec) && !i.typeOnly);
  assert.deepEqual(
    zod
      .map((i) => rel(i.from))
      .filter((f) => !f.startsWith('tests/') && !f.startsWith('scripts/lib/json-schema')),
    ['src/domain/schema-entries.ts', 'src/domain/schema.ts'],
  );
});

test('no browser bundle reaches zod, the schema or the data loader, even through other modules', () => {
  const byFile = new Map<string, Import[]>();
  for (const i of imports) byFile.set(i.from, [...(byFile.get(i.from) ?? []), i]);
  const entries = [
    ...files.filter((f) => layerOf(f) === 'browser'),
    ...imports.filter((i) => i.inScript && i.target).map((i) => i.target!),
  ];
  const bad: string[] = [];
  for (const entry of new Set(entries)) {
    const seen = new Set<string>();
    const stack = [entry];
    while (stack.length) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (BUILD_ONLY.includes(rel(file))) bad.push(`${rel(entry)} reaches ${rel(file)}`);
      for (const i of byFile.get(file) ?? []) {
        if (i.typeOnly) continue;
        if (/zod/.test(i.spec)) bad.push(`${rel(entry)} reaches zod through ${rel(file)}`);
        if (i.target) stack.push(i.target);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('no file under src/ is longer than 300 lines', () => {
  const files = walk(join(ROOT, 'src')).concat(
    readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.css'))
      .map((f) => join(ROOT, 'src', f)),
  );
  assert.ok(files.length > 50, 'the walk finds the sources');
  const long = files
    .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter((x) => x.lines > 300);
  assert.deepEqual(long, []);
});
