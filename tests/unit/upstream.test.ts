// The drift check: the data agrees with upstream's own files, and any change to a compared
// field of the data, without a declared deviation, fails it with the release, port and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import raw from '../../data/reference.json' with { type: 'json' };
import { createModel } from '../../src/domain/model.ts';
import { validateReference } from '../../src/domain/validate.ts';
import { model } from '../../src/domain/data.ts';
import { runUpstreamCheck, upstreamReleases, type Manifest } from '../../src/cli/upstream-check.ts';
import { runUpstreamRefresh } from '../../src/cli/upstream-refresh.ts';
import { parseChecks, parsePortsTable, parseUfwHowto } from '../../src/cli/upstream/parse.ts';

const root = new URL('../../upstream/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8')) as Manifest;
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

type Raw = typeof raw;
function run(edit: (d: Raw) => void): { code: number; text: string } {
  const data = structuredClone(raw);
  edit(data);
  const m = createModel(validateReference(data));
  let text = '';
  const code = runUpstreamCheck(m, upstreamReleases(m, manifest, read), (t) => (text += t));
  return { code, text };
}

test('the shipped data agrees with the snapshots, every difference declared', () => {
  const { code, text } = run(() => undefined);
  assert.equal(code, 0, text);
  assert.match(text, /0 undeclared; 0 stale; 0 other/);
});

test('each release reads its own files, as the manifest says', () => {
  const releases = upstreamReleases(model, manifest, read);
  assert.deepEqual(
    releases.map((r) => r.release),
    model.releases.map((r) => r.id),
  );
  for (const r of releases) {
    assert.ok(r.ports && r.checks, r.release);
    assert.equal(!!r.ufw, model.howtoIn(r.release).length > 0, `how-to on ${r.release}`);
  }
});

const endpoint = (d: Raw, service: string) => d.endpoints.find((e) => e.service === service)!;

for (const [field, edit, expected] of [
  [
    'port',
    (d: Raw) => (endpoint(d, 'k8sd').port = 6401),
    /release 1\.32, 6401\/tcp, field present: upstream not listed; ours listed/,
  ],
  [
    'protocol',
    (d: Raw) => (endpoint(d, 'k8sd').protocol = 'udp'),
    /release 1\.32, 6400\/udp, field present/,
  ],
  [
    'bind',
    (d: Raw) => (endpoint(d, 'k8sd').bind = '*'),
    /release 1\.32, 6400\/tcp, field binds: upstream default; ours \*/,
  ],
  [
    'roles',
    (d: Raw) => (endpoint(d, 'k8sd').roles = ['control-plane']),
    /release 1\.32, 6400\/tcp, field roles: upstream control-plane, worker; ours control-plane/,
  ],
  [
    'pre-flight',
    (d: Raw) => (d.preflight.find((c) => c.key === 'kubelet-read-only')!.port = 10254),
    /release 1\.32, kubelet-read-only, field port: upstream 10255; ours 10254/,
  ],
  [
    'pre-flight roles',
    (d: Raw) =>
      (d.preflight.find((c) => c.key === 'kube-scheduler')!.roles = ['control-plane', 'worker']),
    /release 1\.36, kube-scheduler, field roles/,
  ],
  [
    'default pod CIDR',
    (d: Raw) => (d.releases[0]!.defaultPodCidr = '10.2.0.0/16'),
    /release 1\.32, default pod CIDR: upstream 10\.1\.0\.0\/16, ours 10\.2\.0\.0\/16/,
  ],
  [
    'how-to',
    (d: Raw) => d.ufwHowto.pop(),
    /release 1\.36, 2379\/tcp on control-plane, field present: upstream opened; ours not recorded/,
  ],
] as const)
  test(`changing the ${field} of one entry fails the check and names it`, () => {
    const { code, text } = run(edit);
    assert.equal(code, 1);
    assert.match(text, expected);
  });

test('a deviation upstream no longer contradicts is reported as stale', () => {
  const { code, text } = run((d) => {
    const e = endpoint(d, 'etcd');
    e.extraBinds = [];
  });
  assert.equal(code, 1);
  assert.match(text, /stale deviation: ports-reference 2379\/tcp field binds/);
});

test('the parsers read what each file states', () => {
  const rows = parsePortsTable(read('k8s-snap/ports-and-services.release-1.36.md'));
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.port > 0 && ['localhost', 'default', '*'].includes(r.bind)));
  const rules = parseUfwHowto(read('k8s-snap/ufw.release-1.35.md'));
  assert.ok(
    rules.some((r) => r.datastore === 'k8s-dqlite'),
    'the k8s-dqlite tab',
  );
  const checks = parseChecks({
    checks: read('k8sd/checks.go.main'),
    servicePorts: read('k8sd/k8s_service_configs.go.main'),
    clusterDefaults: read('k8sd/cluster_config_defaults.go.main'),
  });
  assert.deepEqual(
    checks
      .filter((c) => c.roles.length === 1)
      .map((c) => `${c.key}:${c.roles[0]}`)
      .sort(),
    model
      .checksIn(model.latest.id)
      .filter((c) => c.roles.length === 1 && c.key !== 'loadbalancer')
      .map((c) => `${c.key}:${c.roles[0]}`)
      .sort(),
  );
});

test('refresh writes every manifest file from the given clones and checks shared blobs', () => {
  const written = new Map<string, string>();
  const blob = (dir: string, ref: string, path: string) => `${dir} ${ref} ${path}`;
  let out = '';
  const args = ['--k8s-snap', 'SNAP', '--k8sd', 'K8SD', '--out', 'x'];
  const code = runUpstreamRefresh(args, manifest, {
    // Release branches that the manifest says share a file give the same text, except 1.34.
    show: (dir, ref, path) =>
      blob(dir, ref.startsWith('release-1.3') && ref !== 'release-1.34' ? 'release' : ref, path),
    write: (file, text) => written.set(file, text),
    out: (t) => (out += t),
  });
  assert.equal(written.size, manifest.files.length);
  assert.ok([...written.keys()].every((f) => f.startsWith('x/')));
  assert.equal(code, 1);
  assert.match(out, /on release-1\.34 differs from release-1\.35/);
  assert.throws(
    () =>
      runUpstreamRefresh(['--k8s-snap', 'SNAP'], manifest, {
        show: () => '',
        write: () => {},
        out: () => {},
      }),
    /give --k8sd GITDIR/,
  );
});
