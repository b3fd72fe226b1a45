/**
 * `npm run upstream:refresh -- --k8s-snap GITDIR --k8sd GITDIR [--out DIR]`: rewrites the files
 * that upstream:check reads, from local clones, with `git show REF:PATH`. For maintainers when
 * upstream moves. Where the manifest says one file stands for several releases, it checks that
 * each of those release branches still holds the same file.
 */
import type { Manifest } from './upstream-check.ts';

export interface RefreshIo {
  /** The file at `ref:path` in a git directory, or undefined if it does not exist there. */
  show(gitDir: string, ref: string, path: string): string | undefined;
  write(file: string, text: string): void;
  out(text: string): void;
}

/** A release's branch in the snap's repository. */
const branchOf = (release: string) => `release-${release}`;

export function runUpstreamRefresh(argv: string[], manifest: Manifest, io: RefreshIo): number {
  const dirs = new Map<string, string>();
  let out = 'upstream';
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i];
    const repo = Object.entries(manifest.repos).find(([, r]) => r.option === flag)?.[0];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (repo) dirs.set(repo, value);
    else if (flag === '--out') out = value;
    else throw new Error(`unknown option ${flag}`);
  }
  const missing = Object.entries(manifest.repos).filter(([repo]) => !dirs.has(repo));
  if (missing.length)
    throw new Error(`give ${missing.map(([, r]) => `${r.option} GITDIR`).join(' and ')}`);
  const problems: string[] = [];
  for (const f of manifest.files) {
    const dir = dirs.get(f.repo)!;
    const text = io.show(dir, f.ref, f.path);
    if (text === undefined) {
      problems.push(`${f.repo} ${f.ref}:${f.path} does not exist`);
      continue;
    }
    io.write(`${out}/${f.file}`, text);
    // Sibling release branches the manifest says hold the same blob.
    for (const release of f.releases) {
      if (f.repo !== 'canonical/k8s-snap' || branchOf(release) === f.ref) continue;
      if (io.show(dir, branchOf(release), f.path) !== text)
        problems.push(
          `${f.path} on ${branchOf(release)} differs from ${f.ref}: give release ${release} its own file in upstream/manifest.json`,
        );
    }
  }
  io.out(
    `upstream:refresh: wrote ${manifest.files.length - problems.filter((p) => p.endsWith('does not exist')).length} files into ${out}/\n`,
  );
  for (const p of problems) io.out(`problem: ${p}\n`);
  return problems.length ? 1 : 0;
}
