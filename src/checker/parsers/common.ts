/** Pieces every parser shares. */
import { classifyAddress, type Tool } from '../address.ts';
import { MAX_PORT, parsePortSpec } from '../../domain/ports.ts';
import type { Entry, Format, ParseResult, Transport } from '../types.ts';

export function emptyResult(format: Format): ParseResult {
  return { format, entries: [], unrecognized: [], ignored: [], showsProcesses: false, notes: [] };
}

/** A shell prompt with the command that produced the paste: `$ ss -tlnp`, `root@host:~# ...`, `[root@h ~]# ...`. */
export function isPromptLine(trimmed: string): boolean {
  return (
    /^\$(\s+\S|$)/.test(trimmed) ||
    /^[\w.-]+@[\w.-]+(:[^#$\s]*)?\s?[#$](\s|$)/.test(trimmed) ||
    /^\[[^\]]+\][#$](\s|$)/.test(trimmed) ||
    /^\[sudo\] password/.test(trimmed)
  );
}

/** The most characters of a pasted line that a report echoes back, in the table and in JSON. */
export const MAX_ECHO = 300;

/** A pasted line as a report shows it: cut to MAX_ECHO characters, marked with an ellipsis. */
export const echoLine = (text: string): string =>
  text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 1)}…` : text;

export function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Visits each line with its 1-based number and trimmed text, skipping blank lines and shell prompts (structure in every format). */
export function eachLine(
  text: string,
  visit: (line: string, n: number, trimmed: string) => void,
): void {
  lines(text).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed && !isPromptLine(trimmed)) visit(line, i + 1, trimmed);
  });
}

/** Adds an entry, classifying its address as the tool that printed it means it. */
export function pushEntry(
  result: ParseResult,
  entry: Omit<Entry, 'addressKind'>,
  tool: Tool,
): void {
  const { kind, ip } = classifyAddress(entry.address, tool);
  const full: Entry = { ...entry, addressKind: kind };
  if (ip) full.ip = ip;
  if (entry.processes?.length) result.showsProcesses = true;
  result.entries.push(full);
}

/** Adds one entry per protocol for a port spec with an optional protocol, or records why it could not. */
export function pushPorts(
  result: ParseResult,
  base: Omit<Entry, 'addressKind' | 'port' | 'protocol' | 'endPort'>,
  spec: string,
  protocols: readonly Transport[] | undefined,
  tool: Tool,
  text: string,
): boolean {
  const range = parsePortSpec(spec);
  if (!range || 'error' in range) {
    result.unrecognized.push({
      line: base.line,
      text,
      reason: range ? range.error : `"${spec}" is not a port`,
    });
    return false;
  }
  const list = protocols?.length ? protocols : (['tcp'] as const);
  for (const protocol of list) {
    const entry: Omit<Entry, 'addressKind'> = { ...base, port: range.port, protocol };
    if (range.endPort !== undefined) entry.endPort = range.endPort;
    if (!protocols?.length) entry.protocolAssumed = true;
    pushEntry(result, entry, tool);
  }
  return true;
}

/** Both transports, for rules that name no protocol. */
export const BOTH: Transport[] = ['tcp', 'udp'];
export const ALL_PORTS = `1-${MAX_PORT}`;

/** Adds a firewall rule that allows a port spec, for these protocols (TCP when none). */
export function allow(
  result: ParseResult,
  n: number,
  line: string,
  spec: string,
  protocols: Transport[] | undefined,
  note?: string,
): void {
  pushPorts(
    result,
    { line: n, kind: 'firewall-allow', ...(note ? { note } : {}) },
    spec,
    protocols,
    'plain',
    line,
  );
}

const LISTEN_FLAG = String.raw`--[\w.-]*(?:listen|address|port|bind)[\w.-]*`;
const HOST_PORT = String.raw`((?:\[[^\]]*\]|[\w.-]*):)?(\d{1,5})`;
/** A whole argument, `--web.listen-address=127.0.0.1:9101` (Kubernetes args are one flag each). */
const WHOLE_ARG = new RegExp(`^${LISTEN_FLAG}=${HOST_PORT}$`);
/** Anywhere in a command string, `--port 8080` or `--listen=:9100` (Compose commands can be one string). */
const IN_COMMAND = new RegExp(`${LISTEN_FLAG}[= ]"?${HOST_PORT}\\b`, 'gi');

/** The flags that say where a program listens: each flag's text, its address (if any) and port. */
export function listenFlags(
  text: string,
  oneArgument: boolean,
): { flag: string; address?: string; port: string }[] {
  const found = oneArgument
    ? [WHOLE_ARG.exec(text)].filter((m) => !!m)
    : [...text.matchAll(IN_COMMAND)];
  const flags = found.map((m) => ({
    flag: m[0],
    port: m[2]!,
    ...(m[1] ? { address: m[1].slice(0, -1) } : {}),
  }));
  // etcd's `--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.5:2379`: each URL listens.
  const urls = oneArgument
    ? [URL_ARG.exec(text)].filter((m) => !!m)
    : [...text.matchAll(new RegExp(URL_ARG.source.slice(1, -1), 'gi'))];
  for (const m of urls)
    for (const url of m[1]!.split(',')) {
      const u = /^[a-z][\w+.-]*:\/\/((?:\[[^\]]*\]|[^:/\s]*)):(\d{1,5})(?:\/\S*)?$/i.exec(
        url.trim(),
      );
      if (u) flags.push({ flag: m[0], port: u[2]!, ...(u[1] ? { address: u[1] } : {}) });
    }
  return flags;
}

/** etcd's listen flags take URLs: `--listen-peer-urls=https://10.0.0.5:2380`. */
const URL_ARG = /^--listen-[\w-]*urls[= ]"?([^\s"]+)"?$/;

/**
 * `--bind-address` (or `--address`) without a port sets the address of the port flags beside it:
 * `--bind-address=127.0.0.1 --secure-port=10259` listens on 127.0.0.1:10259.
 */
export function bindAddress(args: readonly string[]): string | undefined {
  for (const a of args) {
    const m = /^--(?:bind-)?address[= ]"?((?:\d{1,3}\.){3}\d{1,3}|\[?[\da-f:]+\]?)"?$/i.exec(
      a.trim(),
    );
    if (m) return m[1]!.replace(/^\[|\]$/g, '');
  }
  return undefined;
}
