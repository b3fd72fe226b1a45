/**
 * `firewall-cmd --list-all`. An allow rule is read as covering its ports whatever its source;
 * chain order, policies and jumps are not evaluated.
 */
import type { ParseResult, Transport } from '../types.ts';
import { allow, eachLine, emptyResult } from './common.ts';

export function parseFirewalld(text: string): ParseResult {
  const result = emptyResult('firewalld');
  eachLine(text, (line, n, t) => {
    if (
      /^[\w-]+(\s+\(active\))?$/.test(t) ||
      /^(target|icmp-block-inversion|interfaces|sources|protocols|forward|masquerade|forward-ports|source-ports|icmp-blocks|ingress-priority|egress-priority|priority):/.test(
        t,
      )
    )
      return;
    const ports = /^ports:\s*(.*)$/.exec(t);
    if (ports) {
      for (const item of ports[1]!.split(/\s+/).filter(Boolean)) {
        const m = /^(\d+(?:-\d+)?)\/(tcp|udp|sctp|dccp)$/.exec(item);
        if (!m) result.unrecognized.push({ line: n, text: line, reason: `cannot read "${item}"` });
        else if (m[2] === 'tcp' || m[2] === 'udp') allow(result, n, line, m[1]!, [m[2]]);
        else
          result.ignored.push({
            line: n,
            text: line,
            reason: `${item}: ${m[2]!.toUpperCase()} is not checked`,
          });
      }
      return;
    }
    const services = /^services:\s*(.*)$/.exec(t);
    if (services) {
      const names = services[1]!.split(/\s+/).filter(Boolean);
      if (names.length)
        result.unrecognized.push({
          line: n,
          text: line,
          reason: `firewalld services (${names.join(', ')}) are defined elsewhere; \`firewall-cmd --info-service NAME\` lists their ports`,
        });
      return;
    }
    const rich =
      /^(?:rich rules:\s*)?rule\b.*?\bport\s+port="?([\d-]+)"?\s+protocol="?(tcp|udp)"?.*\baccept\b/.exec(
        t,
      );
    if (rich) {
      allow(result, n, line, rich[1]!, [rich[2] as Transport], 'rich rule');
      return;
    }
    if (/^rich rules:\s*$/.test(t) || /^rule\b/.test(t)) {
      result.ignored.push({ line: n, text: line, reason: 'rich rule without an accepted port' });
      return;
    }
    result.unrecognized.push({ line: n, text: line, reason: 'not a firewall-cmd --list-all line' });
  });
  return result;
}
