// Property tests: random and hostile strings go into every option, URL parameter and pasted probe
// line. Each gets a clear refusal, or what it produces is run with every tool stubbed
// (stub-shell.ts): the arguments recorded hold only typed, normalised addresses, nothing else ran,
// no file appeared, and the files pass nft -c, iptables-restore --test and an HCL parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { model } from '../../src/domain/data.ts';
import { fieldsFor, nodeFromParams } from '../../src/domain/node.ts';
import { ipRegex, parseCidr, parseIp } from '../../src/domain/net.ts';
import { HOST_TOOLS, CLOUD_TOOLS, firewallPlan, type Tool } from '../../src/firewall/plan.ts';
import { generateHost } from '../../src/firewall/generate.ts';
import { readReach, REACH_VERDICTS } from '../../src/firewall/reach-read.ts';
import { REACH_FORMAT } from '../../src/firewall/reach.ts';
import { runFirewallCli } from '../../src/cli/firewall.ts';
import { runReachCli } from '../../src/cli/reach-script.ts';
import { findCommand, missingTools } from '../../scripts/lib/system-tools.ts';
import { runWithStubs, STUBBED } from './stub-shell.ts';

const { parse: parseHcl } = createRequire(import.meta.url)('@cdktf/hcl2json') as {
  parse: (name: string, text: string) => Promise<unknown>;
};
const skip = missingTools('nft', 'iptables-restore', 'ip6tables-restore');
const RUNS = { numRuns: 25, seed: 20261207 };

/** Strings an attacker would try, around and inside addresses that almost parse. */
const PAYLOADS = [
  '$(touch PWNED)',
  '`touch PWNED`',
  ';touch PWNED;#',
  "'$(touch${IFS}PWNED)'",
  '"; touch PWNED; "',
  '\ntouch PWNED\n',
  '|touch PWNED',
  '&&touch PWNED',
  '${IFS}',
  '\u001b]0;title\u0007',
  '\u009b31m',
  "\" accept' ; touch PWNED ; '",
  '} ; touch PWNED ; ${',
  '%{ touch PWNED }',
];
const NEAR = ['10.0.0.20', '10.0.0.0/24', 'fd00::', 'fd00::/64', '::ffff:', '010.0.0.1', ':', ''];
/** Networks that parse: so that accepted values, not only refusals, are exercised. */
const network = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 32 }))
  .map(([n, bits]) => {
    const masked = bits === 32 ? n : n - (n % 2 ** (32 - bits));
    return `${[24, 16, 8, 0].map((s) => Math.floor(masked / 2 ** s) % 256).join('.')}/${bits}`;
  });
const hostile = fc.oneof(
  network,
  fc
    .tuple(fc.constantFrom(...NEAR), fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 6 }))
    .map(([a, b, c]) => a + b + c),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.ipV4Extended(),
  fc.ipV6(),
  fc.tuple(fc.ipV4(), fc.integer({ min: -1, max: 40 })).map(([ip, n]) => `${ip}/${n}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 130 })).map(([ip, n]) => `${ip}/${n}`),
);

/** Every address in a text, normalised: the only way an address can be compared. */
function addressesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(
    /[0-9a-f]*:[0-9a-f:.]*[0-9a-f](?:\/\d+)?|\d+(?:\.\d+){3}(?:\/\d+)?/gi,
  )) {
    const p = parseCidr(m[0]);
    if (p.ok) found.add(p.value);
  }
  return found;
}

/** What a value must become if it is accepted: its normalised address, or nothing. */
const typed = (value: string) => {
  const p = parseCidr(value);
  return p.ok ? p.value : undefined;
};

/** Runs what a host tool's output says to run, or checks the file it is; returns every address. */
function exercise(tool: Tool, text: string): Set<string> {
  if (tool === 'nftables') {
    const dir = mkdtempSync(join(tmpdir(), 'ck8s-nft-'));
    try {
      writeFileSync(join(dir, 'rules.nft'), text);
      execFileSync(findCommand('nft')!, ['-c', '-f', join(dir, 'rules.nft')], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return addressesIn(text.replace(/#.*$/gm, ''));
  }
  const run = runWithStubs(text);
  assert.deepEqual(run.created, [], `files created by:\n${text}`);
  const unknown = run.calls.filter((c) => !(STUBBED as readonly string[]).includes(c.command));
  assert.deepEqual(unknown, [], 'only the firewall tool and sudo run');
  assert.ok(!/PWNED/.test(run.stdout + run.stderr), run.stdout + run.stderr);
  for (const c of run.calls.filter((c) => c.stdin !== undefined))
    execFileSync(findCommand(c.command)!, ['--test'], { input: c.stdin, stdio: 'pipe' });
  return addressesIn(
    run.calls
      .flatMap((c) => [...c.args, ...(c.stdin ?? '').split('\n').filter((l) => !/^#/.test(l))])
      .join(' '),
  );
}

const cliHost = (tool: Tool, args: string[]) => {
  let out = '';
  let err = '';
  const code = runFirewallCli(
    ['--tool', tool, ...args],
    (t) => (out += t),
    (t) => (err += t),
    model,
  );
  return { code, out, err };
};

const subset = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x));

const addressFields = fieldsFor('firewall').filter((f) => f.control === 'text');

for (const tool of HOST_TOOLS)
  test(
    `firewall --tool ${tool}: a hostile value in any option is refused, or only its normalised address reaches a command`,
    { skip },
    () => {
      const baseline = exercise(tool, cliHost(tool, ['--role', 'worker']).out);
      for (const field of fieldsFor('firewall'))
        fc.assert(
          fc.property(
            field.control === 'text' ? hostile : fc.oneof(hostile, fc.string()),
            (value) => {
              const r = cliHost(tool, ['--role', 'worker', `--${field.name}=${value}`]);
              if (r.code !== 0) {
                assert.equal(r.code, 2);
                assert.ok(r.err.includes(`--${field.name}`), r.err);
                // eslint-disable-next-line no-control-regex
                assert.doesNotMatch(r.err, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
                return;
              }
              const allowed = new Set(baseline);
              if (field.control === 'text') {
                const t = typed(value);
                assert.ok(t, `accepted without parsing: ${JSON.stringify(value)}`);
                allowed.add(t);
              }
              assert.deepEqual(subset(exercise(tool, r.out), allowed), [], JSON.stringify(value));
            },
          ),
          RUNS,
        );
    },
  );

test(
  'URL parameters: hostile values are dropped or normalised before any generator sees them',
  { skip },
  () => {
    const role = { role: 'worker' as const };
    for (const tool of HOST_TOOLS) {
      const baseline = exercise(
        tool,
        generateHost(tool, firewallPlan(model, model.roleNode(role, 'firewall'))),
      );
      fc.assert(
        fc.property(fc.constantFrom(...addressFields), hostile, (field, value) => {
          const input = {
            ...nodeFromParams(new URLSearchParams({ [field.param]: value }), 'firewall'),
            ...role,
          };
          let text: string;
          try {
            text = generateHost(tool, firewallPlan(model, model.roleNode(input, 'firewall')));
          } catch (error) {
            assert.match((error as Error).message, new RegExp(field.name)); // a clear refusal
            return;
          }
          const allowed = new Set([
            ...baseline,
            ...value.split(/[\s,]+/).flatMap((v) => typed(v) ?? []),
          ]);
          assert.deepEqual(subset(exercise(tool, text), allowed), [], JSON.stringify(value));
        }),
        { ...RUNS, numRuns: 15 },
      );
    }
  },
);

test('Terraform: a hostile value is refused, or the HCL parses and holds only normalised addresses', async () => {
  for (const tool of CLOUD_TOOLS) {
    const baseline = addressesIn(cliHost(tool, []).out);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...addressFields), hostile, async (field, value) => {
        const r = cliHost(tool, [`--${field.name}=${value}`]);
        if (r.code !== 0) return assert.ok(r.err.includes(`--${field.name}`), r.err);
        await parseHcl('main.tf', r.out);
        assert.doesNotMatch(r.out, /PWNED/);
        const allowed = new Set([...baseline, typed(value)!]);
        assert.deepEqual(subset(addressesIn(r.out), allowed), [], JSON.stringify(value));
      }),
      { ...RUNS, numRuns: 15 },
    );
  }
});

const probeLine = (src: string, to: string, port: string) =>
  `${REACH_FORMAT} from=worker src=${src} to=${to} role=control-plane proto=tcp port=${port} result=timeout ms=3001 service=kubelet`;
const field = fc.oneof(hostile, fc.ipV4(), fc.ipV6()).map((v) => v.replace(/\s/g, ''));

for (const tool of HOST_TOOLS)
  test(
    `pasted probe output (${tool}): a hostile src= or to= gets no rule; a valid one gets a rule with only its address`,
    { skip },
    () => {
      fc.assert(
        fc.property(
          field,
          field,
          fc.oneof(fc.constant('10250'), fc.string({ maxLength: 8 })),
          (src, to, port) => {
            const report = readReach(model, probeLine(src, to, port.replace(/\s/g, '')), tool);
            const [finding] = report.findings;
            if (!finding) {
              assert.equal(report.unrecognized.length, 1);
              // An empty to= is a missing field; anything else that fails is named by its field.
              assert.match(report.unrecognized[0]!.reason, /^(src=|to=|port "|a field is missing)/);
              return;
            }
            assert.ok(REACH_VERDICTS.includes(finding.verdict));
            const s = parseIp(src);
            assert.ok(s.ok && parseIp(to).ok, `accepted: ${src} ${to}`);
            const rule = finding.rule!;
            // A suggested rule is one command; run it like the person who copies it would.
            const run = runWithStubs(rule);
            assert.deepEqual(run.created, []);
            assert.deepEqual(
              run.calls.filter((c) => !(STUBBED as readonly string[]).includes(c.command)),
              [],
            );
            assert.deepEqual(
              subset(
                addressesIn(run.calls.flatMap((c) => c.args).join(' ')),
                new Set([typed(s.value)!]),
              ),
              [],
            );
            assert.ok(
              run.calls.some((c) => c.command !== 'sudo'),
              rule,
            );
          },
        ),
        { ...RUNS, numRuns: 60 },
      );
    },
  );

test('reach-script: a hostile --control-plane or --worker is refused; an accepted one is written normalised', () => {
  fc.assert(
    fc.property(fc.constantFrom('control-plane', 'worker'), hostile, (flag, value) => {
      let out = '';
      let err = '';
      const code = runReachCli(
        ['--role', 'worker', `--${flag}=${value}`],
        (t) => (out += t),
        (t) => (err += t),
        model,
      );
      if (code !== 0) return assert.ok(err.includes(`--${flag}`), err);
      const ip = parseIp(value);
      assert.ok(ip.ok, `accepted: ${JSON.stringify(value)}`);
      assert.doesNotMatch(out, /PWNED/);
      assert.deepEqual(
        subset(addressesIn(out.replace(/^#.*$/gm, '')), new Set([typed(ip.value)!])),
        [],
      );
    }),
    { ...RUNS, numRuns: 200 },
  );
});

test("the probe script's own address check (bash, IP_RE) agrees with the parser on every string", () => {
  const samples = fc
    .sample(
      fc.oneof(
        hostile,
        fc.ipV4(),
        fc.ipV4Extended(),
        fc.ipV6(),
        fc.stringMatching(/^[0-9a-fA-F:.%]{1,45}$/),
      ),
      { numRuns: 3000, seed: RUNS.seed },
    )
    .filter((s) => !s.includes('\0'));
  const p = spawnSync(
    '/bin/bash',
    ['-c', 'while IFS= read -r -d "" x; do [[ $x =~ $IP_RE ]] && printf 1 || printf 0; done'],
    { input: samples.map((s) => `${s}\0`).join(''), env: { IP_RE: ipRegex() }, encoding: 'utf8' },
  );
  const disagree = samples.filter((s, i) => (p.stdout[i] === '1') !== parseIp(s).ok);
  assert.equal(p.stdout.length, samples.length);
  assert.deepEqual(disagree, []);
});
