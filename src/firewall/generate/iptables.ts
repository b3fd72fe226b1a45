/** iptables-restore and ip6tables-restore rulesets, one per family, from a plan. */
import type { Plan, Rule } from '../plan.ts';
import { quotedComment } from '../../domain/escape.ts';
import { portText, v4, v6, ICMP_WHY, header, isAny, forwardsOf, groups } from './common.ts';

/** multiport takes at most 15 ports, a range counting as two. */
function multiportChunks(rules: Rule[]): Rule[][] {
  const chunks: Rule[][] = [];
  let current: Rule[] = [];
  let weight = 0;
  for (const r of rules) {
    const w = r.endPort === undefined ? 1 : 2;
    if (weight + w > 15) {
      chunks.push(current);
      current = [];
      weight = 0;
    }
    current.push(r);
    weight += w;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** One iptables-restore ruleset for a family, or the reason it has no port rules. */
function iptablesFamily(plan: Plan, family: 'v4' | 'v6'): string[] {
  const pick = family === 'v4' ? v4 : v6;
  const icmpProto = family === 'v4' ? '-p icmp --icmp-type' : '-p ipv6-icmp --icmpv6-type';
  const out = ['*filter', ':CK8S-INPUT - [0:0]', ':CK8S-FORWARD - [0:0]'];
  const icmp = plan.icmp.sources;
  const echo = '-m comment --comment "ICMP echo: Cilium health checks ping every other node"';
  if (!icmp.length) out.push(`-A CK8S-INPUT ${icmpProto} echo-request ${echo} -j ACCEPT`);
  for (const s of pick(icmp))
    out.push(`-A CK8S-INPUT -s ${s} ${icmpProto} echo-request ${echo} -j ACCEPT`);
  if (family === 'v6')
    for (const type of [
      'neighbour-solicitation',
      'neighbour-advertisement',
      'router-advertisement',
    ])
      out.push(
        `-A CK8S-INPUT ${icmpProto} ${type} -m comment --comment "IPv6 neighbour discovery" -j ACCEPT`,
      );
  for (const g of groups(plan)) {
    const sources = g.sources.length ? pick(g.sources) : [''];
    if (!sources.length) {
      out.push(
        `# ${g.name}: no ${family === 'v4' ? 'IPv4' : 'IPv6'} source given, so no rule here`,
      );
      continue;
    }
    for (const chunk of multiportChunks(g.rules)) {
      const ports = chunk.map((r) => portText(r, ':')).join(',');
      const comment = `-m comment --comment ${quotedComment(
        chunk.map((r) => `${r.endpoint.serviceName} ${portText(r, '-')}`).join(', '),
      )}`;
      for (const s of sources)
        out.push(
          `-A CK8S-INPUT ${s ? `-s ${s} ` : ''}-p ${g.protocol} -m multiport --dports ${ports} ${comment} -j ACCEPT`,
        );
    }
  }
  out.push('-A CK8S-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  for (const f of forwardsOf(plan).filter((x) => x.v6 === (family === 'v6'))) {
    const match = [isAny(f.from) ? '' : `-s ${f.from}`, isAny(f.to) ? '' : `-d ${f.to}`]
      .filter(Boolean)
      .join(' ');
    out.push(`-A CK8S-FORWARD ${match} -m comment --comment ${quotedComment(f.why)} -j ACCEPT`);
  }
  out.push('COMMIT');
  return out;
}

/** The jumps from the built-in chains into ours, each checked (-C) before it is appended. */
const jumps = (tool: 'iptables' | 'ip6tables') =>
  (['INPUT', 'FORWARD'] as const).map(
    (chain) =>
      `sudo ${tool} -C ${chain} -j CK8S-${chain} 2>/dev/null || sudo ${tool} -A ${chain} -j CK8S-${chain}`,
  );

export function iptables(plan: Plan): string {
  return (
    [
      ...header(plan, '#'),
      '# Run as root. IPv4 rules go to iptables-restore, IPv6 rules to ip6tables-restore: an IPv4',
      '# ruleset alone would leave IPv6 traffic to whatever ip6tables already says.',
      `# ICMP: ${ICMP_WHY}`,
      '# Idempotent: restoring flushes the CK8S chains and refills them, and each jump into them',
      '# is added only when it is not there already.',
      "sudo iptables-restore --noflush <<'EOF'",
      ...iptablesFamily(plan, 'v4'),
      'EOF',
      ...jumps('iptables'),
      "sudo ip6tables-restore --noflush <<'EOF'",
      ...iptablesFamily(plan, 'v6'),
      'EOF',
      ...jumps('ip6tables'),
    ].join('\n') + '\n'
  );
}
/** The two rulesets of the iptables output, for iptables-restore and ip6tables-restore. */
export function iptablesRulesets(text: string): { v4: string; v6: string } {
  const bodies = [...text.matchAll(/<<'EOF'\n([\s\S]*?)\nEOF/g)].map((m) => `${m[1]}\n`);
  return { v4: bodies[0] ?? '', v6: bodies[1] ?? '' };
}
