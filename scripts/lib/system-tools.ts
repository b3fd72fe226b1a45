/**
 * The system commands the tests use beyond Node, with the Debian package of each: nft and
 * iptables-restore check the generated rulesets, ip and ping run the reachability probe between
 * network namespaces. Shared by scripts/ensure-tools.ts and the tests that need them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const SYSTEM_TOOLS = [
  { command: 'nft', pkg: 'nftables', usedBy: 'nft -c of the nftables rulesets' },
  { command: 'iptables-restore', pkg: 'iptables', usedBy: 'iptables-restore --test' },
  { command: 'ip6tables-restore', pkg: 'iptables', usedBy: 'ip6tables-restore --test' },
  { command: 'ip', pkg: 'iproute2', usedBy: 'the reachability test (network namespaces)' },
  { command: 'ping', pkg: 'iputils-ping', usedBy: "the reachability probe's ICMP check" },
] as const;

export type SystemCommand = (typeof SYSTEM_TOOLS)[number]['command'];

/** The command's full path, from PATH and the sbin folders a non-root PATH may lack. */
export function findCommand(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin'];
  return dirs
    .filter((dir) => dir.startsWith('/'))
    .map((dir) => join(dir, command))
    .find((path) => existsSync(path));
}

/**
 * Why a test that needs these commands cannot run here, or undefined when it can. Under CI
 * (CI=true), where `npm test` has installed them, a missing command is an error, never a skip.
 */
export function missingTools(...commands: SystemCommand[]): string | undefined {
  const missing = commands.filter((c) => !findCommand(c));
  if (!missing.length) return undefined;
  const packages = [
    ...new Set(missing.map((c) => SYSTEM_TOOLS.find((t) => t.command === c)?.pkg ?? c)),
  ];
  const reason = `${missing.join(', ')} not found: install ${packages.join(', ')}`;
  if (process.env.CI === 'true') throw new Error(`${reason} (CI must run every test)`);
  return reason;
}

/** Root on Debian (or a Debian derivative): where the tests may install packages with apt-get. */
export function canAptInstall(): boolean {
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const isDebian = existsSync('/etc/debian_version') || /ID(_LIKE)?=.*debian/.test(osRelease);
  return process.getuid?.() === 0 && isDebian;
}

/** apt-get update, then one install of the packages, quietly; throws with apt's error. */
export function aptInstall(packages: readonly string[]): void {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
