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
  /^([A-Z][a-z]{2}\s+\d{1,2}\s+\d\d:\d\d:\d\d\s+\S+\s+[^\s:[]+(\[\d+\])?:\s|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d|[IWEF]\d{4}\s+\d\d:\d\d:\d\d\.\d+\s+\d+\s+\S+:\d+\]\s)/;

/** Go's net package: `listen tcp 0.0.0.0:10255: bind: address already in use`. */
const GO_BIND = /\blisten (tcp|udp)[46]? (\S+?): bind: address already in use/i;
/** nginx and other C servers: `bind() to 0.0.0.0:80 failed (98: Address already in use)`. */
const C_BIND = /\bbind\(\) to (\S+) failed \(98: Address already in use\)/i;
/** k8sd's pre-flight check: `port 10255 (needed by: kubelet-read-only) is already in use`. */
const K8SD = /\bport (\d+) \(needed by: ([\w-]+)\) is already in use/;

/** A line of a log that names a port clash, or text like one. */
export const CLASH = new RegExp(`${GO_BIND.source}|${C_BIND.source}|${K8SD.source}`, 'i');

export function parseLog(text: string): ParseResult {
  const result = emptyResult('log');
  eachLine(text, (line, n, t) => {
    if (readSocketLine(result, line, n, t)) return;
    const clashes: { address?: string; port: string; protocol: Transport; note: string }[] = [];
    for (const m of line.matchAll(new RegExp(GO_BIND.source, 'gi'))) {
      const split = splitHostPort(m[2]!);
      if (split)
        clashes.push({
          ...(split.host ? { address: split.host } : {}),
          port: split.port,
          protocol: m[1]!.toLowerCase() as Transport,
          note: `a program failed to listen on ${m[2]}: something already holds it`,
        });
    }
    for (const m of line.matchAll(new RegExp(C_BIND.source, 'gi'))) {
      const split = splitHostPort(m[1]!);
      if (split)
        clashes.push({
          ...(split.host ? { address: split.host } : {}),
          port: split.port,
          protocol: 'tcp',
          note: `a program failed to bind ${m[1]}: something already holds it`,
        });
    }
    for (const m of line.matchAll(new RegExp(K8SD.source, 'g')))
      clashes.push({
        port: m[1]!,
        protocol: 'tcp',
        note: `bootstrap or join stopped: k8sd's pre-flight check (${m[2]}) found ${m[1]} taken`,
      });
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
        },
        'plain',
      );
    }
  });
  return result;
}
