/**
 * Firewall rules written as commands, as people keep them in scripts and runbooks: iptables and
 * ip6tables, firewall-cmd, ufw and nft, with or without sudo, env, a path such as /sbin/, and
 * several joined with `&&` or `;`. These are rules, never listeners, whatever format was chosen.
 */
import type { ParseResult } from '../types.ts';
import { lines } from './common.ts';

export type FirewallTool = 'iptables' | 'firewalld' | 'ufw' | 'nft';

const COMMAND =
  /^(?:sudo(?:\s+-\S+)*\s+)?(?:env\s+)?(?:[A-Za-z_]\w*=\S*\s+)*(?:\S*\/)?(ip6?tables(?:-legacy|-nft)?|firewall-(?:offline-)?cmd|ufw|nft)(?=\s|$)\s*(.*)$/;

/** A firewall tool's name anywhere: the cheap test before a line is split into commands. */
const TOOL_WORD =
  /(?:^|[\s/;&|])(?:ip6?tables|firewall-(?:offline-)?cmd|ufw|nft)(?:-\w+)?(?=\s|$)/m;

const TOOL_OF: Record<string, FirewallTool> = {
  'firewall-cmd': 'firewalld',
  'firewall-offline-cmd': 'firewalld',
  ufw: 'ufw',
  nft: 'nft',
};

/** Splits a shell line at `&&`, `||` and `;` outside quotes, and drops a trailing `# comment`. */
export function shellParts(line: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) break;
    else if (c === ';' || ((c === '&' || c === '|') && line[i + 1] === c)) {
      parts.push(current);
      current = '';
      if (c !== ';') i++;
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The firewall command a shell command runs, with its arguments; undefined for anything else. */
export function commandOf(part: string): { tool: FirewallTool; args: string } | undefined {
  const m = COMMAND.exec(part.trim());
  if (!m) return undefined;
  return { tool: TOOL_OF[m[1]!] ?? 'iptables', args: m[2]!.trim() };
}

/** Shell words: whitespace-separated, with single and double quotes removed. */
export function shellWords(args: string): string[] {
  const words: string[] = [];
  for (const m of args.matchAll(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g))
    words.push(m[0].replace(/'([^']*)'|"([^"]*)"/g, (_, a?: string, b?: string) => a ?? b ?? ''));
  return words;
}

export interface CommandLines {
  /** Each firewall command with its 1-based line; a line may hold several. */
  commands: { line: number; tool: FirewallTool; args: string }[];
  /** The lines that held no firewall command, with command lines blank. */
  rest: string;
  /** Lines that name a firewall tool but not as a command the checker can read literally. */
  shell: { line: number; reason: string }[];
}

/** Separates firewall command lines from the rest of a paste, keeping line numbers. */
export function splitCommands(text: string): CommandLines {
  // Most pastes name no firewall tool at all: skip the per-line work for them.
  if (!TOOL_WORD.test(text)) return { commands: [], rest: text, shell: [] };
  const source = lines(text);
  const rest = [...source];
  const commands: CommandLines['commands'] = [];
  const shell: CommandLines['shell'] = [];
  source.forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#') || !TOOL_WORD.test(t)) return;
    const found = shellParts(t).flatMap((p) => {
      const c = commandOf(p);
      return c ? [{ line: i + 1, ...c }] : [];
    });
    if (found.length) {
      rest[i] = '';
      commands.push(...found);
    } else if (
      /\b(ip6?tables|firewall-cmd|ufw|nft)\s/.test(t) &&
      /^(for|while|if|do|then)\b|\$/.test(t)
    ) {
      rest[i] = '';
      shell.push({
        line: i + 1,
        reason:
          'a firewall command inside a loop or with a shell variable: the checker reads literal commands only (run the script with bash -x and paste the commands it prints)',
      });
    }
  });
  return { commands, rest: rest.join('\n'), shell };
}

/** Adds a tool parser's result to another, with each row's text the original pasted line. */
export function mergeInto(target: ParseResult, from: ParseResult, source: string[]): void {
  const text = (line: number) => source[line - 1] ?? '';
  target.entries.push(...from.entries);
  target.unrecognized.push(...from.unrecognized.map((u) => ({ ...u, text: text(u.line) })));
  target.ignored.push(...from.ignored.map((i) => ({ ...i, text: text(i.line) })));
  target.notes.push(...from.notes.filter((n) => !target.notes.includes(n)));
  if (from.showsProcesses) target.showsProcesses = true;
}

/** One command's rows at the line it came from. */
function atLine(target: ParseResult, from: ParseResult, line: number, text: string): void {
  target.entries.push(...from.entries.map((e) => ({ ...e, line })));
  target.unrecognized.push(...from.unrecognized.map((u) => ({ ...u, line, text })));
  target.ignored.push(...from.ignored.map((i) => ({ ...i, line, text })));
}

/** iptables arguments as `iptables -S` prints a rule, or why they are not an allow rule. */
function iptablesRule(args: string): { rule: string } | { reason: string } {
  const words = args
    .replace(/\s(-w|--wait)(\s+\d+)?(?=\s|$)/g, ' ')
    .replace(/^(-w|--wait)(\s+\d+)?\s+/, '')
    .trim();
  const table = /(?:^|\s)(?:-t|--table)[\s=]+(\S+)/.exec(words)?.[1];
  if (table && table !== 'filter')
    return { reason: `${table} table: not a rule that accepts traffic` };
  const rule = words
    .replace(/(?:^|\s)(?:-t|--table)[\s=]+filter\b/, ' ')
    .replace(/(?:^|\s)--append\s/, ' -A ')
    .replace(/(?:^|\s)--insert\s/, ' -I ')
    .trim();
  if (/^-[AI]\s/.test(rule)) return { rule };
  const verb = /^(-[A-Z]|--[a-z-]+)/.exec(rule)?.[1] ?? rule.split(/\s+/)[0] ?? '';
  return { reason: `iptables ${verb}: not an allow rule` };
}

/** nft arguments as an nftables script line, unquoted and unescaped. */
function nftRule(args: string): { rule: string } | { reason: string } {
  // `nft 'add rule ...'`, `dport '{ 80, 443 }'` and `dport \{ 80 \}` are the shell's quoting.
  const rule = shellWords(args.replace(/\\([{};])/g, '$1')).join(' ');
  if (/^(add|insert)\s+rule\s/.test(rule)) return { rule };
  if (/^-f\s/.test(rule)) return { reason: 'nft -f reads rules from a file: paste that file' };
  return { reason: `nft ${rule.split(/\s+/).slice(0, 2).join(' ')}: not a rule` };
}

export function parseCommands(
  split: CommandLines,
  text: string,
  format: ParseResult['format'],
  readers: {
    iptables: (text: string) => ParseResult;
    nft: (text: string) => ParseResult;
    ufw: (result: ParseResult, line: number, text: string, args: string) => void;
    firewalld: (result: ParseResult, line: number, text: string, args: string) => void;
  },
): ParseResult {
  const result: ParseResult = {
    format,
    entries: [],
    unrecognized: [],
    ignored: [],
    showsProcesses: false,
    notes: [],
  };
  const source = lines(text);
  for (const { line, tool, args } of split.commands) {
    const t = source[line - 1] ?? '';
    if (/\$\{?\w/.test(args)) {
      result.unrecognized.push({
        line,
        text: t,
        reason: 'uses a shell variable: paste the command as it runs (bash -x prints it)',
      });
      continue;
    }
    if (tool === 'ufw') readers.ufw(result, line, t, args);
    else if (tool === 'firewalld') readers.firewalld(result, line, t, args);
    else {
      const read = tool === 'nft' ? nftRule(args) : iptablesRule(args);
      if ('reason' in read) result.ignored.push({ line, text: t, reason: read.reason });
      else atLine(result, (tool === 'nft' ? readers.nft : readers.iptables)(read.rule), line, t);
    }
  }
  for (const s of split.shell)
    result.unrecognized.push({ line: s.line, text: source[s.line - 1] ?? '', reason: s.reason });
  return result;
}
