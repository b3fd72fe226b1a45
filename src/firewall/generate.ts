/**
 * Ready-to-paste rules for ufw, firewalld, nftables and iptables, from a plan: the ports, ICMP
 * between nodes, and forwarding for the pod and service ranges. IPv6 sources are never dropped:
 * each tool gets them in its own syntax, or says why it cannot.
 */
import { SOURCE_LABEL } from '../domain/labels.ts';
import { isV6 } from '../domain/net.ts';
import { describeOptions } from '../domain/node.ts';
import type { ForwardRule, HostTool, Plan, Rule, Source } from './plan.ts';

const label = (r: Rule) =>
  `${r.endpoint.serviceName} ${portText(r, '-')}/${r.protocol} from ${SOURCE_LABEL[r.source]}`;

/** `6443`, or a range with the tool's separator: `30000:32767` (ufw, iptables), `30000-32767`. */
export const portText = (r: { port: number; endPort?: number }, separator: string): string =>
  r.endPort === undefined ? String(r.port) : `${r.port}${separator}${r.endPort}`;

/** Set and chain names for each source. */
const SOURCE_NAME: Record<Source, string> = {
  'control-plane': 'control_plane',
  nodes: 'nodes',
  clients: 'clients',
  monitoring: 'monitoring',
};

const v4 = (sources: readonly string[]) => sources.filter((s) => !isV6(s));
const v6 = (sources: readonly string[]) => sources.filter(isV6);

/** Why ICMP is opened, said once per output. */
export const ICMP_WHY =
  "Cilium's health checks ping every other node (ICMP echo), and IPv6 cannot work without ICMPv6 neighbour discovery.";

function header(plan: Plan, comment: string): string[] {
  const { release, role } = plan.node;
  return [
    `${comment} Canonical Kubernetes ${release}, ${role} node (${describeOptions(plan.node)}).`,
    `${comment} Opens only what other hosts must reach, ICMP between nodes, and forwarding for pods`,
    `${comment} ${plan.forward.podCidr} and services ${plan.forward.serviceCidr}. Port pages: /ports/PORT/.`,
  ];
}

/** `any` in a forward rule stands for no address match. */
const isAny = (cidr: string) => cidr === 'any';

/** Forward rules whose two ends are of one family (an IPv4 pod range never talks to IPv6 nodes). */
function forwardsOf(plan: Plan): (ForwardRule & { v6: boolean })[] {
  return plan.forward.rules.flatMap((f) => {
    const families = [f.from, f.to].filter((c) => !isAny(c)).map(isV6);
    if (families.some((x) => x !== families[0])) return [];
    return [{ ...f, v6: families[0] ?? false }];
  });
}

function ufw(plan: Plan): string {
  const out = header(plan, '#');
  for (const r of plan.rules) {
    const port = portText(r, ':');
    if (!r.sources.length) out.push(`sudo ufw allow ${port}/${r.protocol} comment '${label(r)}'`);
    else
      for (const s of r.sources)
        out.push(
          `sudo ufw allow from ${s} to any port ${port} proto ${r.protocol} comment '${label(r)}'`,
        );
  }
  out.push(
    `# ICMP: ${ICMP_WHY}`,
    "# ufw's own rules (/etc/ufw/before.rules and before6.rules) already accept echo-request and",
    '# neighbour discovery; ufw allow cannot add ICMP rules, so keep those files as they are.',
    '# Forwarding: also set net.ipv4.ip_forward=1 (the how-to does this in /etc/sysctl.conf).',
  );
  for (const f of forwardsOf(plan)) {
    out.push(`# ${f.why}`);
    out.push(
      `sudo ufw route allow from ${isAny(f.from) ? 'any' : f.from} to ${isAny(f.to) ? 'any' : f.to}`,
    );
  }
  return out.join('\n') + '\n';
}

function firewalld(plan: Plan): string {
  const out = header(plan, '#');
  for (const r of plan.rules) {
    out.push(`# ${label(r)}`);
    const port = portText(r, '-');
    if (!r.sources.length)
      out.push(`sudo firewall-cmd --permanent --add-port=${port}/${r.protocol}`);
    else
      for (const s of r.sources)
        out.push(
          `sudo firewall-cmd --permanent --add-rich-rule='rule family="${isV6(s) ? 'ipv6' : 'ipv4'}" source address="${s}" port port="${port}" protocol="${r.protocol}" accept'`,
        );
  }
  out.push(`# ICMP: ${ICMP_WHY}`);
  const icmp = plan.icmp.sources;
  const rich = (family: string, type: string, source?: string) =>
    `sudo firewall-cmd --permanent --add-rich-rule='rule family="${family}"${source ? ` source address="${source}"` : ''} icmp-type name="${type}" accept'`;
  if (!icmp.length) out.push(rich('ipv4', 'echo-request'), rich('ipv6', 'echo-request'));
  for (const s of v4(icmp)) out.push(rich('ipv4', 'echo-request', s));
  for (const s of v6(icmp)) out.push(rich('ipv6', 'echo-request', s));
  if (!icmp.length || v6(icmp).length)
    for (const type of [
      'neighbour-solicitation',
      'neighbour-advertisement',
      'router-advertisement',
    ])
      out.push(rich('ipv6', type));
  out.push(
    '# Forwarding: firewalld forwards between zones by policy, not by address pairs. Putting the pod',
    '# and service ranges in the trusted zone lets their traffic through (what the routed rules of',
    "# the other tools do); k3s's and RKE2's docs advise the same. Also set net.ipv4.ip_forward=1.",
    `sudo firewall-cmd --permanent --zone=trusted --add-source=${plan.forward.podCidr}`,
    `sudo firewall-cmd --permanent --zone=trusted --add-source=${plan.forward.serviceCidr}`,
    'sudo firewall-cmd --reload',
  );
  return out.join('\n') + '\n';
}

type Group = { protocol: Rule['protocol']; sources: string[]; rules: Rule[]; name: string };

/** Groups rules by protocol and source list, so each group becomes one set and one rule. */
function groups(plan: Plan): Group[] {
  const map = new Map<string, Group>();
  for (const r of plan.rules) {
    const key = `${r.protocol} ${r.sources.join(',')} ${r.source}`;
    const name = `${r.protocol}_from_${SOURCE_NAME[r.source]}`;
    if (!map.has(key)) map.set(key, { protocol: r.protocol, sources: r.sources, rules: [], name });
    map.get(key)!.rules.push(r);
  }
  return [...map.values()];
}

function nftables(plan: Plan): string {
  const out = header(plan, '#');
  const gs = groups(plan);
  out.push(
    `# ICMP: ${ICMP_WHY}`,
    '# Load with: sudo nft -f this-file. It replaces any table of the same name.',
    'table inet ck8s_ports',
    'delete table inet ck8s_ports',
    'table inet ck8s_ports {',
  );
  const addrSet = (name: string, type: string, elements: readonly string[]) =>
    out.push(
      `\tset ${name} {`,
      `\t\ttype ${type}`,
      '\t\tflags interval',
      `\t\telements = { ${elements.join(', ')} }`,
      '\t}',
    );
  for (const g of gs) {
    const ranged = g.rules.some((r) => r.endPort !== undefined);
    out.push(
      `\tset ${g.name} {`,
      '\t\ttype inet_service',
      ...(ranged ? ['\t\tflags interval'] : []),
      `\t\telements = { ${g.rules.map((r) => portText(r, '-')).join(', ')} }`,
      '\t}',
    );
    if (v4(g.sources).length) addrSet(`${g.name}_v4`, 'ipv4_addr', v4(g.sources));
    if (v6(g.sources).length) addrSet(`${g.name}_v6`, 'ipv6_addr', v6(g.sources));
  }
  const icmp = plan.icmp.sources;
  out.push(
    '\tchain input {',
    '\t\ttype filter hook input priority filter; policy drop;',
    '\t\tct state established,related accept',
    '\t\tct state invalid drop',
    '\t\tiif "lo" accept',
    '\t\ttcp dport 22 accept comment "ssh: keep your own way in"',
    '\t\ticmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept comment "IPv6 neighbour discovery: IPv6 fails without it"',
  );
  const echo = 'comment "ICMP echo: Cilium health checks ping every other node"';
  if (!icmp.length)
    out.push(
      `\t\ticmp type echo-request accept ${echo}`,
      `\t\ticmpv6 type echo-request accept ${echo}`,
    );
  if (v4(icmp).length)
    out.push(`\t\tip saddr { ${v4(icmp).join(', ')} } icmp type echo-request accept ${echo}`);
  if (v6(icmp).length)
    out.push(`\t\tip6 saddr { ${v6(icmp).join(', ')} } icmpv6 type echo-request accept ${echo}`);
  for (const g of gs) {
    const what = g.rules.map((r) => `${r.endpoint.serviceName} ${portText(r, '-')}`).join(', ');
    if (!g.sources.length) out.push(`\t\t${g.protocol} dport @${g.name} accept comment "${what}"`);
    else {
      if (v4(g.sources).length)
        out.push(
          `\t\tip saddr @${g.name}_v4 ${g.protocol} dport @${g.name} accept comment "${what}"`,
        );
      if (v6(g.sources).length)
        out.push(
          `\t\tip6 saddr @${g.name}_v6 ${g.protocol} dport @${g.name} accept comment "${what}"`,
        );
    }
  }
  out.push(
    '\t}',
    '\tchain forward {',
    '\t\ttype filter hook forward priority filter; policy drop;',
    '\t\tct state established,related accept',
  );
  for (const f of forwardsOf(plan)) {
    const ip = f.v6 ? 'ip6' : 'ip';
    const match = [
      isAny(f.from) ? '' : `${ip} saddr ${f.from}`,
      isAny(f.to) ? '' : `${ip} daddr ${f.to}`,
    ]
      .filter(Boolean)
      .join(' ');
    out.push(`\t\t# ${f.why}`, `\t\t${match} accept comment "${f.label}"`);
  }
  out.push('\t}', '}');
  return out.join('\n') + '\n';
}

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
  const out = [
    '*filter',
    ':CK8S-INPUT - [0:0]',
    ':CK8S-FORWARD - [0:0]',
    '-A INPUT -j CK8S-INPUT',
    '-A FORWARD -j CK8S-FORWARD',
  ];
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
      const comment = `-m comment --comment "${chunk
        .map((r) => `${r.endpoint.serviceName} ${portText(r, '-')}`)
        .join(', ')
        .slice(0, 250)}"`;
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
    out.push(`-A CK8S-FORWARD ${match} -m comment --comment "${f.why.slice(0, 250)}" -j ACCEPT`);
  }
  out.push('COMMIT');
  return out;
}

function iptables(plan: Plan): string {
  return (
    [
      ...header(plan, '#'),
      '# Run as root. IPv4 rules go to iptables-restore, IPv6 rules to ip6tables-restore: an IPv4',
      '# ruleset alone would leave IPv6 traffic to whatever ip6tables already says.',
      `# ICMP: ${ICMP_WHY}`,
      "sudo iptables-restore --noflush <<'EOF'",
      ...iptablesFamily(plan, 'v4'),
      'EOF',
      "sudo ip6tables-restore --noflush <<'EOF'",
      ...iptablesFamily(plan, 'v6'),
      'EOF',
    ].join('\n') + '\n'
  );
}

export function generateHost(tool: HostTool, plan: Plan): string {
  switch (tool) {
    case 'ufw':
      return ufw(plan);
    case 'firewalld':
      return firewalld(plan);
    case 'nftables':
      return nftables(plan);
    case 'iptables':
      return iptables(plan);
  }
}

/** The two rulesets of the iptables output, for iptables-restore and ip6tables-restore. */
export function iptablesRulesets(text: string): { v4: string; v6: string } {
  const bodies = [...text.matchAll(/<<'EOF'\n([\s\S]*?)\nEOF/g)].map((m) => `${m[1]}\n`);
  return { v4: bodies[0] ?? '', v6: bodies[1] ?? '' };
}
