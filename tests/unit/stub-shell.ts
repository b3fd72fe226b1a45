// Runs generated shell text with every command it may call replaced by a stub that records its
// arguments (and its standard input, for the *-restore tools), in an empty directory, with a PATH
// that holds only the stubs. Anything else the text runs is recorded as "not found" instead.
// Nothing here reaches the real firewall, the network or any file outside a temporary folder.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The commands a generated firewall script or suggested rule may run. */
export const STUBBED = [
  'sudo',
  'ufw',
  'firewall-cmd',
  'nft',
  'iptables',
  'ip6tables',
  'iptables-restore',
  'ip6tables-restore',
] as const;

export interface Call {
  command: string;
  args: string[];
  stdin?: string;
}

export interface StubRun {
  calls: Call[];
  /** Files the text left in its working directory: always a finding. */
  created: string[];
  stdout: string;
  stderr: string;
  status: number | null;
}

// Builtins only: the stubs cannot call anything themselves, since PATH holds only the stubs.
// Log names start with the time (EPOCHREALTIME), so calls sort in the order they ran; sudo's
// exec keeps its process id for the tool it runs.
const RECORD = `#!/bin/bash
f="$LOGDIR/$EPOCHREALTIME.$BASHPID.$RANDOM"
printf '%s\\0' "\${0##*/}" "$@" > "$f.args"
`;
const STUB: Record<(typeof STUBBED)[number], string> = Object.fromEntries(
  STUBBED.map((c) => [
    c,
    c === 'sudo'
      ? `${RECORD}exec "$@"\n`
      : c.endsWith('-restore')
        ? `${RECORD}while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done > "$f.stdin"\n`
        : RECORD,
  ]),
) as Record<(typeof STUBBED)[number], string>;

// Set before the text runs: a command that is not a stub is recorded, never looked up elsewhere.
const PRELUDE = `command_not_found_handle() { f="$LOGDIR/$EPOCHREALTIME.$BASHPID.$RANDOM"; printf '%s\\0' "not-found:$1" "\${@:2}" > "$f.args"; return 127; }\n`;

export function runWithStubs(text: string): StubRun {
  const root = mkdtempSync(join(tmpdir(), 'ck8s-stub-'));
  try {
    const bin = join(root, 'bin');
    const logs = join(root, 'log');
    const work = join(root, 'work');
    for (const dir of [bin, logs, work]) spawnSync('mkdir', [dir]);
    for (const [name, body] of Object.entries(STUB)) {
      writeFileSync(join(bin, name), body);
      chmodSync(join(bin, name), 0o755);
    }
    writeFileSync(join(root, 'script.sh'), PRELUDE + text);
    const p = spawnSync('/bin/bash', ['--norc', '--noprofile', join(root, 'script.sh')], {
      cwd: work,
      env: { PATH: bin, LOGDIR: logs, HOME: work },
      encoding: 'utf8',
      timeout: 10_000,
      input: '',
    });
    const entries = readdirSync(logs).sort();
    const calls = entries
      .filter((e) => e.endsWith('.args'))
      .map((e) => {
        const [command, ...args] = readFileSync(join(logs, e), 'utf8').split('\0').slice(0, -1);
        const stdin = entries.includes(e.replace(/\.args$/, '.stdin'))
          ? readFileSync(join(logs, e.replace(/\.args$/, '.stdin')), 'utf8')
          : undefined;
        return { command: command!, args, ...(stdin === undefined ? {} : { stdin }) };
      });
    return {
      calls,
      created: readdirSync(work),
      stdout: p.stdout,
      stderr: p.stderr,
      status: p.status,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
