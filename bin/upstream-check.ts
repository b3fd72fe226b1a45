// Entry point for `npm run --silent upstream:check [DIR]` (default: the snapshots in upstream/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { model } from '../src/domain/data.ts';
import { runUpstreamCheck, upstreamReleases, type Manifest } from '../src/cli/upstream-check.ts';

const dir = process.argv[2] ?? 'upstream';
try {
  const manifest = JSON.parse(readFileSync(join('upstream', 'manifest.json'), 'utf8')) as Manifest;
  const releases = upstreamReleases(model, manifest, (file) =>
    readFileSync(join(dir, file), 'utf8'),
  );
  process.exitCode = runUpstreamCheck(model, releases, (t) => process.stdout.write(t));
} catch (error) {
  process.stderr.write(`upstream:check: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
