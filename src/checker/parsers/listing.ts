/** Socket listings: ss, netstat and lsof. One line, one socket. */
import { splitHostPort } from '../address.ts';
import { parsePortSpec } from '../../domain/ports.ts';
import { netstatNameWidth } from '../../domain/process.ts';
import type { Entry, ParseResult, Transport } from '../types.ts';
import { eachLine, emptyResult, pushEntry } from './common.ts';

const LISTEN_STATES = new Set(['LISTEN', 'UNCONN']);
const STATES =
  /^(LISTEN|UNCONN|ESTAB|ESTABLISHED|TIME-WAIT|TIME_WAIT|CLOSE-WAIT|CLOSE_WAIT|SYN-SENT|SYN_SENT|SYN-RECV|SYN_RECV|FIN-WAIT-1|FIN-WAIT-2|FIN_WAIT1|FIN_WAIT2|LAST-ACK|LAST_ACK|CLOSING|CLOSED|CLOSE)$/i;

/** Headers and comments: structure, not sockets. */
function isStructure(t: string): boolean {
  return (
    t.startsWith('#') ||
    /^(State|Netid|Proto|COMMAND)\s/.test(t) ||
    /^Active (Internet|UNIX)/.test(t)
  );
}

function portOf(
  result: ParseResult,
  lineNo: number,
  line: string,
  local: string,
): { host: string; port: number } | undefined {
  const split = splitHostPort(local);
  const spec = split && parsePortSpec(split.port);
  if (!split || !spec) {
    result.unrecognized.push({
      line: lineNo,
      text: line,
      reason: `cannot read the local address "${local}"`,
    });
    return undefined;
  }
  if ('error' in spec) {
    result.unrecognized.push({ line: lineNo, text: line, reason: spec.error });
    return undefined;
  }
  return { host: split.host, port: spec.port };
}

/** `users:(("kubelet",pid=1,fd=3),("sshd",pid=2,fd=4))` → ['kubelet', 'sshd']. */
function ssProcesses(rest: string): string[] {
  return [...rest.matchAll(/\("([^"]*)",pid=/g)].map((m) => m[1]!);
}

export function parseSs(text: string): ParseResult {
  const result = emptyResult('ss');
  eachLine(text, (line, n, t) => {
    if (isStructure(t)) return;
    const tokens = t.split(/\s+/);
    let protocol: Transport | undefined;
    if (/^(tcp|udp|tcp6|udp6)$/i.test(tokens[0]!))
      protocol = tokens.shift()!.slice(0, 3).toLowerCase() as Transport;
    else if (/^(raw|u_str|u_dgr|u_seq|nl|p_raw|p_dgr|mptcp|sctp|dccp)$/i.test(tokens[0]!)) {
      result.ignored.push({ line: n, text: line, reason: `${tokens[0]} socket: not TCP or UDP` });
      return;
    }
    const state = tokens[0] ?? '';
    if (
      !STATES.test(state) ||
      tokens.length < 5 ||
      !/^\d+$/.test(tokens[1]!) ||
      !/^\d+$/.test(tokens[2]!)
    ) {
      result.unrecognized.push({ line: n, text: line, reason: 'not an ss socket line' });
      return;
    }
    if (!LISTEN_STATES.has(state.toUpperCase())) {
      result.ignored.push({ line: n, text: line, reason: `${state} connection, not a listener` });
      return;
    }
    protocol ??= state.toUpperCase() === 'UNCONN' ? 'udp' : 'tcp';
    const local = portOf(result, n, line, tokens[3]!);
    if (!local) return;
    const processes = ssProcesses(tokens.slice(5).join(' '));
    pushEntry(
      result,
      {
        line: n,
        kind: 'listen',
        port: local.port,
        protocol,
        address: local.host,
        ...(processes.length ? { processes } : {}),
      },
      'ss',
    );
  });
  return result;
}

export function parseNetstat(text: string): ParseResult {
  const result = emptyResult('netstat');
  let inUnix = false;
  eachLine(text, (line, n, t) => {
    if (/^\s*Active UNIX domain sockets/.test(line)) inUnix = true;
    if (/^\s*Active Internet connections/.test(line)) inUnix = false;
    if (isStructure(t)) return;
    const tokens = t.split(/\s+/);
    const proto = tokens[0]!.toLowerCase();
    if (inUnix || proto === 'unix') {
      result.ignored.push({ line: n, text: line, reason: 'unix socket: not a network port' });
      return;
    }
    if (!/^(tcp|udp|tcp6|udp6|udpl|raw|raw6)$/.test(proto) || tokens.length < 5) {
      result.unrecognized.push({ line: n, text: line, reason: 'not a netstat socket line' });
      return;
    }
    if (proto.startsWith('raw')) {
      result.ignored.push({ line: n, text: line, reason: 'raw socket: not TCP or UDP' });
      return;
    }
    const protocol = proto.slice(0, 3) as Transport;
    const rest = tokens.slice(5);
    const state =
      protocol === 'tcp' ? rest.shift() : STATES.test(rest[0] ?? '') ? rest.shift() : undefined;
    if (protocol === 'tcp' && state?.toUpperCase() !== 'LISTEN') {
      result.ignored.push({
        line: n,
        text: line,
        reason: `${state ?? 'unknown'} connection, not a listener`,
      });
      return;
    }
    const foreign = tokens[4]!;
    if (
      protocol === 'udp' &&
      state &&
      state.toUpperCase() === 'ESTABLISHED' &&
      !/[*]$|:0$/.test(foreign)
    ) {
      result.ignored.push({ line: n, text: line, reason: 'connected UDP socket, not a listener' });
      return;
    }
    const local = portOf(result, n, line, tokens[3]!);
    if (!local) return;
    // tcp6 ":::22" is an IPv6 wildcard that netstat cannot tell apart from a v6-only one.
    const host =
      local.host === '::' || local.host === ''
        ? proto.endsWith('6')
          ? '::'
          : '0.0.0.0'
        : local.host;
    const owner = rest.join(' ');
    const pm = /^(\d+)\/(\S.*)$/.exec(owner);
    const entry: Omit<Entry, 'addressKind'> = {
      line: n,
      kind: 'listen',
      port: local.port,
      protocol,
      address: host,
    };
    if (pm) {
      entry.processes = [pm[2]!.trim()];
      entry.processWidth = netstatNameWidth(pm[1]!.length);
    }
    pushEntry(result, entry, 'netstat');
  });
  return result;
}

export function parseLsof(text: string): ParseResult {
  const result = emptyResult('lsof');
  eachLine(text, (line, n, t) => {
    if (isStructure(t)) return;
    const m =
      /^(\S+)\s+(\d+)\s+.*?\s(IPv4|IPv6)\s+\S+\s+\S+\s+(TCP|UDP)\s+(\S+)(?:\s+\((\w+)\))?\s*$/.exec(
        line,
      );
    if (!m) {
      result.unrecognized.push({ line: n, text: line, reason: 'not an lsof network line' });
      return;
    }
    const [, command, , family, proto, name, state] = m;
    const protocol = proto!.toLowerCase() as Transport;
    if (name!.includes('->') || (state && state.toUpperCase() !== 'LISTEN')) {
      result.ignored.push({
        line: n,
        text: line,
        reason: `${state ?? 'connected'} socket, not a listener`,
      });
      return;
    }
    if (protocol === 'tcp' && !state) {
      result.ignored.push({ line: n, text: line, reason: 'TCP socket with no LISTEN state' });
      return;
    }
    const local = portOf(result, n, line, name!);
    if (!local) return;
    pushEntry(
      result,
      {
        line: n,
        kind: 'listen',
        port: local.port,
        protocol,
        address: local.host,
        processes: [command!.replace(/\\x20/g, ' ')],
      },
      family === 'IPv4' ? 'lsof-v4' : 'lsof-v6',
    );
  });
  return result;
}

/** A netstat or ss socket line among other text: its Recv-Q and Send-Q columns are not ports. */
const SOCKET_LINE: { test: RegExp; parse: (text: string) => ParseResult }[] = [
  { test: /^(tcp|udp)6?\s+\d+\s+\d+\s+\S+:\S+\s+\S+:\S+/i, parse: parseNetstat },
  { test: /^((tcp|udp)6?\s+)?(LISTEN|UNCONN)\s+\d+\s+\d+\s+\S+:\S+/i, parse: parseSs },
];

/** Reads one socket line with its own parser, keeping this paste's line number. */
export function readSocketLine(result: ParseResult, line: string, n: number, t: string): boolean {
  const kind = SOCKET_LINE.find((k) => k.test.test(t));
  if (!kind) return false;
  const one = kind.parse(line);
  for (const e of one.entries) result.entries.push({ ...e, line: n });
  for (const u of one.unrecognized) result.unrecognized.push({ ...u, line: n });
  for (const i of one.ignored) result.ignored.push({ ...i, line: n });
  if (one.showsProcesses) result.showsProcesses = true;
  return true;
}
