/**
 * Log lines and error messages, as people paste what they saw: a journal or klog line around a
 * bind error. Only the port a clash names is read; timestamps (`14:46:31`), `name[PID]:`, dates
 * and `file.go:123` are never ports. The program that printed the error is the one that could
 * not bind, so it is not the holder: the holder stays unknown.
 */
import type { ParseResult, Transport } from '../types.ts';
import { eachLine, emptyResult, pushEntry } from './common.ts';
import { readSocketLine } from './listing.ts';
import { splitHostPort } from '../address.ts';
import { parsePortSpec } from '../../domain/ports.ts';

/** A syslog or journal prefix, an ISO timestamp, or a klog header (`E1126 14:46:31.123 1234 x.go:12]`). */
export const LOG_LINE =
  /^([A-Za-z][a-z]{2}\s+\d{1,2}\s+\d\d:\d\d:\d\d\s+\S+\s+[^\s:[]+(\[\d+\])?:\s|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d|[IWEF]\d{4}\s+\d\d:\d\d:\d\d\.\d+\s+\d+\s+\S+:\d+\]\s)/;

/** Go's net package: `listen tcp 0.0.0.0:10255: bind: address already in use`. */
const GO_BIND = /\blisten (tcp|udp)[46]? (\S+?): bind: address already in use/i;
/** nginx and other C servers: `bind() to 0.0.0.0:80 failed (98: Address already in use)`. */
const C_BIND = /\bbind\(\) to (\S+) failed \(98: Address already in use\)/i;
/** kubeadm's pre-flight check: `[ERROR Port-6443]: Port 6443 is in use`, often after rsyslog's `#011` (a tab). */
const KUBEADM = /\[ERROR Port-(\d{1,7})\]:\s*Port \d+ is in use/i;

const GO_BIND_ALL = new RegExp(GO_BIND.source, 'gi');
const C_BIND_ALL = new RegExp(C_BIND.source, 'gi');
const KUBEADM_ALL = new RegExp(KUBEADM.source, 'gi');

/** The shape of k8sd's pre-flight errors, for detection only; the reader's patterns come from the data. */
const K8SD_SHAPE = /\bport \d+ \(needed by: [\w-]+\)/;

/** A line of a log that names a port clash, or text like one. */
export const CLASH = new RegExp(
  `${GO_BIND.source}|${C_BIND.source}|${K8SD_SHAPE.source}|${KUBEADM.source}`,
  'i',
);

/** The data's pre-flight wordings (src/domain/schema-entries.ts), as the log reader needs them. */
export interface PreflightText {
  clash: string;
  couldNotCheck: string;
  history: readonly { clash: string }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A message template as a pattern: `{port}` and `{key}` captured, any letter case, several a line. */
function templatePattern(template: string): string {
  return escape(template)
    .replace('\\{port\\}', '(\\d{1,7})')
    .replace('\\{key\\}', '([\\w-]+)')
    .replace('\\{reason\\}', '(.+?)(?=\\s*(?:\\bport \\d|\\bcould not check port|"|$)|\\n)');
}

/** The clash (today's wording and each earlier one) and the could-not-check form, global and case-blind. */
export function preflightPatterns(text: PreflightText): { clash: RegExp; couldNotCheck: RegExp } {
  // Longest first, so the wording with a trailing period wins over the one without.
  const wordings = [text.clash, ...text.history.map((h) => h.clash)]
    .sort((a, b) => b.length - a.length)
    .map(templatePattern);
  return {
    clash: new RegExp(`\\b(?:${wordings.map((w) => `(?:${w})`).join('|')})`, 'gi'),
    couldNotCheck: new RegExp(`\\b${templatePattern(text.couldNotCheck)}`, 'gi'),
  };
}

/**
 * A line as its writer meant it: escapes that a log or JSON wrapper added are undone, so errors
 * joined in one pasted line stand apart. A literal `\\n`, `\\t` or `\\r` (JSON strings, klog's
 * quoted `err=`), rsyslog's `#011` (tab) and `#012` (newline) become line breaks, and `\\"` a quote.
 */
export const unwrap = (line: string): string =>
  line.replace(/\\[nrt]|#01[12]|\t/g, '\n').replace(/\\+"/g, '"');

export function parseLog(text: string, preflight?: PreflightText): ParseResult {
  const result = emptyResult('log');
  const patterns = preflight && preflightPatterns(preflight);
  eachLine(text, (line, n, t) => {
    if (readSocketLine(result, line, n, t)) return;
    const u = unwrap(line);
    const clashes: {
      address?: string;
      port: string;
      protocol: Transport;
      note: string;
      possible?: boolean;
    }[] = [];
    for (const m of u.matchAll(GO_BIND_ALL)) {
      const split = splitHostPort(m[2]!);
      if (split)
        clashes.push({
          ...(split.host ? { address: split.host } : {}),
          port: split.port,
          protocol: m[1]!.toLowerCase() as Transport,
          note: `a program failed to listen on ${m[2]}: something already holds it`,
        });
    }
    for (const m of u.matchAll(C_BIND_ALL)) {
      const split = splitHostPort(m[1]!);
      if (split)
        clashes.push({
          ...(split.host ? { address: split.host } : {}),
          port: split.port,
          protocol: 'tcp',
          note: `a program failed to bind ${m[1]}: something already holds it`,
        });
    }
    for (const m of u.matchAll(KUBEADM_ALL))
      clashes.push({
        port: m[1]!,
        protocol: 'tcp',
        note: `kubeadm's pre-flight check found ${m[1]} in use: something already holds it`,
      });
    if (patterns) {
      for (const m of u.matchAll(patterns.clash)) {
        const [port, key] = m.slice(1).filter(Boolean);
        clashes.push({
          port: port!,
          protocol: 'tcp',
          note: `bootstrap or join stopped: k8sd's pre-flight check (${key}) found ${port} taken`,
        });
      }
      for (const m of u.matchAll(patterns.couldNotCheck))
        clashes.push({
          port: m[1]!,
          protocol: 'tcp',
          possible: true,
          note: `the pre-flight check (${m[2]}) could not test ${m[1]} ("${m[3]!.trim()}"), so whether it is free is unknown`,
        });
    }
    // The same error twice on one line (Ansible's `stderr` and `stderr_lines`) is one finding.
    const seen = new Set<string>();
    const unique = clashes.filter((c) => {
      const key = `${c.port}/${c.protocol}/${c.address ?? ''}/${c.possible ?? false}`;
      return !seen.has(key) && seen.add(key);
    });
    clashes.length = 0;
    clashes.push(...unique);
    if (!clashes.length) {
      result.ignored.push({
        line: n,
        text: line,
        reason: LOG_LINE.test(t)
          ? 'log line that names no port clash (its times, PIDs and file:line are not ports)'
          : 'no port clash on this line',
      });
      return;
    }
    for (const c of clashes) {
      const spec = parsePortSpec(c.port);
      if (!spec || 'error' in spec) {
        result.unrecognized.push({
          line: n,
          text: line,
          reason: spec ? spec.error : `"${c.port}" is not a port`,
        });
        continue;
      }
      pushEntry(
        result,
        {
          line: n,
          kind: 'listen',
          port: spec.port,
          protocol: c.protocol,
          note: c.note,
          ...(c.address !== undefined ? { address: c.address } : {}),
          ...(c.possible ? { uncertain: true } : {}),
        },
        'plain',
      );
    }
  });
  return result;
}
