// Node audit on realistic ss output: healthy nodes, a kubeadm node, wider and narrower binds, foreign listeners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import type { AuditReport } from '../../src/checker/audit.ts';
import type { NodeInput } from '../../src/domain/node.ts';
import { checker, fixture } from './checker-helpers.ts';
import { mustIp } from '../../src/domain/net.ts';

const audit = (text: string, input: NodeInput) =>
  checker.audit(text, model.roleNode(input, 'check'));

const kinds = (r: AuditReport, kind: string) =>
  r.items
    .filter((i) => i.kind === kind)
    .map((i) => i.endpoint?.port ?? i.port)
    .sort((a, b) => a! - b!);

test('healthy control plane: everything documented is listening; Cilium metrics are undocumented; containerd not missing', async () => {
  const r = await audit(fixture('own/ss-tulpn-ck8s-control-plane.txt'), {
    role: 'control-plane',
    nodeIp: mustIp('10.0.0.5'),
  });
  const expected = checker
    .targets(model.node({ role: 'control-plane' }))
    .filter((t) => t.endpoint.inListings)
    .map((t) => t.port)
    .sort((a, b) => a - b);
  assert.deepEqual(kinds(r, 'listening'), expected);
  assert.deepEqual(kinds(r, 'missing'), []);
  assert.deepEqual(kinds(r, 'wider'), []);
  assert.deepEqual(kinds(r, 'foreign'), []);
  assert.deepEqual(kinds(r, 'undocumented'), [9962]);
  assert.ok(r.notes.some((n) => /containerd/.test(n)));
  assert.ok(
    r.items.find((i) => i.endpoint?.port === 8472)!.detail.includes('as documented'),
    'the kernel-owned VXLAN socket counts',
  );
});

test('healthy worker (ss -tlnp): k8s-apiserver-proxy on 6443 listens; UDP is not checked in a TCP-only capture', async () => {
  const release = model.releases
    .filter((r) => r.kubeProxyReplacement.includes(false) && r.kubeProxyReplacement.length === 1)
    .at(-1)!.id;
  const r = await audit(fixture('own/ss-tlnp-ck8s-worker.txt'), {
    role: 'worker',
    release,
  });
  assert.deepEqual(kinds(r, 'missing'), []);
  assert.ok(
    r.items.some(
      (i) => i.kind === 'listening' && i.endpoint?.port === 6443 && i.process === 'k8s-apiserver-p',
    ),
  );
  assert.ok(r.notes.some((n) => /no UDP listeners/.test(n)));
  assert.deepEqual(kinds(r, 'foreign'), []);
});

test('kubeadm controller (sample 08): wider, narrower, missing and undocumented are told apart', async () => {
  const r = await audit(fixture('samples/08-ss-ltpn-kubeadm-controller-ubuntu2404.txt'), {
    role: 'control-plane',
    kubeProxyReplacement: false,
  });
  assert.deepEqual(kinds(r, 'wider'), [10256], 'kube-proxy healthz on * instead of 127.0.0.1');
  assert.deepEqual(
    kinds(r, 'narrower'),
    [10257, 10259],
    'controller manager and scheduler only on 127.0.0.1',
  );
  assert.ok(kinds(r, 'missing').includes(6400), 'no k8sd');
  assert.ok(
    r.items
      .find((i) => i.kind === 'missing' && i.endpoint?.port === 6400)!
      .detail.includes('systemctl status snap.k8s.k8sd'),
  );
  assert.deepEqual(kinds(r, 'undocumented'), [2381], 'etcd metrics on 2381 is kubeadm, not ours');
  const stream = r.items.find((i) => i.port === 33025)!;
  assert.equal(
    stream.kind,
    'listening',
    "containerd's CRI stream server on a random loopback port",
  );
  assert.equal(stream.service, 'containerd');
  assert.ok(kinds(r, 'listening').includes(2379));
});

test('a foreign process on a Canonical Kubernetes port is reported, and the service as missing', async () => {
  const r = await audit(
    'tcp LISTEN 0 4096 *:10250 *:* users:(("python3",pid=9,fd=3))\ntcp LISTEN 0 4096 *:6443 *:* users:(("kube-apiserver",pid=8,fd=3))\n',
    { role: 'control-plane' },
  );
  assert.deepEqual(kinds(r, 'foreign'), [10250]);
  assert.ok(kinds(r, 'missing').includes(10250));
  assert.ok(kinds(r, 'listening').includes(6443));
});

test('a localhost endpoint on 0.0.0.0 is a security finding', async () => {
  const local = checker.targets(model.node()).find((t) => t.endpoint.bind === 'localhost')!;
  const name = model.service(local.endpoint.service).processNames[0]!;
  const r = await audit(
    `tcp LISTEN 0 4096 0.0.0.0:${local.port} 0.0.0.0:* users:(("${name.slice(0, 15)}",pid=9,fd=3))\n`,
    { role: 'control-plane' },
  );
  const wider = r.items.find((i) => i.kind === 'wider')!;
  assert.equal(wider.endpoint!.port, local.port);
  assert.match(wider.detail, /^Security:/);
});
