/**
 * `npm run --silent upstream:check [DIR]`: compares data/reference.json with upstream's own files
 * (by default the snapshots in upstream/, or a folder of the same layout). Exits 1 on any
 * difference the data does not declare as a deviation, naming the release, the port and the field.
 */
import type { Model } from '../domain/model.ts';
import {
  compareWithUpstream,
  describeDifference,
  type UpstreamRelease,
} from './upstream/compare.ts';

export interface ManifestFile {
  kind: 'ports' | 'ufw' | 'checks' | 'service-ports' | 'cluster-defaults';
  file: string;
  repo: string;
  path: string;
  ref: string;
  releases: string[];
}

export interface Manifest {
  repos: Record<string, { option: string }>;
  files: ManifestFile[];
}

/** Each release's upstream files, read through `read(file)` (a path inside the snapshot folder). */
export function upstreamReleases(
  model: Model,
  manifest: Manifest,
  read: (file: string) => string,
): UpstreamRelease[] {
  const fileFor = (kind: ManifestFile['kind'], release: string) =>
    manifest.files.find((f) => f.kind === kind && f.releases.includes(release))?.file;
  return model.releases.map(({ id }) => {
    const [ports, ufw, checks, servicePorts, clusterDefaults] = (
      ['ports', 'ufw', 'checks', 'service-ports', 'cluster-defaults'] as const
    ).map((kind) => {
      const file = fileFor(kind, id);
      return file === undefined ? undefined : read(file);
    });
    return {
      release: id,
      ...(ports !== undefined ? { ports } : {}),
      ...(ufw !== undefined ? { ufw } : {}),
      ...(checks !== undefined && servicePorts !== undefined && clusterDefaults !== undefined
        ? { checks: { checks, servicePorts, clusterDefaults } }
        : {}),
    };
  });
}

export function runUpstreamCheck(
  model: Model,
  upstream: UpstreamRelease[],
  out: (t: string) => void,
): number {
  const result = compareWithUpstream(model, upstream);
  const lines: string[] = [];
  for (const d of result.undeclared)
    lines.push(
      `undeclared: ${describeDifference(d)}. Fix the data, or declare a deviation with its reason.`,
    );
  for (const d of result.stale)
    lines.push(
      `stale deviation: ${d.document} ${d.key ?? `${d.port}/${d.protocol}`} field ${d.field} (${d.releases.from}-${d.releases.to}): upstream no longer differs on every release it names.`,
    );
  lines.push(...result.problems);
  const compared = result.compared
    .map((c) => `${c.release}: ${c.rows} table rows, ${c.rules} ufw rules, ${c.checks} checks`)
    .join('; ');
  lines.push(
    `upstream:check: ${compared}. ${result.declared.length} differences, each declared with its reason; ${result.undeclared.length} undeclared; ${result.stale.length} stale; ${result.problems.length} other.`,
  );
  out(lines.join('\n') + '\n');
  return result.undeclared.length || result.stale.length || result.problems.length ? 1 : 0;
}
