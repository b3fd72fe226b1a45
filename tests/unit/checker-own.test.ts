// Parsers and rules on fixtures written for this project (tests/fixtures/own/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { detectFormat, parseInput } from '../../src/checker/index.ts';
import { byLine, check, checker, fixture, lineOf, portsOf } from './checker-helpers.ts';
import { mustIp } from '../../src/domain/net.ts';

const dqliteRelease = model.releases.filter((r) => r.datastores.includes('k8s-dqlite')).at(-1)!.id;

test('a healthy control plane (ss -tulpn): every Canonical Kubernetes listener is expected, nothing clashes', async () => {
  const text = fixture('own/ss-tulpn-ck8s-control-plane.txt');
  const r = await check(text, { nodeIp: mustIp('10.0.0.5') });
  assert.equal(r.format, 'ss');
  assert.equal(r.summary.conflict, 0);
  assert.equal(r.summary['possible-conflict'], 0);
  assert.deepEqual(r.unrecognized, []);
  const expectedPorts = new Set(
    r.findings.filter((f) => f.verdict === 'expected').map((f) => `${f.port}/${f.protocol}`),
  );
  // Node ports are packet rules, not sockets: no listing shows them.
  for (const t of checker.targets(model.node()).filter((x) => x.endpoint.inListings))
    assert.ok(
      expectedPorts.has(`${t.port}/${t.protocol}`),
      `${t.port}/${t.protocol} seen as itself`,
    );
  assert.ok(
    r.ignored.some((i) => i.line === lineOf(text, 'ESTAB') && /not a listener/.test(i.reason)),
  );
  const vxlan = r.findings.find((f) => f.port === 8472)!;
  assert.equal(
    vxlan.verdict,
    'expected',
    'the kernel-owned VXLAN socket, in a paste taken as root',
  );
});

test('kernel-owned VXLAN with no process anywhere in the paste is not assumed to be Cilium', async () => {
  const r = await check('udp   UNCONN 0      0       0.0.0.0:8472       0.0.0.0:*\n');
  assert.equal(r.findings[0]!.verdict, 'conflict');
});

test('a worker: k8s-apiserver-p (15 characters) on 6443 is expected; MinIO on 127.0.0.1:9000 is fine there', async () => {
  const text = fixture('own/ss-tlnp-ck8s-worker.txt');
  const r = await check(text, {
    role: 'worker',
    release: dqliteRelease,
    datastore: 'k8s-dqlite',
    nodeIp: mustIp('10.0.0.21'),
  });
  assert.equal(byLine(r, lineOf(text, 'k8s-apiserver-p'))[0]!.verdict, 'expected');
  assert.equal(byLine(r, lineOf(text, 'minio'))[0]!.verdict, 'ok', 'workers run no k8s-dqlite');
  // Nothing listens on 10255 on a healthy node, but the pre-flight check tests it.
  const readOnly = byLine(r, lineOf(text, ':10255'))[0]!;
  assert.equal(readOnly.verdict, 'conflict');
  assert.deepEqual(readOnly.preflight, ['kubelet-read-only']);
  assert.equal(r.summary.conflict, 1);
  const cp = await check(text, {
    role: 'control-plane',
    release: dqliteRelease,
    datastore: 'k8s-dqlite',
    nodeIp: mustIp('10.0.0.21'),
  });
  const minio = byLine(cp, lineOf(text, 'minio'))[0]!;
  assert.equal(minio.verdict, 'conflict');
  assert.match(minio.reason, /bootstrap\/join/);
  assert.match(minio.reason, /minio/);
  assert.equal(
    byLine(cp, lineOf(text, 'k8s-apiserver-p'))[0]!.verdict,
    'conflict',
    'on a control plane 6443 is kube-apiserver',
  );
});

test('a process that only resembles a Canonical Kubernetes one is foreign', async () => {
  const text = fixture('own/lsof-i-P-n.txt');
  const r = await check(text);
  assert.equal(r.format, 'lsof');
  assert.equal(byLine(r, lineOf(text, 'kubeletx'))[0]!.verdict, 'conflict');
  assert.equal(byLine(r, lineOf(text, 'kube-cont'))[0]!.verdict, 'expected');
  assert.equal(byLine(r, lineOf(text, 'kube-sche'))[0]!.verdict, 'expected');
  assert.ok(r.ignored.some((i) => i.line === lineOf(text, 'ESTABLISHED')));
  assert.equal(byLine(r, lineOf(text, 'chronyd'))[0]!.protocol, 'udp');
});

test('netstat -tulpn: PID/Program truncation counts, a foreign python3 on 10259 clashes', async () => {
  const text = fixture('own/netstat-tulpn.txt');
  const r = await check(text, { nodeIp: mustIp('10.0.0.5') });
  assert.equal(r.format, 'netstat');
  assert.equal(byLine(r, lineOf(text, '1455/kube-controlle'))[0]!.verdict, 'expected');
  const py = byLine(r, lineOf(text, 'python3'))[0]!;
  assert.equal(py.verdict, 'conflict');
  assert.equal(py.endpoints[0]!.service, 'kube-scheduler');
  assert.equal(byLine(r, lineOf(text, ':::6443'))[0]!.address, '::');
  assert.deepEqual(r.unrecognized, []);
});

test('netstat -an: established rows and unix sockets are not listeners; owners are unknown', async () => {
  const text = fixture('own/netstat-an.txt');
  const r = await check(text, { release: dqliteRelease, datastore: 'k8s-dqlite' });
  assert.deepEqual(
    r.findings.map((f) => f.port),
    [9000, 10249, 80, 4789],
  );
  assert.match(r.findings[0]!.reason, /owner is unknown/);
  assert.ok(r.ignored.some((i) => /unix socket/.test(i.reason)));
  assert.equal(r.ignored.filter((i) => /not a listener/.test(i.reason)).length, 2);
});

test('netstat without -n: service and host names are read', async () => {
  const text = fixture('own/netstat-tlp-names.txt');
  const r = await check(text, { release: dqliteRelease, datastore: 'k8s-dqlite' });
  assert.deepEqual(
    r.findings.map((f) => f.port),
    [10248, 22, 9000],
  );
  assert.equal(r.findings[0]!.verdict, 'expected');
  assert.equal(r.findings[2]!.verdict, 'conflict');
});

test('compose long syntax, ranges, IPv6 host_ip, UDP, and host networking', async () => {
  const text = fixture('own/compose-long-syntax.yaml');
  const r = await check(text, { kubeProxyReplacement: false });
  assert.equal(r.format, 'compose');
  const f6443 = r.findings.find((f) => f.port === 6443)!;
  assert.equal(f6443.address, '127.0.0.1');
  assert.equal(f6443.verdict, 'conflict');
  // The published range 10248-10250 gives each port the node needs its own finding (issue 22).
  const needed = [10248, 10249, 10250].filter(
    (p) =>
      portsOf('kubelet').includes(p) ||
      portsOf('kube-proxy', { kubeProxyReplacement: false }).includes(p),
  );
  const line = r.findings.find((f) => f.port === 10248)!.line;
  const fromRange = r.findings.filter((f) => f.line === line);
  assert.deepEqual(
    fromRange
      .filter((f) => f.verdict !== 'ok')
      .map((f) => [f.port, f.endPort, f.endpoints[0]?.port]),
    needed.map((p) => [p, undefined, p]),
  );
  assert.equal(r.findings.find((f) => f.port === 8472)!.protocol, 'udp');
  assert.equal(
    r.findings.find((f) => f.port === 9890)!.verdict,
    'ok',
    '::1 does not overlap a 127.0.0.1 endpoint',
  );
  assert.equal(r.findings.find((f) => f.port === 3000)!.kind, 'no-host-bind');
  assert.equal(
    r.findings.find((f) => f.port === 10257)!.verdict,
    'conflict',
    'host network + --listen-address=:10257',
  );
});

test('Kubernetes JSON List: hostNetwork containerPorts and hostPort with hostIP', async () => {
  const text = fixture('own/k8s-hostport.json');
  const r = await check(text, { nodeIp: mustIp('10.0.0.5') });
  assert.equal(r.format, 'kubernetes');
  assert.equal(r.findings.find((f) => f.port === 4240)!.verdict, 'conflict');
  assert.equal(r.findings.find((f) => f.port === 8472)!.protocol, 'udp');
  assert.equal(r.findings.find((f) => f.port === 10250)!.kind, 'no-host-bind');
  const hp = r.findings.find((f) => f.port === 10259)!;
  assert.equal(hp.address, '10.0.0.9');
  assert.equal(hp.verdict, 'conflict', '10259 binds all interfaces');
});

test('ufw status numbered: allows, the app profile is reported, DENY is not an allow', async () => {
  const text = fixture('own/ufw-status-numbered.txt');
  const r = await check(text, { role: 'worker' });
  assert.equal(r.format, 'ufw');
  assert.ok(
    r.unrecognized.some(
      (u) => u.line === lineOf(text, 'OpenSSH') && /ufw app info OpenSSH/.test(u.reason!),
    ),
  );
  assert.ok(r.ignored.some((i) => i.line === lineOf(text, 'DENY')));
  const uncovered = r.firewall!.uncovered.map((e) => e.port);
  assert.deepEqual(
    uncovered,
    checker
      .targets(model.node({ role: 'worker' }))
      .filter(
        (t) =>
          t.endpoint.reachableFrom !== 'none' &&
          !t.endpoint.optIn &&
          ![10250, 6400, 4240, 8472].includes(t.port),
      )
      .map((t) => t.port),
  );
});

test('firewall-cmd --list-all: ports, a range, a rich rule; services resolved from firewalld', async () => {
  const text = fixture('own/firewalld-list-all.txt');
  const r = await check(text);
  assert.equal(r.format, 'firewalld');
  const covered = r.firewall!.covered.map((e) => e.port);
  for (const p of [6443, 2379, 2380, 10250, 8472, 6400]) assert.ok(covered.includes(p), String(p));
  // `services: dhcpv6-client ssh` opens what the package's definitions say.
  const services = byLine(r, lineOf(text, 'services:'));
  const ssh = model.firewalldServices.ssh!;
  assert.ok(ssh.length > 0);
  for (const spec of ssh)
    assert.ok(
      services.some((f) => `${f.port}/${f.protocol}` === spec && f.kind === 'firewall-allow'),
    );
  assert.deepEqual(r.unrecognized, []);
  const unknown = await check('services: ssh no-such-service', { format: 'firewalld' });
  assert.match(unknown.unrecognized[0]!.reason!, /ships no service "no-such-service"/);
});

test('iptables -S: multiport, ranges, established and loopback rules, jumps and OUTPUT', async () => {
  const text = fixture('own/iptables-S.txt');
  const r = await check(text);
  assert.equal(r.format, 'iptables');
  const covered = r.firewall!.covered.map((e) => e.port);
  for (const p of [6443, 10250, 10257, 10259, 8472]) assert.ok(covered.includes(p), String(p));
  assert.ok(!covered.includes(6400));
  assert.equal(r.ignored.length, 4);
  assert.deepEqual(r.unrecognized, []);
});

test('nft list ruleset: named and anonymous sets, ranges; forward chain ignored', async () => {
  const text = fixture('own/nft-ruleset.txt');
  const r = await check(text, { role: 'worker' });
  assert.equal(r.format, 'nft');
  assert.deepEqual(
    r.firewall!.uncovered.map((e) => e.port),
    checker
      .targets(model.node({ role: 'worker' }))
      .filter(
        (t) =>
          t.endpoint.reachableFrom !== 'none' &&
          !t.endpoint.optIn &&
          ![6443, 10250, 6400, 4240, 8472].includes(t.port),
      )
      .map((t) => t.port),
  );
  assert.ok(r.ignored.some((i) => /forward chain/.test(i.reason)));
  assert.deepEqual(r.unrecognized, []);
});

test('format detection on every fixture', () => {
  const cases: [string, string][] = [
    ['own/ss-tulpn-ck8s-control-plane.txt', 'ss'],
    ['own/ss-tlnp-ck8s-worker.txt', 'ss'],
    ['own/netstat-an.txt', 'netstat'],
    ['own/lsof-i-P-n.txt', 'lsof'],
    ['own/compose-long-syntax.yaml', 'compose'],
    ['own/k8s-hostport.json', 'kubernetes'],
    ['own/ufw-status-numbered.txt', 'ufw'],
    ['own/firewalld-list-all.txt', 'firewalld'],
    ['own/iptables-S.txt', 'iptables'],
    ['own/nft-ruleset.txt', 'nft'],
    ['samples/25-docker-ps-portainer-9000.txt', 'docker-ps'],
    ['samples/17-kubectl-get-svc-A-argocd-contour.txt', 'kubectl-svc'],
    ['own/netstat-tulpn.txt', 'netstat'],
    ['own/netstat-tlp-names.txt', 'netstat'],
    ['own/journal-bind-errors.txt', 'log'],
    ['own/iptables-commands.sh', 'script'],
    ['own/firewall-commands-mixed.sh', 'script'],
    ['own/ip-d-link.txt', 'ip-link'],
    ['own/sysctl-ephemeral.txt', 'sysctl'],
    ['own/ss-tulpn-k3s-server.txt', 'ss'],
    ['own/ss-tulpn-microk8s.txt', 'ss'],
  ];
  for (const [file, format] of cases) assert.equal(detectFormat(fixture(file)), format, file);
  // Every fixture's blocks, mixed ones included, are held in tests/unit/blocks.test.ts.
});

test('a manual format override is honoured, and socket lines in a plain list keep their queues out', async () => {
  const line = 'tcp LISTEN 0 4096 *:6443 *:*';
  const r = await parseInput(line, 'plain');
  assert.equal(r.format, 'plain');
  // Recv-Q 0 and Send-Q 4096 are queue lengths, not ports: the line is read as the socket it is.
  assert.deepEqual(
    r.entries.map((e) => [e.port, e.protocol, e.address ?? null, e.addressKind]),
    [[6443, 'tcp', '*', 'dual-any']],
  );
  assert.deepEqual(r.unrecognized, []);
  const mixed = [
    '22/tcp',
    'tcp6     129      0 :::8080                 :::*                    LISTEN      901/java',
    'udp6 2000 0 :::9999 :::*',
    'tcp6 9000',
  ].join('\n');
  const m = await parseInput(mixed, 'plain');
  assert.deepEqual(
    m.entries.map((e) => [e.line, e.port, e.protocol, e.processes?.[0] ?? null]),
    [
      [1, 22, 'tcp', null],
      [2, 8080, 'tcp', 'java'],
      [3, 9999, 'udp', null],
      [4, 9000, 'tcp', null],
    ],
  );
});

test('journal lines: only the ports a clash names are read, never times, PIDs or file:line', async () => {
  const text = fixture('own/journal-bind-errors.txt');
  const r = await check(text, { role: 'control-plane' });
  assert.equal(r.format, 'log');
  assert.deepEqual(
    r.findings.map((f) => [f.port, f.protocol, f.address ?? null, f.verdict]),
    [
      [10255, 'tcp', null, 'conflict'],
      [10250, 'tcp', '0.0.0.0', 'conflict'],
      [2379, 'tcp', '127.0.0.1', 'conflict'],
      [8472, 'udp', '[::]', 'conflict'],
    ],
  );
  assert.match(
    r.findings[0]!.reason,
    /k8sd's pre-flight check \(kubelet-read-only\) found 10255 taken/,
  );
  assert.match(r.findings[1]!.reason, /failed to listen on 0\.0\.0\.0:10250/);
  assert.deepEqual(r.unrecognized, []);
  assert.equal(r.ignored.length, 3);
  for (const i of r.ignored) assert.match(i.reason, /names no port clash/);
});

test('a bind error pasted alone, with any program around it, names the port and address', async () => {
  for (const [line, port, address] of [
    ['Error: listen tcp 0.0.0.0:10255: bind: address already in use', 10255, '0.0.0.0'],
    ['F1126 listen tcp4 :6443: bind: address already in use', 6443, null],
    [
      '2026/11/26 [emerg] bind() to 0.0.0.0:6443 failed (98: Address already in use)',
      6443,
      '0.0.0.0',
    ],
  ] as const) {
    const r = await check(line);
    assert.equal(r.format, 'log', line);
    assert.deepEqual([r.findings[0]!.port, r.findings[0]!.address ?? null], [port, address], line);
    assert.equal(r.findings[0]!.verdict, 'conflict', line);
  }
});

test('ip -d link: a foreign VXLAN device on the tunnel port clashes; Cilium’s own is expected', async () => {
  const text = fixture('own/ip-d-link.txt');
  const tunnel = model.network.find((e) => e.device)!;
  const r = await check(text);
  assert.equal(r.format, 'ip-link');
  assert.deepEqual(
    r.findings.map((f) => [f.line, f.port, f.protocol, f.verdict]),
    [
      [lineOf(text, 'ftun0') + 2, tunnel.port, 'udp', 'conflict'],
      [lineOf(text, 'flannel.1') + 2, tunnel.port, 'udp', 'conflict'],
      [lineOf(text, tunnel.device!) + 2, tunnel.port, 'udp', 'expected'],
    ],
  );
  assert.match(
    r.findings[0]!.reason,
    /network feature refuses to deploy Cilium.*bootstrap and join themselves do not test it/,
  );
  assert.equal(r.ignored.length, 2, 'lo and enp1s0 are not VXLAN devices');
  // With another tunnel port, the fan's 8472 no longer clashes, and Cilium's device is elsewhere.
  const moved = await check(text, { ports: { 'tunnel-port': 8473 } });
  assert.deepEqual(moved.summary.conflict, 0);
  const one = await check('vxlan id 1 local 10.0.0.5 dev eth0 srcport 0 0 dstport 8472 nolearning');
  assert.equal(one.format, 'ip-link');
  assert.deepEqual(
    [one.findings[0]!.port, one.findings[0]!.protocol, one.findings[0]!.verdict],
    [8472, 'udp', 'conflict'],
  );
});

test('sysctl: every port of this node inside the ephemeral range and not reserved is a possible conflict', async () => {
  const text = fixture('own/sysctl-ephemeral.txt');
  const r = await check(text);
  assert.equal(r.format, 'sysctl');
  const spec = model.node();
  const targets = checker.targets(spec);
  const inside = (p: number) => p >= 1024 && p <= 65000 && p !== 10250;
  const expected = [
    ...targets.filter((t) => inside(t.port)).map((t) => `${t.port}/${t.protocol}`),
    ...model
      .checksFor(spec)
      .filter(
        (c) => inside(c.port) && !targets.some((t) => t.port === c.port && t.protocol === 'tcp'),
      )
      .map((c) => `${c.port}/tcp`),
  ];
  assert.deepEqual(
    r.findings.map((f) => `${f.port}/${f.protocol}`).sort(),
    [...new Set(expected)].sort(),
  );
  assert.ok(r.findings.every((f) => f.verdict === 'possible-conflict' && f.kind === 'ephemeral'));
  assert.ok(!r.findings.some((f) => f.port === 10250), 'the reserved port is fine');
  const reserve = r.notes.find((n) =>
    n.includes('sudo sysctl -w net.ipv4.ip_local_reserved_ports='),
  )!;
  assert.ok(reserve.includes('10250'), 'keeps what is already reserved');
  const safe = await check(
    'net.ipv4.ip_local_port_range = 32768\t60999\nnet.ipv4.ip_local_reserved_ports =',
  );
  assert.deepEqual(safe.findings, []);
  assert.ok(safe.notes.some((n) => /No port of this node is inside/.test(n)));
});
