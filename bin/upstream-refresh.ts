// Entry point for `npm run upstream:refresh -- --k8s-snap GITDIR --k8sd GITDIR [--out DIR]`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runUpstreamRefresh } from '../src/cli/upstream-refresh.ts';
import type { Manifest } from '../src/cli/upstream-check.ts';

const manifest = JSON.parse(readFileSync(join('upstream', 'manifest.json'), 'utf8')) as Manifest;
try {
  process.exitCode = runUpstreamRefresh(process.argv.slice(2), manifest, {
    show: (gitDir, ref, path) => {
      try {
        const args = ['-C', gitDir, 'show', `${ref}:${path}`];
        return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        return undefined;
      }
    },
    write: (file, text) => {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    },
    out: (t) => process.stdout.write(t),
  });
} catch (error) {
  process.stderr.write(`upstream:refresh: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
