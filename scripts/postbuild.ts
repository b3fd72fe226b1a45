// Runs after `astro build`: writes the host files that Astro does not route (_redirects, _headers),
// and bundles the command-line checker into one file the site serves at /downloads/check-ports.mjs.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import * as pagefind from 'pagefind';
import { model } from '../src/domain/data.ts';
import { hostRedirects, hostHeaders, metaCspOf } from './lib/host-files.ts';
import { serviceWorkerSource } from './lib/service-worker.ts';
import { labelTables } from './lib/table-labels.ts';
import { rebase, rebaseHostFile, rebaseHtml } from './lib/base-path.ts';
import { BASE_PATH } from '../src/consts.ts';
import { htmlFiles } from './lib/dist.ts';
import { createHash } from 'node:crypto';
import {
  CHECKSUMS_PATH,
  DOWNLOADS,
  checksumsFile,
  fillChecksums,
  type Download,
} from '../src/view/downloads.ts';

const dist = process.argv[2] ?? 'dist';
const base = BASE_PATH;

await writeFile(`${dist}/_redirects`, rebaseHostFile(hostRedirects(model), base));
await writeFile(
  `${dist}/_headers`,
  rebaseHostFile(hostHeaders(metaCspOf(await readFile(`${dist}/index.html`, 'utf8'))), base),
);

await mkdir(`${dist}/downloads`, { recursive: true });
const result = await build({
  entryPoints: ['bin/check-ports.ts'],
  outfile: `${dist}/downloads/check-ports.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  minify: true,
  legalComments: 'none',
  logLevel: 'error',
  metafile: true,
  // The data was validated above; embed the result so the file carries the data but not zod.
  plugins: [
    {
      name: 'validated-data',
      setup(b) {
        b.onResolve({ filter: /\/data\.ts$/ }, () => ({
          path: 'validated-data',
          namespace: 'ck8s',
        }));
        b.onLoad({ filter: /.*/, namespace: 'ck8s' }, () => ({
          resolveDir: `${process.cwd()}/src/domain`,
          loader: 'ts',
          contents: `import { createModel } from './model.ts';\nexport const model = createModel(${JSON.stringify(model.ref)});`,
        }));
      },
    },
  ],
  banner: {
    js: `#!/usr/bin/env node\n// Canonical Kubernetes port checker, data version ${model.ref.meta.dataVersion} (releases ${model.span}).\n// One file, no dependencies, Node.js 18 or newer. Usage: node check-ports.mjs --help\nimport { createRequire as __ck8sRequire } from 'node:module';\nconst require = __ck8sRequire(import.meta.url);`,
  },
});
const bytes = Object.values(result.metafile.outputs)[0]!.bytes;
console.log(
  `postbuild: wrote _redirects (${model.ports.length * 2} short links), _headers, downloads/check-ports.mjs (${(bytes / 1024).toFixed(0)} KiB)`,
);

// Downloads that run as root: each page names the SHA-256 of the bytes served (src/view/downloads.ts).
const digests = Object.fromEntries(
  await Promise.all(
    DOWNLOADS.map(async (f) => [
      f,
      createHash('sha256')
        .update(await readFile(`${dist}/downloads/${f}`))
        .digest('hex'),
    ]),
  ),
) as Record<Download, string>;
await writeFile(`${dist}${CHECKSUMS_PATH}`, checksumsFile(digests));
const named = new Set<Download>();

// Phones: every table's cells carry their column's name (see scripts/lib/table-labels.ts).
// Under a base path, every root-relative link moves under it (scripts/lib/base-path.ts).
let labelled = 0;
for (const file of htmlFiles(dist)) {
  const html = await readFile(file, 'utf8');
  const filled = fillChecksums(html, digests);
  filled.filled.forEach((f) => named.add(f));
  const withLabels = labelTables(filled.html);
  if (withLabels !== filled.html) labelled++;
  const next = rebaseHtml(withLabels, base);
  if (next !== html) await writeFile(file, next);
}
console.log(`postbuild: labelled the table cells of ${labelled} pages for narrow screens`);

const unnamed = DOWNLOADS.filter((f) => !named.has(f));
if (unnamed.length)
  throw new Error(`postbuild: no page shows the SHA-256 of ${unnamed.join(', ')}`);
console.log(
  `postbuild: SHA-256 on the pages and in ${CHECKSUMS_PATH.slice(1)}: ${DOWNLOADS.map((f) => `${f} ${digests[f].slice(0, 12)}…`).join(', ')}`,
);

// Full-text index. The astro-pagefind integration only logs failures; here any error fails the build.
const { index, errors: createErrors } = await pagefind.createIndex({ forceLanguage: 'en' });
if (!index) throw new Error(`pagefind: could not create an index: ${createErrors.join('; ')}`);
const added = await index.addDirectory({ path: dist });
if (added.errors.length) throw new Error(`pagefind: indexing failed: ${added.errors.join('; ')}`);
if (added.page_count < model.ports.length + model.services.length)
  throw new Error(`pagefind: only ${added.page_count} pages indexed`);
const written = await index.writeFiles({ outputPath: `${dist}/pagefind` });
if (written.errors.length)
  throw new Error(`pagefind: writing the index failed: ${written.errors.join('; ')}`);
await pagefind.close();
// The site uses Pagefind's search API only; its ready-made UIs would be dead weight on the server.
const unused = (await readdir(`${dist}/pagefind`)).filter((f) =>
  /^pagefind-(component-ui|modular-ui|ui|highlight)\./.test(f),
);
await Promise.all(unused.map((f) => rm(`${dist}/pagefind/${f}`)));
console.log(
  `postbuild: pagefind indexed ${added.page_count} pages (removed ${unused.length} unused UI files)`,
);

// Offline: the service worker keeps the checker, the shared assets and the port index.
const assets = (await readdir(`${dist}/_astro`)).map((f) => `/_astro/${f}`).sort();
const precache = [
  '/check/',
  '/reach/',
  '/downloads/ck8s-reach.sh',
  '/404.html',
  '/search/ports.json',
  '/favicon.svg',
  ...assets,
].map((p) => rebase(p, base));
const version = createHash('sha256')
  .update(model.ref.meta.dataVersion + precache.join())
  .digest('hex')
  .slice(0, 12);
await writeFile(`${dist}/sw.js`, serviceWorkerSource(version, precache, base));
console.log(`postbuild: sw.js precaches ${precache.length} files (version ${version})`);
