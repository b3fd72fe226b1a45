/**
 * What single lines of a paste say about its blocks: a shell prompt and the command it runs (the
 * hint for the output that follows), the header of a table whose tool the checker reads, and
 * sentences (prose), which are read for nothing.
 */
import { isPromptLine } from './parsers/common.ts';
import { CLASH, LOG_LINE } from './parsers/log.ts';
import type { Format } from './types.ts';

const PS_PROMPT = /^PS [A-Za-z]:\\[^>]*>[ \t]*(.*)$/;

/** Commands whose output people paste, and the format that output is in. */
const COMMAND_FORMAT: [RegExp, Format][] = [
  [/^ss(\s+-|\s*[|>]|$)/, 'ss'],
  [/^netstat(\s+-|\s*[|>]|$)/, 'netstat'],
  [/^lsof(\s+-|\s*[|>]|$)/, 'lsof'],
  [
    /^(sysctl(\s+-|\s+net\.|$)|cat \/proc\/sys\/net\/ipv4\/ip_local_(port_range|reserved_ports))/,
    'sysctl',
  ],
  [/^(ip6?tables-save\b|ip6?tables\s+(-\S*[SL]|--list))/, 'iptables'],
  [/^nft\s+(-\S+\s+)*list\b/, 'nft'],
  [/^docker\s+(container\s+)?(ps|ls)\b/, 'docker-ps'],
  [/^ip\s+(-\S+\s+)*l(ink)?\b/, 'ip-link'],
  [/^(journalctl(\s+-|$)|k8s\s+(bootstrap|join-cluster)\b|snap\s+logs\b)/, 'log'],
  [/^kubectl\s+(-\S+\s+)*get\s+(svc|services?)\b/, 'kubectl-svc'],
  [/^ufw\s+status\b/, 'ufw'],
  [/^firewall-cmd\s+.*--list-all\b/, 'firewalld'],
];
export const hintOf = (command: string): Format | undefined =>
  COMMAND_FORMAT.find(([re]) => re.test(command))?.[1];

/** `# cmd` is a root prompt only when a command whose output the checker reads follows. */
const ROOT_PROMPT = /^#[ \t]+(?:sudo[ \t]+)?(\S.*)$/;

/** The command a prompt line runs, without the prompt and sudo; undefined when it is no prompt. */
export function promptCommand(trimmed: string): string | undefined {
  const ps = PS_PROMPT.exec(trimmed);
  if (ps) return ps[1]!;
  const root = ROOT_PROMPT.exec(trimmed);
  if (root && hintOf(root[1]!)) return root[1]!;
  if (!isPromptLine(trimmed) || trimmed.startsWith('[sudo]')) return undefined;
  const m = /^(?:\$|[\w.-]+@[\w.-]+(?::[^#$\s]*)?\s?[#$]|\[[^\]]+\][#$])[ \t]*(.*)$/.exec(trimmed);
  return (m?.[1] ?? '').replace(/^sudo(\s+-\S+)*\s+/, '');
}

/** The header of a table whose tool the checker reads: it starts a block of its own. */
export const TABLE_HEADER =
  /^((Netid[ \t]+)?State[ \t]+Recv-Q[ \t]+Send-Q|Proto[ \t]+Recv-Q[ \t]+Send-Q|Active Internet connections|COMMAND[ \t]+PID[ \t]+USER|CONTAINER[ \t]+ID[ \t]+IMAGE|(NAMESPACE[ \t]+)?NAME[ \t]+TYPE[ \t]+CLUSTER-IP)/;

/** Lines that read as sentences: four or more words, not a listing row or a port list. */
export function isProseLine(t: string): boolean {
  if (/^[|#\d*[(-]|^[\w.-]+\s*[:=]\s*\S|[{}<>=]|\s{3,}/.test(t) || TABLE_HEADER.test(t))
    return false;
  if (promptCommand(t) !== undefined || LOG_LINE.test(t) || CLASH.test(t)) return false;
  // A sentence starts with a capital or ends like one; a rule such as `insert rule inet ...` does not.
  if (!/^[A-Z]|[.?!:]$/.test(t)) return false;
  const words = t.match(/[A-Za-z][a-z'’]+/g)?.length ?? 0;
  return words >= 4 && words >= t.split(/\s+/).length * 0.6;
}

/**
 * A command that connects elsewhere: its address is where traffic goes, not what this node binds.
 * `nc -l` listens, so netcat counts only without `-l`.
 */
const DESTINATION =
  /^(?:sudo\s+(?:-\S+\s+)*)?(?:kubeadm\s+join\b|k8s\s+join-cluster\b|curl\b|wget\b|telnet\b|openssl\s+s_client\b|kubectl\b.*\s--server[\s=]|ssh\b|(?:nc|ncat|netcat)\b(?!.*\s-[a-zA-Z]*l))/;
export const isDestination = (trimmed: string): boolean => DESTINATION.test(trimmed);
