// The reachability kit without a network: the paths, the script, and the reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { model } from '../../src/domain/data.ts';
import { CLOUD_TOOLS, HOST_TOOLS, firewallPlan } from '../../src/firewall/plan.ts';
import {
  REACH_FORMAT,
  reachPaths,
  reachScript,
  staticReachScript,
} from '../../src/firewall/reach.ts';
import { readReach, ruleFor } from '../../src/firewall/reach-read.ts';
import { runReachCli } from '../../src/cli/reach-script.ts';
import { runCli, type CliIo } from '../../src/cli/check-ports.ts';
import { ROLES } from '../../src/domain/enums.ts';
import { mustIp } from '../../src/domain/net.ts';

test('the paths are what the firewall plans admit from each role, TCP and UDP', () => {
  for (const to of ROLES) {
    const plan = firewallPlan(model, model.roleNode({ role: to }));
    for (const from of ROLES) {
      const expected = plan.rules
        .filter((r) => r.endPort === undefined)
        .filter(
          (r) =>
            r.source === 'nodes' ||
            r.source === 'clients' ||
            (r.source === 'control-plane' && from === 'control-plane'),
        )
        .map((r) => `${r.protocol}/${r.port}`);
      const got = reachPaths(model, {})
        .filter((p) => p.from === from && p.to === to)
        .map((p) => `${p.protocol}/${p.port}`);
      assert.deepEqual(got.sort(), [...new Set(expected)].sort(), `${from} -> ${to}`);
    }
  }
});

test('the README example: bash accepts the script, and it probes 6443, 6400 and 4240 on the control plane', () => {
  const out: string[] = [];
  const argv = [
    '--role',
    'worker',
    '--release',
    '1.36',
    '--control-plane',
    '192.0.2.10',
    '--worker',
    '192.0.2.20',
  ];
  assert.equal(
    runReachCli(
      argv,
      (t) => out.push(t),
      () => undefined,
      model,
    ),
    0,
  );
  const script = out.join('');
  execFileSync('bash', ['-n'], { input: script });
  for (const port of [6443, 6400, 4240])
    assert.match(script, new RegExp(`^worker control-plane tcp ${port} `, 'm'));
  assert.match(script, /CONTROL_PLANE='192\.0\.2\.10'/);
  assert.equal(
    runReachCli(
      ['--role', 'worker'],
      () => undefined,
      () => undefined,
      model,
    ),
    2,
    'needs peers',
  );
  execFileSync('bash', ['-n'], { input: staticReachScript(model) });
  assert.match(
    staticReachScript(model),
    new RegExp(`${model.latest.id}/${model.latest.defaultDatastore}/off\\)`),
  );
});

test('the script refuses bad arguments before it probes anything', () => {
  const generated = reachScript(model, {
    role: 'worker',
    controlPlaneIps: [mustIp('192.0.2.10')],
    workerIps: [mustIp('192.0.2.20')],
  });
  const other = model.releases.find((r) => r.id !== model.latest.id)!.id;
  // Each call exits 2 in argument checking, before the first probe: no packet is sent.
  const refuse = (script: string, args: string[], message: RegExp) => {
    try {
      execFileSync('bash', ['-s', '--', ...args], { input: script, stdio: 'pipe' });
      assert.fail(`bash ${args.join(' ')} should exit 2`);
    } catch (error) {
      const e = error as { status: number; stderr: Buffer; stdout: Buffer };
      assert.equal(e.status, 2, args.join(' '));
      assert.match(e.stderr.toString(), message);
      assert.equal(e.stdout.toString(), '', 'nothing probed');
    }
  };
  refuse(generated, ['--release', other], new RegExp(`generated for release ${model.latest.id}`));
  refuse(generated, ['--control-plane', '192.0.2.10;touch /tmp/x'], /not an IP address/);
  refuse(generated, ['--timeout', '1s'], /whole number/);
  refuse(generated, ['--role', 'both'], /--role must be/);
  refuse(staticReachScript(model), [], /give the peers/);
  refuse(staticReachScript(model), ['--worker', '192.0.2.20', '--release', '0.1'], /no paths/);
});

const line = (fields: string) => `${REACH_FORMAT} from=worker src=10.0.0.20 ${fields}`;
const sample = [
  '# ck8s-reach v1 role=worker',
  line('to=10.0.0.10 role=control-plane proto=icmp port=- result=open ms=1 service=ping'),
  line(
    'to=10.0.0.10 role=control-plane proto=tcp port=6443 result=open ms=2 service=kube-apiserver',
  ),
  line('to=10.0.0.10 role=control-plane proto=tcp port=6400 result=refused ms=2 service=k8sd'),
  line(
    'to=10.0.0.10 role=control-plane proto=tcp port=10250 result=timeout ms=3001 service=kubelet',
  ),
  line(
    'to=10.0.0.10 role=control-plane proto=udp port=8472 result=skipped ms=0 service=cilium-agent reason=udp-cannot-be-probed',
  ),
  line(
    'to=10.0.0.20 role=worker proto=tcp port=4240 result=skipped ms=0 service=cilium-agent reason=own-address',
  ),
  'garbage line',
].join('\n');

test('the reader gives each probe its verdict, a summary per pair, and the rule for a blocked path', () => {
  const r = readReach(model, sample);
  assert.deepEqual(
    r.findings.map((f) => [f.port ?? 'icmp', f.verdict]),
    [
      ['icmp', 'reachable'],
      [6443, 'reachable'],
      [6400, 'refused'],
      [10250, 'blocked'],
      [8472, 'skipped'],
      [4240, 'skipped'],
    ],
  );
  assert.deepEqual(r.summary, { reachable: 2, refused: 1, blocked: 1, skipped: 2, lines: 8 });
  assert.deepEqual(
    r.unrecognized.map((u) => u.line),
    [8],
  );
  assert.equal(r.pairs.find((p) => p.to.startsWith('10.0.0.10'))!.blocked, 1);
  const blocked = r.findings.find((f) => f.verdict === 'blocked')!;
  assert.equal(blocked.rule, 'sudo ufw allow from 10.0.0.20 to any port 10250 proto tcp');
  assert.match(
    r.findings.find((f) => f.verdict === 'refused')!.reason,
    /nothing listens .* or a firewall REJECT rule/,
  );
  assert.equal(blocked.url, '/ports/10250/');
});

test('every tool, hosts and clouds, writes a rule for a blocked path', () => {
  const f = {
    from: 'worker' as const,
    src: mustIp('10.0.0.20'),
    role: 'control-plane' as const,
    protocol: 'tcp' as const,
    port: 10250,
  };
  for (const tool of HOST_TOOLS) assert.match(ruleFor(model, tool, f), /10250/, tool);
  for (const tool of CLOUD_TOOLS) {
    const rule = ruleFor(model, tool, f);
    assert.match(rule, /10250/, tool);
    assert.ok(!rule.startsWith('See the'), `${tool} found its resource`);
  }
  assert.match(
    ruleFor(model, 'iptables', { ...f, src: mustIp('2001:db8::5') }),
    /^sudo ip6tables /,
  );
  assert.match(ruleFor(model, 'nftables', { ...f, protocol: 'icmp' }), /icmp type echo-request/);
});

test('cloud rules follow the options in the probe header', () => {
  // A path that exists only with a non-default datastore: the rule must come from that plan.
  const release = model.releases.find((r) => r.datastores.includes('k8s-dqlite'))!;
  const defaults = reachPaths(model, {});
  const extra = reachPaths(model, { release: release.id, datastore: 'k8s-dqlite' }).find(
    (p) => p.protocol === 'tcp' && !defaults.some((q) => q.port === p.port),
  )!;
  assert.ok(extra, 'k8s-dqlite adds a path the defaults lack');
  const probe = `${REACH_FORMAT} from=${extra.from} src=10.0.0.11 to=10.0.0.10 role=${extra.to} proto=tcp port=${extra.port} result=timeout ms=3000 service=${extra.service}`;
  const header = `# ${REACH_FORMAT} role=${extra.from} release=${release.id} datastore=k8s-dqlite load-balancer=off`;
  const withHeader = readReach(model, `${header}\n${probe}\n${probe}`, 'terraform-aws');
  assert.deepEqual(withHeader.unrecognized, []);
  for (const f of withHeader.findings) {
    assert.match(f.rule!, new RegExp(`${extra.port}`));
    assert.ok(!f.rule!.startsWith('See the'), 'the resource was found');
  }
  const without = readReach(model, probe, 'terraform-aws');
  assert.ok(without.findings[0]!.rule!.startsWith('See the'), 'the defaults have no such rule');
});

test('bad probe lines and headers are reported by line, never read as paths', () => {
  const r = readReach(
    model,
    [
      `# ${REACH_FORMAT} role=worker release=0.9 datastore=etcd load-balancer=off`,
      line('to=10.0.0.10 role=control-plane proto=tcp port=70000 result=open ms=1 service=x'),
      line('to=10.0.0.10 role=control-plane proto=tcp result=open ms=1 service=x'),
      line('to=10.0.0.10 role=control-plane proto=sctp port=9 result=open ms=1 service=x'),
      line('to=10.0.0.10 role=control-plane proto=tcp port=6443 result=maybe ms=1 service=x'),
      line('to=10.0.0.10 role=admin proto=tcp port=6443 result=open ms=1 service=x'),
    ].join('\n'),
  );
  assert.deepEqual(r.findings, []);
  assert.deepEqual(
    r.unrecognized.map((u) => [u.line, u.reason]),
    [
      [1, r.unrecognized[0]!.reason],
      [2, 'port "70000" is not 1-65535'],
      [3, 'port "" is not 1-65535'],
      [4, 'unknown protocol "sctp"'],
      [5, 'unknown result "maybe"'],
      [6, 'a field is missing or unknown'],
    ],
  );
  assert.match(r.unrecognized[0]!.reason, /0\.9.*; rules use the defaults$/);
});

test('check-ports reads probe output: --json per probe, --tool, and exit 1 when anything is blocked', async () => {
  const out: string[] = [];
  const io = (text: string): CliIo => ({
    readFile: () => Promise.reject(new Error('no')),
    readStdin: () => Promise.resolve(new TextEncoder().encode(text)),
    stdinIsTerminal: false,
    out: (t) => out.push(t),
    err: () => undefined,
  });
  assert.equal(await runCli(['--json', '--tool', 'nftables'], io(sample), model), 1);
  const json = JSON.parse(out.join('')) as {
    findings: {
      verdict: string;
      port?: number;
      protocol: string;
      address: string;
      from: string;
      rule?: string;
    }[];
  };
  assert.equal(json.findings.length, 6, 'one finding per probe');
  for (const f of json.findings) assert.ok(f.verdict && f.protocol && f.address && f.from);
  assert.match(json.findings.find((f) => f.verdict === 'blocked')!.rule!, /^sudo nft add rule/);
  const clean = sample
    .split('\n')
    .filter((l) => !/timeout|garbage/.test(l))
    .join('\n');
  assert.equal(await runCli([], io(clean), model), 0);
  assert.equal(await runCli(['--tool', 'pf'], io(clean), model), 2);
});
