/**
 * iptables rules, as `iptables -S` and `iptables -L -n` print them. An allow rule is read as covering its ports whatever its source;
 * chain order, policies and jumps are not evaluated.
 */
import type { ParseResult, Transport } from '../types.ts';
import { ALL_PORTS, BOTH, allow, eachLine, emptyResult } from './common.ts';

const IGNORED_CHAINS = /^(OUTPUT|FORWARD|POSTROUTING|PREROUTING)$/;

/** The port part of an iptables rule in either -S or -L form. */
function iptablesPorts(rule: string): string[] | undefined {
  const multi = /(?:--dports|multiport dports)\s+([\w,:]+)/.exec(rule);
  if (multi) return multi[1]!.split(',').filter(Boolean);
  const single = /(?:--dport|--destination-port|dpts?:)\s*([\w:]+)/.exec(rule);
  return single ? [single[1]!] : undefined;
}

export function parseIptables(text: string): ParseResult {
  const result = emptyResult('iptables');
  let chain = '';
  eachLine(text, (line, n, t) => {
    const chainHead = /^Chain\s+(\S+)/.exec(t);
    if (chainHead) {
      chain = chainHead[1]!;
      return;
    }
    if (/^(target\s+prot|pkts\s+bytes|\*\w+$|COMMIT$|:\S+\s|-P\s|-N\s|#)/.test(t)) return;
    let target: string | undefined;
    let proto: string | undefined;
    let ruleChain = chain;
    if (t.startsWith('-A ') || t.startsWith('-I ')) {
      ruleChain = t.split(/\s+/)[1]!;
      target = /\s-j\s+(\S+)/.exec(t)?.[1];
      proto = /\s-p\s+(\S+)/.exec(t)?.[1];
    } else {
      const cols = t.split(/\s+/);
      const offset = /^\d+$/.test(cols[0]!) && /^\d+[KMG]?$/.test(cols[1] ?? '') ? 2 : 0;
      target = cols[offset];
      proto = cols[offset + 1];
      if (
        !target ||
        !proto ||
        !/^(all|tcp|udp|icmp|icmpv6|ipv6-icmp|esp|ah|gre|sctp|\d+)$/.test(proto)
      ) {
        result.unrecognized.push({ line: n, text: line, reason: 'not an iptables rule line' });
        return;
      }
    }
    if (target !== 'ACCEPT') {
      result.ignored.push({
        line: n,
        text: line,
        reason: target
          ? `${target}: only ACCEPT rules open ports (jumps are not followed)`
          : 'rule without a target',
      });
      return;
    }
    if (IGNORED_CHAINS.test(ruleChain)) {
      result.ignored.push({
        line: n,
        text: line,
        reason: `${ruleChain} chain: not traffic to this host`,
      });
      return;
    }
    if (
      /\b(?:c?t?state|--c?t?state)\s+(RELATED,ESTABLISHED|ESTABLISHED,RELATED|ESTABLISHED|RELATED)\b/.test(
        t,
      ) ||
      /ctstate\s+(RELATED,ESTABLISHED|ESTABLISHED)/.test(t)
    ) {
      result.ignored.push({ line: n, text: line, reason: 'matches established connections only' });
      return;
    }
    if (/^\s*-A\s+\S+.*\s-i\s+lo\b/.test(t) || (/\slo\s/.test(` ${t} `) && !t.startsWith('-A'))) {
      result.ignored.push({ line: n, text: line, reason: 'loopback interface only' });
      return;
    }
    const p = (proto ?? 'all').toLowerCase();
    if (p !== 'all' && p !== 'tcp' && p !== 'udp' && p !== '6' && p !== '17') {
      result.ignored.push({ line: n, text: line, reason: `${p} traffic has no ports` });
      return;
    }
    const protocols: Transport[] =
      p === 'tcp' || p === '6' ? ['tcp'] : p === 'udp' || p === '17' ? ['udp'] : BOTH;
    const ports = iptablesPorts(t);
    if (!ports) {
      allow(result, n, line, ALL_PORTS, protocols, 'accepts every port');
      return;
    }
    for (const port of ports) allow(result, n, line, port, protocols);
  });
  return result;
}
