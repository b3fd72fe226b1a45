// Who holds a port: owners from the data, named by process, image or device; never by port alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { runCli, type CliIo } from '../../src/cli/check-ports.ts';
import { imageRepository } from '../../src/checker/owners.ts';
import { check, fixture, lineOf } from './checker-helpers.ts';

const owner = (id: string) => model.owners.find((o) => o.id === id)!;

test('a k3s listener on 10250 names k3s and its remedy, in the table and the JSON', async () => {
  const out: string[] = [];
  const io: CliIo = {
    readFile: () => Promise.reject(new Error('none')),
    readStdin: () =>
      Promise.resolve(
        new TextEncoder().encode(
          'tcp LISTEN 0 4096 *:10250 *:* users:(("k3s-server",pid=1580,fd=170))\n',
        ),
      ),
    stdinIsTerminal: false,
    out: (t) => out.push(t),
    err: () => undefined,
  };
  assert.equal(await runCli(['--json'], io, model), 1);
  const f = (JSON.parse(out.join('')) as { findings: { owner?: unknown; reason: string }[] })
    .findings[0]!;
  const k3s = owner('k3s');
  assert.deepEqual(f.owner, { name: k3s.name, remedy: k3s.remedy, url: k3s.url });
  assert.ok(f.reason.includes(`Likely ${k3s.name}: ${k3s.remedy}`));
});

test('owners come from images in docker ps and Compose input', async () => {
  const ps = await check(fixture('samples/25-docker-ps-portainer-9000.txt'), {
    release: '1.35',
    datastore: 'k8s-dqlite',
  });
  assert.ok(ps.findings.some((f) => f.port === 9000 && f.owner?.name === owner('portainer').name));
  const compose = await check(fixture('samples/12-docker-compose-minio-127.0.0.1-9000.txt'), {
    release: '1.35',
    datastore: 'k8s-dqlite',
  });
  assert.ok(compose.findings.some((f) => f.owner?.name === owner('minio').name));
  assert.equal(imageRepository('quay.io/minio/minio:RELEASE.2024-01-01'), 'minio/minio');
  assert.equal(imageRepository('docker.io/library/sonarqube:lts@sha256:abc'), 'sonarqube');
  assert.equal(imageRepository('localhost:5000/team/php:8.2-fpm'), 'team/php');
});

test('never from a port number alone: unknown owners stay unknown', async () => {
  for (const text of [
    '0.0.0.0:9000',
    'tcp LISTEN 0 4096 *:9000 *:* users:(("python3",pid=7,fd=3))',
    'tcp LISTEN 0 4096 *:179 *:* users:(("gobgpd",pid=7,fd=3))',
  ]) {
    const r = await check(text, { release: '1.35', datastore: 'k8s-dqlite' });
    assert.equal(r.findings[0]!.owner, undefined, text);
  }
  const bird = await check('tcp LISTEN 0 8 *:179 *:* users:(("bird",pid=7,fd=3))', {
    release: '1.36',
  });
  assert.equal(bird.findings[0]!.verdict, 'conflict');
  assert.equal(bird.findings[0]!.owner?.name, owner('bird').name);
  const docker = await check(
    'tcp LISTEN 0 4096 0.0.0.0:6443 0.0.0.0:* users:(("docker-proxy",pid=7,fd=4))',
  );
  assert.ok(docker.findings[0]!.owner!.remedy.includes('publish=6443'), 'the port is filled in');
});

test('VXLAN devices name their owner', async () => {
  const text = fixture('own/ip-d-link.txt');
  const r = await check(text);
  assert.equal(
    r.findings.find((f) => f.line === lineOf(text, 'ftun0') + 2)!.owner?.name,
    owner('ubuntu-fan').name,
  );
  assert.equal(
    r.findings.find((f) => f.line === lineOf(text, 'flannel.1') + 2)!.owner?.name,
    owner('flannel').name,
  );
});

test('another distribution on the node: one note naming it, with its remedy', async () => {
  for (const [file, id] of [
    ['own/ss-tulpn-k3s-server.txt', 'k3s'],
    ['own/ss-tulpn-microk8s.txt', 'microk8s'],
    ['samples/08-ss-ltpn-kubeadm-controller-ubuntu2404.txt', 'kubeadm'],
  ] as const) {
    const r = await check(fixture(file));
    const o = owner(id);
    const notes = r.notes.filter((n) => n.startsWith('This node also runs'));
    assert.equal(notes.length, 1, file);
    assert.ok(notes[0]!.includes(o.name) && notes[0]!.includes(o.remedy), file);
  }
  // The same process names as Canonical Kubernetes' own stay expected line by line.
  const kubeadm = await check(fixture('samples/08-ss-ltpn-kubeadm-controller-ubuntu2404.txt'));
  assert.ok(
    kubeadm.findings.some((f) => f.process === 'kube-apiserver' && f.verdict === 'expected'),
  );
  const clean = await check(fixture('own/ss-tulpn-ck8s-control-plane.txt'));
  assert.ok(!clean.notes.some((n) => n.startsWith('This node also runs')));
});
