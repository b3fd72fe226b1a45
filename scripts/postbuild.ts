// Runs after `astro build`: writes the host files that Astro does not route (_redirects, _headers).
import { writeFile } from 'node:fs/promises';
import { model } from '../src/lib/data.ts';
import { hostRedirects, hostHeaders } from '../src/lib/host-files.ts';

const dist = process.argv[2] ?? 'dist';
await writeFile(`${dist}/_redirects`, hostRedirects(model));
await writeFile(`${dist}/_headers`, hostHeaders());
console.log(`postbuild: wrote ${dist}/_redirects (${model.ports.length * 2} short links) and ${dist}/_headers`);
