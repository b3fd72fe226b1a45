// The forms people paste during a failed bootstrap, one test per rule: blocks of several formats,
// the pre-flight error in each of its shapes, escapes undone, destinations, listen flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { byLine, check, fixture, lineOf } from './checker-helpers.ts';
import type { Report } from '../../src/checker/index.ts';

const dqliteRelease = model.releases.filter((r) => r.datastores.includes('k8s-dqlite')).at(-1)!.id;
const found = (r: Report) => r.findings.map((f) => `${f.line} ${f.port} ${f.verdict}`);
const preflightKeys = (r: Report) =>
  r.findings.filter((f) => f.verdict !== 'ok').map((f) => `${f.port} ${f.verdict}`);

test('a forum post: sentences are prose, the sysctl range and the netstat table are each read', async () => {
  const text = fixture('own/forum-sysctl-netstat.txt');
  const r = await check(text);
  assert.equal(r.format, 'mixed');
  assert.deepEqual(
    r.blocks.map((b) => b.format),
    ['prose', 'sysctl', 'prose', 'netstat'],
  );
  // The range is read: ports of this node inside it, 10250 reserved and so left out.
  assert.ok(byLine(r, lineOf(text, 'ip_local_port_range')).length > 0);
  assert.ok(!byLine(r, lineOf(text, 'ip_local_port_range')).some((f) => f.port === 10250));
  // The table is read too: the row a one-format reader would have dropped.
  assert.equal(byLine(r, lineOf(text, ':::10250'))[0]!.port, 10250);
  // Numbers in the question are never ports.
  assert.deepEqual(byLine(r, lineOf(text, 'Bootstrap fails')), []);
});

test('a terminal session: each command hints its output, and MinIO on 9000 clashes with k8s-dqlite', async () => {
  const text = fixture('own/terminal-two-commands.txt');
  const r = await check(text, { release: dqliteRelease, datastore: 'k8s-dqlite' });
  assert.deepEqual(
    r.blocks.map((b) => b.format),
    ['ss', 'sysctl'],
  );
  assert.equal(byLine(r, lineOf(text, 'minio'))[0]!.verdict, 'conflict');
  // `32768<TAB>60999` is the ephemeral range, not two ports.
  assert.deepEqual(byLine(r, lineOf(text, '60999')), []);
  assert.ok(r.notes.some((n) => /32768-60999/.test(n)));
});

test("the k8s CLI's real output: one error a line, could-not-check, and the prompt glued to the last", async () => {
  const r = await check(fixture('own/k8s-cli-preflight-glued-prompt.txt'));
  assert.deepEqual(preflightKeys(r), [
    '6443 conflict',
    '10250 conflict',
    '2380 possible-conflict',
    '10255 conflict',
  ]);
  const unknown = r.findings.find((f) => f.port === 2380)!;
  assert.match(
    unknown.reason,
    /could not test 2380 \("listen tcp :2380: bind: permission denied"\)/,
  );
});

test("the pull request's sample: capitalised, with a period, behind the CLI's wrapper", async () => {
  const r = await check(fixture('samples/30-k8s-snap-pr846-preflight-sample-error.txt'));
  assert.deepEqual(preflightKeys(r), ['10250 conflict', '10249 conflict']);
});

test("kubeadm's [ERROR Port-N] after rsyslog's #011", async () => {
  const r = await check(fixture('samples/31-cloudstack-7734-kubeadm-preflight-journal.txt'));
  assert.deepEqual(preflightKeys(r), ['6443 conflict', '10259 conflict', '10257 conflict']);
});

test('escaped joined errors: klog err= with literal \\n, #011 between errors, a JSON log line', async () => {
  const text = fixture('own/journal-escaped-joined-errors.txt');
  const r = await check(text);
  assert.deepEqual(
    r.findings.map((f) => `${f.line} ${f.port} ${f.verdict}`),
    [
      '1 2380 possible-conflict',
      '1 6443 conflict',
      '1 10250 conflict',
      '2 10257 conflict',
      '2 10259 conflict',
      '3 2379 conflict',
      '3 10248 conflict',
    ],
  );
  // The reason stops where the escaped line break is, not at the end of the pasted line.
  assert.match(r.findings[0]!.reason, /\("permission denied"\)/);
});

test('an Ansible result: the error in stderr and in stderr_lines is one finding; rc and delta are no ports', async () => {
  const r = await check(fixture('samples/32-kubeadm-ansible-21-ansible-fatal-json.txt'));
  assert.deepEqual(found(r), ['2 2379 conflict']);
  assert.deepEqual(r.unrecognized, []);
});

test("a journal with a lower-case month and klog inside logrus: only the bind error's port", async () => {
  const text = fixture('samples/33-k0s-960-journal-escaped-klog-bind-error.txt');
  const r = await check(text);
  assert.equal(r.format, 'log');
  assert.deepEqual(
    r.findings.map((f) => `${f.port} ${f.address} ${f.verdict}`),
    ['10248 127.0.0.1 conflict'],
  );
});

test('commands that connect elsewhere are destinations, ignored with that reason', async () => {
  const text = fixture('own/destinations-not-listeners.txt');
  const r = await check(text);
  assert.deepEqual(
    r.findings.map((f) => f.port),
    [10250],
  );
  const reasons = r.ignored.filter((i) => /destination, not a listener/.test(i.reason));
  assert.equal(reasons.length, 10);
  // `nc -l` listens: it is no destination.
  const nc = await check('nc -l 0.0.0.0 6443\n', { format: 'plain' });
  assert.ok(nc.findings.some((f) => f.port === 6443));
});

test("etcd's listen URLs are listeners, each URL its own; advertise URLs are not", async () => {
  const text = fixture('samples/34-kubernetes-website-51166-etcd-static-pod.yaml');
  const r = await check(text);
  assert.deepEqual(
    r.findings.map((f) => `${f.line} ${f.port} ${f.address}`),
    [
      `${lineOf(text, '--listen-client-urls')} 2379 127.0.0.1`,
      `${lineOf(text, '--listen-client-urls')} 2379 192.168.0.150`,
      `${lineOf(text, '--listen-metrics-urls')} 2381 127.0.0.1`,
      `${lineOf(text, '--listen-peer-urls')} 2380 192.168.0.150`,
    ],
  );
});

test('--bind-address sets the address of --secure-port beside it', async () => {
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: scheduler}',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    '  - name: s',
    '    command: [kube-scheduler, --bind-address=127.0.0.1, --secure-port=10259]',
  ].join('\n');
  const r = await check(pod);
  assert.deepEqual(
    r.findings.map((f) => `${f.port} ${f.address} ${f.verdict}`),
    ['10259 127.0.0.1 conflict'],
  );
});

test('a Markdown issue: a question, a fenced ss capture and a quoted journal line', async () => {
  const text = fixture('own/markdown-post-fenced.md');
  const r = await check(text);
  assert.deepEqual(
    r.blocks.map((b) => b.format),
    ['prose', 'ss', 'log'],
  );
  assert.deepEqual(found(r), [
    `${lineOf(text, 'haproxy')} 6443 conflict`,
    `${lineOf(text, '> Nov 26')} 6443 conflict`,
  ]);
  assert.ok(r.ignored.some((i) => i.reason === 'Markdown code fence'));
});

test('a paste of sentences alone is refused, saying what was seen', async () => {
  await assert.rejects(
    check('Why does my node fail after I moved it to port 6443 from 8443?\n'),
    /Nothing in this paste is a listing, a rule, a manifest or an error message: its one line reads as sentences/,
  );
});

test('cloud-init: bootcmd and runcmd commands, string and list form, are firewall rules', async () => {
  const text = fixture('own/cloud-init-runcmd.yaml');
  const r = await check(text);
  assert.equal(r.format, 'script');
  assert.deepEqual(
    r.findings.filter((f) => f.verdict === 'covers').map((f) => f.port),
    [6443, 10250, 6400, 4240],
  );
  assert.ok(!r.findings.some((f) => f.verdict === 'conflict'));
  assert.ok(r.ignored.some((i) => /part of the command on line/.test(i.reason)));
  assert.ok(r.ignored.some((i) => /cloud-init setting/.test(i.reason)));
  assert.deepEqual(r.unrecognized, []);
});

test('a published range: each port the node needs gets its own verdict, the rest stays ranges', async () => {
  const ps = [
    'CONTAINER ID   IMAGE                 COMMAND   CREATED   STATUS   PORTS                                                                      NAMES',
    'abc123         quay.io/coreos/etcd   "etcd"    1 day     Up       0.0.0.0:2379-2381->2379-2381/tcp, 0.0.0.0:30000-30010->30000-30010/tcp   etcd',
  ].join('\n');
  const r = await check(ps);
  assert.deepEqual(
    r.findings.map((f) => `${f.port}${f.endPort ? `-${f.endPort}` : ''} ${f.verdict}`),
    ['2379 conflict', '2380 conflict', '2381 ok', '30000-30010 possible-conflict'],
  );
  const compose = [
    'services:',
    '  app:',
    '    image: app',
    '    ports:',
    '      - "2300-2400:2300-2400"',
  ].join('\n');
  const c = await check(compose);
  assert.deepEqual(
    c.findings.map((f) => `${f.port}${f.endPort ? `-${f.endPort}` : ''} ${f.verdict}`),
    ['2300-2378 ok', '2379 conflict', '2380 conflict', '2381-2400 ok'],
  );
});
