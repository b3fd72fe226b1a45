/**
 * Firewall listings: ufw, firewalld, iptables (-S and -L -n) and nftables. An allow rule is read
 * as covering its ports whatever its source; chain order, policies and jumps are not evaluated.
 */
import type { ParseResult, Transport } from '../types.ts';
import { eachLine, emptyResult, pushPorts } from './common.ts';

const BOTH: Transport[] = ['tcp', 'udp'];
const ALL_PORTS = '1-65535';

function allow(
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
