// The real published samples (tests/fixtures/samples/SOURCES.md), checked end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { byLine, check, checker, fixture, lineOf } from './checker-helpers.ts';
import { mustIp } from '../../src/domain/net.ts';

const dqliteRelease = model.releases.filter((r) => r.datastores.includes('k8s-dqlite')).at(-1)!.id;

test('04 ss -tnlp (Cilium on kubeadm): Cilium listeners are expected, no conflict', async () => {
  const text = fixture('samples/04-ss-tnlp-cilium-hubble-agent-operator-envoy.txt');
  const r = await check(text);
  assert.equal(r.format, 'ss');
  assert.equal(r.summary.conflict, 0);
  assert.deepEqual(r.unrecognized, []);
  const cilium = checker
    .targets(model.node())
    .filter((t) => t.endpoint.service.startsWith('cilium') && t.protocol === 'tcp')
    .map((t) => t.port);
  for (const f of r.findings) {
    const own = cilium.includes(f.port) && /^cilium-(agent|operator)$/.test(f.process ?? '');
    assert.equal(f.verdict, own ? 'expected' : 'ok', `line ${f.line} ${f.port} ${f.process}`);
  }
  assert.equal(byLine(r, 1).length, 0, 'the prompt line is structure');
});

test('06 lsof: 9-character names are recognised, old kubeadm ports are not Canonical Kubernetes ports', async () => {
  const text = fixture('samples/06-lsof-inP-grep-LIST-k8s-controller.txt');
  const r = await check(text, { release: '1.35' });
  assert.equal(r.format, 'lsof');
  assert.equal(byLine(r, lineOf(text, '127.0.0.1:10249'))[0]!.verdict, 'expected');
  assert.equal(byLine(r, lineOf(text, '*:10250'))[0]!.verdict, 'expected');
  // This kubelet serves the old read-only port; k8sd's pre-flight check tests 10255 on every node.
  const readOnly = byLine(r, lineOf(text, '*:10255'))[0]!;
  assert.equal(readOnly.verdict, 'conflict');
  assert.deepEqual(readOnly.preflight, ['kubelet-read-only']);
  assert.equal(r.summary.conflict, 1);
});

test('08 ss -ltpn on a kubeadm controller: etcd, kubelet, controller manager are themselves', async () => {
  const text = fixture('samples/08-ss-ltpn-kubeadm-controller-ubuntu2404.txt');
  const r = await check(text, { nodeIp: mustIp('192.168.1.105'), kubeProxyReplacement: false });
  assert.equal(r.summary.conflict, 0);
  // With kube-proxy replacement on, kube-proxy does not run, yet k8sd still tests its ports.
  const replaced = await check(text, {
    nodeIp: mustIp('192.168.1.105'),
    kubeProxyReplacement: true,
  });
  assert.deepEqual(
    replaced.findings.filter((f) => f.verdict === 'conflict').map((f) => f.preflight),
    model.checks
      .filter((c) => c.key.startsWith('kube-proxy') && text.includes(`:${c.port} `))
      .sort((a, b) => text.indexOf(`:${a.port} `) - text.indexOf(`:${b.port} `))
      .map((c) => [c.key]),
  );
  assert.equal(byLine(r, lineOf(text, '192.168.1.105:2379'))[0]!.verdict, 'expected');
  assert.equal(byLine(r, lineOf(text, '"kube-controller"'))[0]!.verdict, 'expected');
  assert.equal(byLine(r, lineOf(text, '127.0.0.54:53'))[0]!.verdict, 'ok');
  assert.equal(byLine(r, lineOf(text, '[sudo] password')).length, 0);
  assert.deepEqual(r.unrecognized, []);
});

test('12 compose MinIO on 127.0.0.1:9000: blocks bootstrap on a k8s-dqlite control plane, fine on the latest release', async () => {
  const text = fixture('samples/12-docker-compose-minio-127.0.0.1-9000.txt');
  const dqlite = await check(text, { release: dqliteRelease, datastore: 'k8s-dqlite' });
  const f = byLine(dqlite, lineOf(text, '127.0.0.1:9000:9000'))[0]!;
  assert.equal(f.verdict, 'conflict');
  assert.match(f.reason, /blocks bootstrap\/join/i);
  assert.equal(f.endpoints[0]!.service, 'k8s-dqlite');
  const latest = await check(text);
  assert.equal(latest.summary.conflict, 0, 'no k8s-dqlite in the latest release');
  assert.equal(latest.format, 'compose');
});

test('13 compose Portainer 9000:9000 and a host-network node-exporter', async () => {
  const text = fixture('samples/13-docker-compose-portainer-9000-node-exporter-hostnet.txt');
  const r = await check(text, { release: dqliteRelease, datastore: 'k8s-dqlite' });
  const portainer = byLine(r, lineOf(text, "'9000:9000'"))[0]!;
  assert.equal(portainer.verdict, 'conflict');
  assert.match(portainer.reason, /assumed to bind all interfaces/);
  assert.ok(
    r.notes.some((n) => /node-exporter.*network_mode: host/.test(n)),
    'the host-network service is reported',
  );
});

test('14 Service NodePort: only nodePorts bind the host; containerPort 9000 is no host bind', async () => {
  const text = fixture('samples/14-k8s-service-nodeport-portainer-9000.txt');
  const r = await check(text, { release: dqliteRelease, datastore: 'k8s-dqlite' });
  assert.equal(r.format, 'kubernetes');
  assert.deepEqual(
    r.findings
      .filter((f) => f.kind === 'listen')
      .map((f) => f.port)
      .sort(),
    [30776, 30777, 30779],
  );
  const c9000 = r.findings.find((f) => f.port === 9000)!;
  assert.equal(c9000.kind, 'no-host-bind');
  assert.equal(c9000.verdict, 'ok');
  assert.equal(r.summary.conflict, 0);
});

test('15 DaemonSet with hostNetwork and hostPort 9100, and a flag that binds 127.0.0.1:9101', async () => {
  const text = fixture('samples/15-k8s-daemonset-node-exporter-hostnetwork-hostport-9100.txt');
  const r = await check(text);
  const ports = r.findings.filter((f) => f.kind === 'listen').map((f) => f.port);
  assert.ok(ports.includes(9100));
  const f9101 = r.findings.find((f) => f.port === 9101)!;
  assert.equal(f9101.address, '127.0.0.1');
});

test('16 iptables -nL: accept-all rules cover everything; jumps and established rules are not allows', async () => {
  const text = fixture('samples/16-iptables-nL-openshift-node-os-firewall-allow.txt');
  const r = await check(text);
  assert.equal(r.format, 'iptables');
  assert.ok(r.firewall, 'a firewall summary');
  assert.equal(r.firewall.uncovered.length, 0, 'ACCEPT all covers every port');
  assert.ok(r.ignored.some((i) => i.line === lineOf(text, 'KUBE-FIREWALL  all')));
  assert.ok(
    r.ignored.some(
      (i) => i.line === lineOf(text, 'state RELATED,ESTABLISHED') && /established/.test(i.reason),
    ),
  );
  assert.ok(r.notes.some((n) => /not evaluated/.test(n)));
});

test('17 kubectl get svc -A: 80:32033/TCP binds 32033 only', async () => {
  const text = fixture('samples/17-kubectl-get-svc-A-argocd-contour.txt');
  const r = await check(text);
  assert.equal(r.format, 'kubectl-svc');
  assert.deepEqual(
    r.findings
      .filter((f) => f.kind === 'listen')
      .map((f) => f.port)
      .sort(),
    [30369, 32033],
  );
  assert.ok(r.findings.filter((f) => f.port === 80).every((f) => f.kind === 'no-host-bind'));
  assert.deepEqual(r.unrecognized, []);
});

test('18 nft template: rendered rules are read, template expressions are reported, not dropped', async () => {
  const text = fixture('samples/18-nft-rules-k3s-ansible-template.txt');
  const r = await check(text);
  assert.equal(r.format, 'nft');
  assert.ok(r.unrecognized.some((u) => u.line === lineOf(text, 'default(6443)')));
  const covered = r.firewall!.covered.map((e) => `${e.port}/${e.protocol}`);
  assert.ok(covered.includes('10250/tcp') && covered.includes('8472/udp'));
  assert.ok(
    r.firewall!.uncovered.some((e) => e.port === 6443),
    'the templated 6443 rule is not counted',
  );
});

test('19 the upstream docs table: every listed port is recognised with its interface', async () => {
  const text = fixture('samples/19-portlist-k8s-snap-docs-services-and-ports.txt');
  // kube-proxy's rows exist only without kube-proxy replacement.
  const r = await check(text, { role: 'both', kubeProxyReplacement: false });
  assert.equal(r.format, 'plain');
  assert.deepEqual(r.unrecognized, []);
  const rows = text.split('\n').filter((l) => /^\| (localhost|default|\*):\d+/.test(l));
  assert.equal(r.findings.length, rows.length);
  for (const f of r.findings)
    assert.notEqual(f.verdict, 'ok', `${f.port} is a Canonical Kubernetes port`);
});

test('25 docker ps: 0.0.0.0:9000 and :::9000 clash; an exposed-only 8000/tcp does not bind the host', async () => {
  const text = fixture('samples/25-docker-ps-portainer-9000.txt');
  const r = await check(text, { release: dqliteRelease, datastore: 'k8s-dqlite' });
  assert.equal(r.format, 'docker-ps');
  const f9000 = r.findings.filter((f) => f.port === 9000);
  assert.equal(f9000.length, 2);
  assert.equal(f9000.find((f) => f.address === '0.0.0.0')!.verdict, 'conflict');
  assert.equal(r.findings.find((f) => f.port === 8000)!.kind, 'no-host-bind');
});
