/**
 * Ready-to-paste rules for ufw, firewalld, nftables and iptables, from a plan: the ports, ICMP
 * between nodes, and forwarding for the pod and service ranges. IPv6 sources are never dropped:
 * each tool gets them in its own syntax, or says why it cannot. iptables and what the tools share
 * live in ./generate/.
 */
import { isV6 } from '../domain/net.ts';
import { commentText, quotedComment, shellQuote } from '../domain/escape.ts';
import type { HostTool, Plan } from './plan.ts';
import {
  label,
  portText,
  v4,
  v6,
  ICMP_WHY,
  header,
  isAny,
  forwardsOf,
  groups,
} from './generate/common.ts';
import { iptables } from './generate/iptables.ts';

export { ICMP_WHY, portText } from './generate/common.ts';
export { iptablesRulesets } from './generate/iptables.ts';

function ufw(plan: Plan): string {
  const out = header(plan, '#');
  for (const r of plan.rules) {
    const port = portText(r, ':');
    if (!r.sources.length)
      out.push(`sudo ufw allow ${port}/${r.protocol} comment ${shellQuote(label(r))}`);
    else
      for (const s of r.sources)
        out.push(
          `sudo ufw allow from ${s} to any port ${port} proto ${r.protocol} comment ${shellQuote(label(r))}`,
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
    if (!g.sources.length)
      out.push(`\t\t${g.protocol} dport @${g.name} accept comment ${quotedComment(what, 128)}`);
    else {
      if (v4(g.sources).length)
        out.push(
          `\t\tip saddr @${g.name}_v4 ${g.protocol} dport @${g.name} accept comment ${quotedComment(what, 128)}`,
        );
      if (v6(g.sources).length)
        out.push(
          `\t\tip6 saddr @${g.name}_v6 ${g.protocol} dport @${g.name} accept comment ${quotedComment(what, 128)}`,
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
    out.push(
      `\t\t# ${commentText(f.why)}`,
      `\t\t${match} accept comment ${quotedComment(f.label)}`,
    );
  }
  out.push('\t}', '}');
  return out.join('\n') + '\n';
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
