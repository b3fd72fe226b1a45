// Real packets, in this machine's own sandbox: two network namespaces joined by a veth pair,
// listeners on some ports of the "control plane", one port left closed, one dropped by nft. The
// generated probe runs in the "worker" namespace; the reader must say reachable, refused and
// blocked on exactly the right ports. Everything made here is deleted, even on failure; no
// packet leaves the two namespaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { model } from '../../src/domain/data.ts';
import { reachPaths, reachScript } from '../../src/firewall/reach.ts';
import { readReach } from '../../src/firewall/reach-read.ts';
import { findCommand, missingTools } from '../../scripts/lib/system-tools.ts';
import { mustIp } from '../../src/domain/net.ts';

const tag = `ck8s${process.pid % 100000}`;
const [SRC, DST] = [`${tag}w`, `${tag}c`];
const [SRC_IP, DST_IP] = ['10.231.77.1', '10.231.77.2'];
const run = (...args: string[]) => execFileSync(args[0]!, args.slice(1), { stdio: 'pipe' });

function canMakeNamespaces(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: network namespaces need root';
  const noIp = missingTools('ip', 'nft');
  if (noIp) return noIp;
  try {
    run('ip', 'netns', 'add', `${tag}probe`);
    run('ip', 'netns', 'del', `${tag}probe`);
    return undefined;
  } catch (error) {
    return `ip netns does not work here: ${(error as Error).message.split('\n')[0]}`;
  }
}

const skip = canMakeNamespaces();
// CI runs as root (.ci/run): there the test must run, never skip.
if (skip && process.env.CI === 'true') throw new Error(`reach-netns must run in CI, but: ${skip}`);
// ping is optional for the probe (ICMP is then skipped), but CI has it.
const hasPing = !!findCommand('ping');
if (!hasPing && process.env.CI === 'true') throw new Error('ping must be installed in CI');

test(
  'the probe, run between two namespaces, finds reachable, refused and blocked paths',
  { skip },
  () => {
    const paths = reachPaths(model, { role: 'worker' }).filter(
      (p) => p.from === 'worker' && p.to === 'control-plane' && p.protocol === 'tcp',
    );
    assert.ok(paths.length >= 4, 'a worker reaches several control plane ports');
    const [listening, dropped, closed] = [paths.slice(0, 2), paths[2]!, paths.slice(3)];
    const listeners: ChildProcess[] = [];
    try {
      run('ip', 'netns', 'add', SRC);
      run('ip', 'netns', 'add', DST);
      run(
        'ip',
        'link',
        'add',
        `${tag}a`,
        'netns',
        SRC,
        'type',
        'veth',
        'peer',
        'name',
        `${tag}b`,
        'netns',
        DST,
      );
      run('ip', '-n', SRC, 'addr', 'add', `${SRC_IP}/24`, 'dev', `${tag}a`);
      run('ip', '-n', DST, 'addr', 'add', `${DST_IP}/24`, 'dev', `${tag}b`);
      for (const [ns, dev] of [
        [SRC, `${tag}a`],
        [DST, `${tag}b`],
      ] as const) {
        run('ip', '-n', ns, 'link', 'set', dev, 'up');
        run('ip', '-n', ns, 'link', 'set', 'lo', 'up');
      }
      // Listeners for two ports; the dropped port gets an nft drop rule; the rest stay closed.
      const server = `const net = require('node:net'); for (const p of ${JSON.stringify(listening.map((p) => p.port))}) net.createServer((s) => s.end()).listen(p, '${DST_IP}'); console.log('up'); setTimeout(() => {}, 60000);`;
      const node = spawn('ip', ['netns', 'exec', DST, process.execPath, '-e', server], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      listeners.push(node);
      execFileSync('ip', ['netns', 'exec', DST, 'nft', '-f', '-'], {
        input: `table inet ${tag} {\n chain in {\n  type filter hook input priority 0; policy accept;\n  tcp dport ${dropped.port} drop\n }\n}\n`,
      });
      const dir = mkdtempSync(join(tmpdir(), 'reach-'));
      const script = join(dir, 'ck8s-reach.sh');
      writeFileSync(
        script,
        reachScript(model, {
          role: 'worker',
          controlPlaneIps: [mustIp(DST_IP)],
          workerIps: [mustIp(SRC_IP)],
        }),
      );
      run('bash', '-n', script);
      // Wait for the listeners, then probe with a short timeout.
      for (let i = 0; i < 50; i++) {
        try {
          run(
            'ip',
            'netns',
            'exec',
            SRC,
            'bash',
            '-c',
            `exec 3<>/dev/tcp/${DST_IP}/${listening[0]!.port}`,
          );
          break;
        } catch {
          execFileSync('sleep', ['0.1']);
        }
      }
      const output = execFileSync('ip', ['netns', 'exec', SRC, 'bash', script, '--timeout', '1'], {
        encoding: 'utf8',
      });
      const report = readReach(model, output);
      const verdict = (port: number) =>
        report.findings.find((f) => f.address === DST_IP && f.protocol === 'tcp' && f.port === port)
          ?.verdict;
      for (const p of listening) assert.equal(verdict(p.port), 'reachable', `${p.port} listens`);
      assert.equal(verdict(dropped.port), 'blocked', `${dropped.port} is dropped by nft`);
      for (const p of closed) assert.equal(verdict(p.port), 'refused', `${p.port} is closed`);
      const blocked = report.findings.find((f) => f.verdict === 'blocked')!;
      assert.equal(blocked.src, SRC_IP);
      assert.equal(
        blocked.rule,
        `sudo ufw allow from ${SRC_IP} to any port ${dropped.port} proto tcp`,
      );
      // The probe skips its own address, and says UDP cannot be probed.
      assert.ok(
        report.findings.filter((f) => f.address === SRC_IP).every((f) => f.verdict === 'skipped'),
      );
      assert.ok(report.findings.some((f) => f.protocol === 'udp' && f.verdict === 'skipped'));
      const icmp = report.findings.find((f) => f.address === DST_IP && f.protocol === 'icmp')!;
      assert.equal(
        icmp.verdict,
        hasPing ? 'reachable' : 'skipped',
        'ping answers where it is installed; otherwise ICMP is skipped',
      );
    } finally {
      for (const l of listeners) l.kill('SIGKILL');
      for (const ns of [SRC, DST])
        try {
          run('ip', 'netns', 'del', ns);
        } catch {
          /* not made */
        }
    }
    const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    assert.ok(!left.includes(tag), 'every namespace made here is gone');
  },
);
