/**
 * `ufw status` (plain, verbose and numbered). An allow rule is read as covering its ports whatever its source;
 * chain order, policies and jumps are not evaluated.
 */
import type { ParseResult, Transport } from '../types.ts';
import { ALL_PORTS, BOTH, allow, eachLine, emptyResult } from './common.ts';

export function parseUfw(text: string): ParseResult {
  const result = emptyResult('ufw');
  eachLine(text, (line, n, t) => {
    if (
      /^(Status|Logging|Default|New profiles):/.test(t) ||
      /^To\s+Action\s+From/.test(t) ||
      /^[-\s]+$/.test(t)
    )
      return;
    const m =
      /^(?:\[\s*\d+\]\s*)?(.+?)\s+(ALLOW|DENY|REJECT|LIMIT)(?:\s+(IN|OUT|FWD))?\s+(.+)$/.exec(t);
    if (!m) {
      result.unrecognized.push({ line: n, text: line, reason: 'not a ufw rule line' });
      return;
    }
    const [, rawTo, action, direction] = m;
    if (action === 'DENY' || action === 'REJECT') {
      result.ignored.push({ line: n, text: line, reason: `${action} rule: not an allow` });
      return;
    }
    if (direction === 'OUT' || direction === 'FWD') {
      result.ignored.push({
        line: n,
        text: line,
        reason: `${direction} rule: not traffic to this host`,
      });
      return;
    }
    const to = rawTo!
      .replace(/\s*\(v6\)/g, '')
      .replace(/\s+on\s+\S+$/, '')
      .trim();
    // "To" may be a destination address and a port: "10.0.0.5 6443/tcp".
    const spec = to.split(/\s+/).pop()!;
    const isAddress =
      /^[0-9a-f.:]+(\/\d+)?$/i.test(spec) && /[.:]/.test(spec) && !/^\d+:\d+$/.test(spec);
    if (/^Anywhere$/i.test(spec) || isAddress) {
      allow(result, n, line, ALL_PORTS, BOTH, 'allows every port');
      return;
    }
    const pm = /^([\d,:]+)(?:\/(tcp|udp))?$/i.exec(spec);
    if (!pm) {
      result.unrecognized.push({
        line: n,
        text: line,
        reason: `"${spec}" is an application profile; \`ufw app info ${spec}\` lists its ports`,
      });
      return;
    }
    const protocols = pm[2] ? [pm[2].toLowerCase() as Transport] : BOTH;
    for (const part of pm[1]!.split(',').filter(Boolean))
      allow(
        result,
        n,
        line,
        part,
        protocols,
        pm[2] ? undefined : 'no protocol: ufw allows TCP and UDP',
      );
  });
  return result;
}
