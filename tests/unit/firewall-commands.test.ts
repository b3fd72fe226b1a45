// Firewall rules written as commands: rules, never listeners, whatever the format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { FORMATS, parseInput } from '../../src/checker/index.ts';
import { byLine, check, fixture, lineOf } from './checker-helpers.ts';

const covered = (r: Awaited<ReturnType<typeof check>>) =>
  r.firewall!.covered.map((e) => `${e.port}/${e.protocol}`).sort();

test('an iptables script covers its ports and raises no conflict', async () => {
  const text = fixture('own/iptables-commands.sh');
  const r = await check(text);
  assert.equal(r.format, 'script');
  assert.equal(r.summary.conflict, 0);
  assert.ok(r.findings.every((f) => f.kind === 'firewall-allow'));
  for (const spec of ['6443/tcp', '2379/tcp', '2380/tcp', '10250/tcp', '8472/udp'])
    assert.ok(covered(r).includes(spec), spec);
  const nat = r.ignored.find((i) => i.line === lineOf(text, '-t nat'))!;
  assert.match(nat.reason, /nat table/);
  assert.match(
    r.ignored.find((i) => i.line === lineOf(text, '-P INPUT'))!.reason,
    /-P: not an allow/,
  );
  assert.match(r.ignored.find((i) => i.line === lineOf(text, 'set -euo'))!.reason, /shell line/);
});

test('the single rule of the README: covers 6443, no conflict, exit 0', async () => {
  const r = await check('iptables -A INPUT -p tcp --dport 6443 -j ACCEPT');
  assert.deepEqual(
    r.findings.map((f) => [f.port, f.verdict]),
    [[6443, 'covers']],
  );
});

test('ufw commands in every documented form', async () => {
  const cases: [string, string[]][] = [
    ['ufw allow 6443/tcp', ['6443/tcp']],
    ['sudo ufw allow 10250', ['10250/tcp', '10250/udp']],
    ['ufw allow proto tcp from 10.0.0.0/24 to any port 2379,2380', ['2379/tcp', '2380/tcp']],
    ['ufw allow from 10.0.0.0/24 to any port 6443 proto tcp', ['6443/tcp']],
    ['ufw allow in on eth0 to any port 30000:32767 proto tcp', ['30000-32767/tcp']],
    ['ufw --dry-run insert 1 allow 4240/tcp comment "cilium health"', ['4240/tcp']],
    ['ufw limit 6443/tcp', ['6443/tcp']],
    ['/usr/sbin/ufw allow 8472/udp', ['8472/udp']],
  ];
  for (const [line, expected] of cases) {
    const r = await check(line);
    assert.deepEqual(
      r.findings.map((f) => `${f.port}${f.endPort ? `-${f.endPort}` : ''}/${f.protocol}`).sort(),
      expected.sort(),
      line,
    );
    assert.ok(
      r.findings.every((f) => f.kind === 'firewall-allow'),
      line,
    );
  }
  for (const line of ['ufw deny 6443', 'ufw allow out 6443', 'ufw route allow 6443', 'ufw enable'])
    assert.deepEqual((await check(line)).findings, [], line);
  const app = await check('ufw allow OpenSSH');
  assert.match(app.unrecognized[0]!.reason!, /application profile/);
  const all = await check('ufw allow from 10.0.0.0/24');
  assert.equal(all.findings[0]!.endPort, 65535);
});

test('firewall-cmd: ports, services from the package, rich rules, several per command', async () => {
  const r = await check(
    [
      'sudo firewall-cmd --permanent --zone=public --add-port=6443/tcp --add-port=2379-2380/tcp',
      'firewall-cmd --add-service=kube-control-plane-secure --permanent',
      `firewall-cmd --permanent --add-rich-rule='rule family="ipv4" source address="10.0.0.0/24" port port="10250" protocol="tcp" accept'`,
      'firewall-cmd --reload',
      'firewall-cmd --permanent --remove-port=9000/tcp',
    ].join('\n'),
  );
  assert.equal(r.format, 'script');
  const secure = model.firewalldServices['kube-control-plane-secure']!;
  for (const spec of ['6443/tcp', '10250/tcp', ...secure.filter((s) => !s.includes('-'))])
    assert.ok(
      r.findings.some((f) => `${f.port}/${f.protocol}` === spec),
      spec,
    );
  assert.equal(byLine(r, 1).length, 2);
  assert.deepEqual(
    r.ignored.map((i) => i.line),
    [4, 5],
  );
});

test('a legacy firewalld service is named, with the secure one to use instead', async () => {
  const r = await check('firewall-cmd --permanent --add-service=kube-control-plane');
  const note = r.notes.find((n) => /insecure ports/.test(n))!;
  assert.ok(note, 'a note');
  for (const p of model.firewalldServices['kube-control-plane-secure']!.filter(
    (s) => !model.firewalldServices['kube-control-plane']!.includes(s),
  ))
    assert.ok(note.includes(p), p);
  assert.ok(r.firewall!.uncovered.some((e) => e.port === 10257));
});

test('nft commands: quoted and escaped sets', async () => {
  for (const line of [
    "nft add rule inet filter input tcp dport '{ 10257, 10259 }' accept",
    'sudo nft add rule inet filter input tcp dport \\{ 10257, 10259 \\} accept',
    "nft 'add rule inet filter input tcp dport { 10257, 10259 } accept'",
  ]) {
    const r = await check(line);
    assert.deepEqual(
      r.findings.map((f) => f.port),
      [10257, 10259],
      line,
    );
  }
});

test('forcing any format never turns a readable rule into uncovered', async () => {
  const text = fixture('own/firewall-commands-mixed.sh');
  const auto = await check(text);
  const expected = covered(auto);
  assert.ok(expected.length >= 8);
  // Firewall commands stay rules under every format, prose included (it reads the rest for nothing).
  for (const { id } of FORMATS) {
    const forced = await check(text, { format: id });
    assert.deepEqual(covered(forced), expected, id);
    assert.equal(forced.summary.conflict, 0, id);
  }
});

test('loops and variables are reported, not guessed', async () => {
  const r = await check('for p in 6443 10250; do ufw allow $p/tcp; done\nufw allow "$PORT"');
  assert.deepEqual(r.findings, []);
  assert.deepEqual(
    r.unrecognized.map((u) => u.line),
    [1, 2],
  );
});

test('a command at the top of its own output is not a rule', async () => {
  const p = await parseInput(
    'ufw status\nStatus: active\n\nTo Action From\n6443/tcp ALLOW Anywhere',
  );
  assert.equal(p.format, 'ufw');
  assert.deepEqual(
    p.entries.map((e) => e.port),
    [6443],
  );
});
