import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { parseArgs, runCli, type CliIo } from '../../src/cli/check-ports.ts';
import { decodeFragment, encodeFragment } from '../../src/checker/share.ts';
import type { Report } from '../../src/checker/types.ts';
import type { AuditReport } from '../../src/checker/audit.ts';
import { mustIp } from '../../src/domain/net.ts';

function io(stdin: string | Uint8Array, files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    readFile: (p) =>
      p in files
        ? Promise.resolve(new TextEncoder().encode(files[p]))
        : Promise.reject(new Error('ENOENT')),
    readStdin: () =>
      Promise.resolve(typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
    stdinIsTerminal: false,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { value, out, err };
}

test('exit codes: 0 clean, 1 conflict, 1 possible with --strict, 2 usage and unreadable', async () => {
  assert.equal(await runCli([], io('22\n').value, model), 0);
  assert.equal(await runCli([], io('6443\n').value, model), 1);
  const dflt = model.network.find(
    (e) => model.forNode(model.node()).includes(e) && e.bind === 'default' && !e.checks.length,
  )!;
  assert.equal(await runCli([], io(`10.9.9.9:${dflt.port}\n`).value, model), 0);
  assert.equal(await runCli(['--strict'], io(`10.9.9.9:${dflt.port}\n`).value, model), 1);
  assert.equal(await runCli(['--bogus'], io('').value, model), 2);
  assert.equal(await runCli(['missing.txt'], io('').value, model), 2);
  assert.equal(await runCli(['--release', '0.1'], io('1').value, model), 2);
});

test('--json prints the documented shape', async () => {
  const { value, out } = io('9000\n');
  assert.equal(await runCli(['--json', '--role', 'worker'], value, model), 0);
  const r = JSON.parse(out.join('')) as Report;
  const defaults = model.node({ role: 'worker' });
  assert.deepEqual(Object.keys(r), [
    'release',
    'role',
    'options',
    'format',
    'blocks',
    'findings',
    'unrecognized',
    'ignored',
    'notes',
    'summary',
  ]);
  assert.equal(r.release, model.latest.id);
  assert.equal(r.role, 'worker');
  assert.equal(r.format, 'plain');
  assert.deepEqual(r.blocks, [
    { from: 1, to: 1, format: 'plain', read: 1, ignored: 0, unrecognized: 0 },
  ]);
  assert.deepEqual(r.options, {
    datastore: defaults.datastore,
    kubeProxyReplacement: defaults.kubeProxyReplacement,
    ports: {},
  });
  assert.deepEqual(r.summary, {
    conflict: 0,
    'possible-conflict': 0,
    expected: 0,
    ok: 1,
    covers: 0,
    unrecognized: 0,
    lines: 2,
  });
  assert.equal(r.findings.length, 1);
  const { reason, ...finding } = r.findings[0]!;
  assert.deepEqual(finding, {
    line: 1,
    kind: 'listen',
    port: 9000,
    protocol: 'tcp',
    protocolAssumed: true,
    verdict: 'ok',
    endpoints: [],
    text: '9000',
  });
  assert.match(reason, /binds nothing on 9000\/tcp/);
  assert.deepEqual(r.unrecognized, []);
});

test('arguments: = forms, port options, one file', () => {
  const a = parseArgs([
    '--release=1.35',
    '--secure-port',
    '16443',
    '--kube-proxy-replacement',
    'off',
    'f.txt',
  ]);
  assert.deepEqual(a.node, {
    release: '1.35',
    ports: { 'secure-port': 16443 },
    kubeProxyReplacement: false,
  });
  assert.equal(a.file, 'f.txt');
  assert.throws(() => parseArgs(['a', 'b']), /one input file/);
  assert.throws(() => parseArgs(['--tunnel-port', '0']), /1 to 65535/);
});

test('share fragments round-trip, and bad values are dropped', () => {
  const state = {
    input: '127.0.0.1:10248\n[::]:6443',
    node: {
      release: '1.35',
      role: 'worker' as const,
      datastore: 'k8s-dqlite' as const,
      kubeProxyReplacement: false,
      nodeIp: mustIp('10.0.0.5'),
      ports: { 'secure-port': 16443 },
    },
  };
  assert.deepEqual(decodeFragment(encodeFragment(state)), state);
  const probe = { input: 'ck8s-reach v1 ...', node: {}, tool: 'terraform-aws' as const };
  assert.equal(encodeFragment(probe), '#input=ck8s-reach+v1+...&tool=terraform-aws');
  assert.deepEqual(decodeFragment(encodeFragment(probe)), probe);
  assert.equal(
    encodeFragment({ ...probe, tool: 'ufw' }),
    '#input=ck8s-reach+v1+...',
    'the default',
  );
  assert.deepEqual(decodeFragment('#input=x&tool=<script>'), { input: 'x', node: {} });
  assert.deepEqual(decodeFragment('#ports=9000,10250&role=worker'), {
    input: '9000\n10250',
    node: { role: 'worker' },
  });
  assert.deepEqual(decodeFragment('#role=admin&release=<b>&secure-port=99999&node=<x>'), {
    input: '',
    node: {},
  });
});

test('--audit needs one role, prints the audit and exits 1 on findings', async () => {
  const healthy = 'tcp LISTEN 0 4096 *:6443 *:* users:(("kube-apiserver",pid=8,fd=3))\n';
  assert.equal(await runCli(['--audit'], io(healthy).value, model), 2);
  const { value, out } = io(healthy);
  assert.equal(
    await runCli(['--audit', '--role', 'control-plane', '--json'], value, model),
    1,
    'most services are missing from this paste',
  );
  const r = JSON.parse(out.join('')) as AuditReport;
  assert.equal(r.mode, 'audit');
  assert.ok(r.items.some((i) => i.kind === 'listening' && i.endpoint?.port === 6443));
});
