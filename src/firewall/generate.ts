/** Ready-to-paste rules for ufw, firewalld, nftables and iptables, from a plan. */
import { SOURCE_LABEL } from '../domain/labels.ts';
import { isV6 } from '../domain/net.ts';
import { describeOptions } from '../domain/node.ts';
import type { Plan, Rule, Source, Tool } from './plan.ts';

const label = (r: Rule) =>
  `${r.endpoint.serviceName} ${r.port}/${r.protocol} from ${SOURCE_LABEL[r.source]}`;

/** Set and chain names for each source. */
const SOURCE_NAME: Record<Source, string> = {
  'control-plane': 'control_plane',
  nodes: 'nodes',
  clients: 'clients',
};

function header(plan: Plan, comment: string): string[] {
  const { release, role } = plan.node;
  return [
    `${comment} Canonical Kubernetes ${release}, ${role} node (${describeOptions(plan.node)}).`,
    `${comment} Opens only what other hosts must reach. Pod and service CIDRs also need forwarding; see /guides/firewall/.`,
  ];
}

function ufw(plan: Plan): string {
  const out = header(plan, '#');
  for (const r of plan.rules) {
    if (!r.sources.length) out.push(`sudo ufw allow ${r.port}/${r.protocol} comment '${label(r)}'`);
    else
      for (const s of r.sources)
        out.push(
          `sudo ufw allow from ${s} to any port ${r.port} proto ${r.protocol} comment '${label(r)}'`,
        );
  }
  return out.join('\n') + '\n';
}

function firewalld(plan: Plan): string {
  const out = header(plan, '#');
  for (const r of plan.rules) {
    out.push(`# ${label(r)}`);
    if (!r.sources.length)
      out.push(`sudo firewall-cmd --permanent --add-port=${r.port}/${r.protocol}`);
    else
      for (const s of r.sources)
        out.push(
          `sudo firewall-cmd --permanent --add-rich-rule='rule family="${isV6(s) ? 'ipv6' : 'ipv4'}" source address="${s}" port port="${r.port}" protocol="${r.protocol}" accept'`,
        );
  }
  out.push('sudo firewall-cmd --reload');
  return out.join('\n') + '\n';
}

/** Groups rules by protocol and source list, so each group becomes one set and one rule. */
function groups(
  plan: Plan,
): { protocol: Rule['protocol']; sources: string[]; rules: Rule[]; name: string }[] {
  const map = new Map<
    string,
    { protocol: Rule['protocol']; sources: string[]; rules: Rule[]; name: string }
  >();
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
    '# Load with: sudo nft -f this-file. It replaces any table of the same name.',
    'table inet ck8s_ports',
    'delete table inet ck8s_ports',
    'table inet ck8s_ports {',
  );
  for (const g of gs) {
    out.push(
      `\tset ${g.name} {`,
      '\t\ttype inet_service',
      `\t\telements = { ${g.rules.map((r) => r.port).join(', ')} }`,
      '\t}',
    );
    const v4 = g.sources.filter((s) => !isV6(s));
    const v6 = g.sources.filter(isV6);
    if (v4.length)
      out.push(
        `\tset ${g.name}_v4 {`,
        '\t\ttype ipv4_addr',
        '\t\tflags interval',
        `\t\telements = { ${v4.join(', ')} }`,
        '\t}',
      );
    if (v6.length)
      out.push(
        `\tset ${g.name}_v6 {`,
        '\t\ttype ipv6_addr',
        '\t\tflags interval',
        `\t\telements = { ${v6.join(', ')} }`,
        '\t}',
      );
  }
  out.push(
    '\tchain input {',
    '\t\ttype filter hook input priority filter; policy drop;',
    '\t\tct state established,related accept',
    '\t\tct state invalid drop',
    '\t\tiif "lo" accept',
    '\t\tmeta l4proto { icmp, ipv6-icmp } accept',
    '\t\ttcp dport 22 accept comment "ssh: keep your own way in"',
  );
  for (const g of gs) {
    const what = g.rules.map((r) => `${r.endpoint.serviceName} ${r.port}`).join(', ');
    if (!g.sources.length) out.push(`\t\t${g.protocol} dport @${g.name} accept comment "${what}"`);
    else {
      if (g.sources.some((s) => !isV6(s)))
        out.push(
          `\t\tip saddr @${g.name}_v4 ${g.protocol} dport @${g.name} accept comment "${what}"`,
        );
      if (g.sources.some(isV6))
        out.push(
          `\t\tip6 saddr @${g.name}_v6 ${g.protocol} dport @${g.name} accept comment "${what}"`,
        );
    }
  }
  out.push('\t}', '}');
  return out.join('\n') + '\n';
}

function iptables(plan: Plan): string {
  const out = header(plan, '#');
  out.push(
    '# Load with: sudo iptables-restore --noflush < this-file (IPv4; use ip6tables-restore for IPv6 sources).',
    '*filter',
    ':CK8S-INPUT - [0:0]',
    '-A INPUT -j CK8S-INPUT',
  );
  for (const g of groups(plan)) {
    const ports = g.rules.map((r) => r.port).join(',');
    const v4 = g.sources.filter((s) => !isV6(s));
    const comment = `-m comment --comment "${g.rules
      .map((r) => `${r.endpoint.serviceName} ${r.port}`)
      .join(', ')
      .slice(0, 250)}"`;
    if (!g.sources.length)
      out.push(
        `-A CK8S-INPUT -p ${g.protocol} -m multiport --dports ${ports} ${comment} -j ACCEPT`,
      );
    for (const s of v4)
      out.push(
        `-A CK8S-INPUT -s ${s} -p ${g.protocol} -m multiport --dports ${ports} ${comment} -j ACCEPT`,
      );
  }
  out.push('COMMIT');
  return out.join('\n') + '\n';
}

export function generate(tool: Tool, plan: Plan): string {
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
