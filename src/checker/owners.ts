/**
 * Who likely holds a port: other software named by a listener's process, image or device, from
 * the owners table in the data. Never from a port number alone; unknown owners stay unknown.
 */
import type { Owner } from '../domain/schema.ts';
import { processMatches } from '../domain/process.ts';
import type { Entry, Finding } from './types.ts';

/** `php-fpm*` matches any suffix; other names match exactly or as a listing tool cuts them. */
function nameMatches(shown: string, pattern: string, width?: number): boolean {
  if (pattern.endsWith('*')) return shown.startsWith(pattern.slice(0, -1));
  return processMatches(shown, pattern, width);
}

/** `quay.io/minio/minio:RELEASE.2024` → `minio/minio`; `sonarqube:lts` → `sonarqube`. */
export function imageRepository(image: string): string {
  const path = image.replace(/@.*$/, '').split('/');
  const last = path.pop()!.replace(/:.*$/, '');
  if (path.length && /[.:]|^localhost$/.test(path[0]!)) path.shift();
  if (path[0] === 'library') path.shift();
  return [...path, last].join('/');
}

function imageMatches(image: string, listed: string): boolean {
  const repo = imageRepository(image);
  return listed.includes('/')
    ? repo === listed || repo.endsWith(`/${listed}`)
    : repo.split('/').pop() === listed;
}

export function ownerOf(owners: readonly Owner[], entry: Entry): Owner | undefined {
  return owners.find(
    (o) =>
      (entry.device !== undefined && o.devices.some((d) => nameMatches(entry.device!, d))) ||
      (entry.image !== undefined && o.images.some((i) => imageMatches(entry.image!, i))) ||
      (entry.processes ?? []).some((p) =>
        o.processes.some((name) => nameMatches(p, name, entry.processWidth)),
      ),
  );
}

/** The owner as a finding carries it, with `{port}` filled in. */
export function ownerRef(owner: Owner, port: number): NonNullable<Finding['owner']> {
  return {
    name: owner.name,
    remedy: owner.remedy.replaceAll('{port}', String(port)),
    url: owner.url,
  };
}

const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);

/** `12` or `4, 5, 6 and 2 more`: the lines a signal was seen on. */
const linesText = (lines: number[]) =>
  `line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 3).join(', ')}${lines.length > 3 ? ` and ${lines.length - 3} more` : ''}`;

/** One note per distribution whose signals the paste shows, naming the evidence and the remedy. */
export function distributionNotes(owners: readonly Owner[], entries: readonly Entry[]): string[] {
  const notes: string[] = [];
  for (const o of owners.filter((x) => x.distribution)) {
    const seen = new Map<string, number[]>();
    for (const e of entries) {
      if (e.kind !== 'listen') continue;
      for (const s of o.signals) {
        const process = (e.processes ?? []).find(
          (p) => s.process && nameMatches(p, s.process, e.processWidth),
        );
        if (s.process !== undefined && !process) continue;
        if (s.port !== undefined && (e.port !== s.port || e.endPort !== undefined)) continue;
        const what = [process, s.port !== undefined ? `on ${s.port}` : '']
          .filter(Boolean)
          .join(' ');
        seen.set(what, [...new Set([...(seen.get(what) ?? []), e.line])]);
      }
    }
    if (!seen.size) continue;
    const evidence = [...seen].map(([what, lines]) => `${what} (${linesText(lines)})`);
    notes.push(
      `This node also runs ${o.name}: ${evidence.slice(0, 4).join('; ')}. Listeners with the same names as Canonical Kubernetes' own (kubelet, containerd, etcd, k8s-dqlite) may be ${possessive(o.name)}, not the snap's. ${o.remedy} See ${o.url}`,
    );
  }
  return notes;
}
