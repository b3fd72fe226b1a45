/**
 * `nft list ruleset` and nftables scripts. An allow rule is read as covering its ports whatever its source;
 * chain order, policies and jumps are not evaluated.
 */
import type { ParseResult, Transport } from '../types.ts';
import { ALL_PORTS, BOTH, allow, eachLine, emptyResult } from './common.ts';

export function parseNft(text: string): ParseResult {
  const result = emptyResult('nft');
  // Named sets: `set k8s { type inet_service; elements = { 6443, 10250 } }`.
  const sets = new Map<string, string[]>();
  for (const m of text.matchAll(/\bset\s+([\w-]+)\s*\{[^}]*?\belements\s*=\s*\{([^}]*)\}/g)) {
    sets.set(m[1]!, m[2]!.split(/[\s,]+/).filter(Boolean));
  }
  let chain = '';
  let inSet = 0;
  eachLine(text, (line, n, trimmed) => {
    const t = trimmed.replace(/\s+comment\s+"[^"]*"\s*$/, '');
    if (inSet) {
      inSet += (t.match(/\{/g)?.length ?? 0) - (t.match(/\}/g)?.length ?? 0);
      return;
    }
    if (/^set\s+[\w-]+\s*\{/.test(t)) {
      inSet = (t.match(/\{/g)?.length ?? 0) - (t.match(/\}/g)?.length ?? 0);
      return;
    }
    const chainHead = /^chain\s+([\w-]+)\s*\{/.exec(t);
    if (chainHead) {
      chain = chainHead[1]!.toLowerCase();
      return;
    }
    if (!t || t.startsWith('#') || /^(table|flush|define|include|\}|type\s|policy\s)/.test(t))
      return;
    if (/^\{%.*%\}$/.test(t)) {
      result.ignored.push({ line: n, text: line, reason: 'template directive' });
      return;
    }
    const ruleChain =
      /^(?:add|insert)\s+rule\s+\w+\s+\S+\s+(\S+)/.exec(t)?.[1]?.toLowerCase() ?? chain;
    if (!/\baccept\b/.test(t)) {
      result.ignored.push({
        line: n,
        text: line,
        reason: /\b(drop|reject)\b/.test(t)
          ? 'drop/reject rule: not an allow'
          : 'rule without accept (jumps are not followed)',
      });
      return;
    }
    if (/^(output|forward|postrouting|prerouting)$/.test(ruleChain)) {
      result.ignored.push({
        line: n,
        text: line,
        reason: `${ruleChain} chain: not traffic to this host`,
      });
      return;
    }
    if (/\bct\s+state\s+[\w,{} ]*\b(established|related)\b/.test(t) && !/\bnew\b/.test(t)) {
      result.ignored.push({ line: n, text: line, reason: 'matches established connections only' });
      return;
    }
    if (/\biif(name)?\s+"?lo"?\b/.test(t)) {
      result.ignored.push({ line: n, text: line, reason: 'loopback interface only' });
      return;
    }
    if (/\{\{.*\}\}/.test(t)) {
      result.unrecognized.push({
        line: n,
        text: line,
        reason: 'template expression: render the template first',
      });
      return;
    }
    const m = /\b(tcp|udp|th)\s+dport\s+(\{[^}]*\}|@[\w-]+|\S+)/.exec(t);
    if (!m) {
      if (/\b(icmp|icmpv6)\b/.test(t))
        result.ignored.push({ line: n, text: line, reason: 'ICMP has no ports' });
      else
        allow(
          result,
          n,
          line,
          ALL_PORTS,
          /\bmeta\s+l4proto\s+tcp\b/.test(t)
            ? ['tcp']
            : /\bmeta\s+l4proto\s+udp\b/.test(t)
              ? ['udp']
              : BOTH,
          'accepts every port',
        );
      return;
    }
    const l4 = /\bmeta\s+l4proto\s+(\{[^}]*\}|\w+)/.exec(t)?.[1] ?? '';
    const protocols: Transport[] =
      m[1] === 'th' ? BOTH.filter((p) => !l4 || l4.includes(p)) : [m[1] as Transport];
    let specs: string[];
    if (m[2]!.startsWith('@')) {
      const set = sets.get(m[2]!.slice(1));
      if (!set) {
        result.unrecognized.push({
          line: n,
          text: line,
          reason: `named set ${m[2]} is not in the paste`,
        });
        return;
      }
      specs = set;
    } else
      specs = m[2]!
        .replace(/[{}]/g, ' ')
        .split(/[\s,]+/)
        .filter(Boolean);
    for (const spec of specs) allow(result, n, line, spec, protocols);
  });
  return result;
}
