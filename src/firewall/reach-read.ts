/**
 * Reads the probe's output (`ck8s-reach v1` lines): each path reachable, refused, blocked or
 * skipped, a summary per pair of nodes, and for each blocked path the rule to add, written by
 * the firewall generator for the tool the person uses.
 */
import type { Model } from '../domain/model.ts';
import { isV6, parseIp, type IpAddress } from '../domain/net.ts';
import { DATASTORES, type Datastore, type Role } from '../domain/enums.ts';
import type { NodeInput } from '../domain/node.ts';
import { isPort } from '../domain/ports.ts';
import { portUrl } from '../domain/urls.ts';
import { OVERLAY_CHECK, REACH_FORMAT } from './reach.ts';
import { clusterPlan, isCloudTool, type Tool } from './plan.ts';
import { generateCloud } from './terraform.ts';
import { id } from './terraform/common.ts';
import { REACH_VERDICTS, type ReachVerdict } from './reach-verdicts.ts';

export { REACH_VERDICTS, type ReachVerdict } from './reach-verdicts.ts';

export interface ReachFinding {
  line: number;
  text: string;
  verdict: ReachVerdict;
  /** The probing node's role, and its address when the probe saw one. */
  from: Role;
  src?: IpAddress;
  /** The destination address and its role. */
  address: IpAddress;
  role: Role;
  protocol: 'tcp' | 'udp' | 'icmp';
  port?: number;
  service: string;
  ms: number;
  reason: string;
  /** For a blocked path: the rule to add on the destination, for the chosen tool. */
  rule?: string;
  url?: string;
}

export interface ReachReport {
  format: 'reach';
  tool: Tool;
  findings: ReachFinding[];
  unrecognized: { line: number; text: string; reason: string }[];
  pairs: ({ from: string; to: string } & Record<ReachVerdict, number>)[];
  summary: Record<ReachVerdict, number> & { lines: number };
}

const isRole = (x: string | undefined): x is Role => x === 'control-plane' || x === 'worker';

/**
 * The one rule that opens a blocked path, for the tool the person uses. For a cloud, the rule is
 * the resource of the whole-cluster output that `cloudText` gives (by default, for the latest
 * release's defaults; readReach passes the probe's own options, generated once per report).
 */
export function ruleFor(
  model: Model,
  tool: Tool,
  f: Pick<ReachFinding, 'from' | 'src' | 'role' | 'protocol' | 'port'>,
  cloudText: () => string = () =>
    isCloudTool(tool) ? generateCloud(tool, clusterPlan(model, {}), { origin: '' }) : '',
): string {
  const src = f.src;
  const six = src ? isV6(src) : false;
  if (f.protocol === 'icmp') {
    switch (tool) {
      case 'ufw':
        return `ufw's /etc/ufw/before${six ? '6' : ''}.rules accept echo-request unless edited: restore the echo-request line there`;
      case 'firewalld':
        return `sudo firewall-cmd --permanent --add-rich-rule='rule family="${six ? 'ipv6' : 'ipv4'}"${src ? ` source address="${src}"` : ''} icmp-type name="echo-request" accept'`;
      case 'nftables':
        return `sudo nft add rule inet ck8s_ports input ${src ? `${six ? 'ip6' : 'ip'} saddr ${src} ` : ''}${six ? 'icmpv6' : 'icmp'} type echo-request accept`;
      case 'iptables':
        return `sudo ${six ? 'ip6tables' : 'iptables'} -I INPUT ${src ? `-s ${src} ` : ''}-p ${six ? 'ipv6-icmp --icmpv6-type' : 'icmp --icmp-type'} echo-request -j ACCEPT`;
      default:
        break;
    }
  }
  const port = f.port ?? 0;
  const proto = f.protocol;
  switch (tool) {
    case 'ufw':
      return src
        ? `sudo ufw allow from ${src} to any port ${port} proto ${proto}`
        : `sudo ufw allow ${port}/${proto}`;
    case 'firewalld':
      return src
        ? `sudo firewall-cmd --permanent --add-rich-rule='rule family="${six ? 'ipv6' : 'ipv4'}" source address="${src}" port port="${port}" protocol="${proto}" accept'`
        : `sudo firewall-cmd --permanent --add-port=${port}/${proto}`;
    case 'nftables':
      return `sudo nft add rule inet ck8s_ports input ${src ? `${six ? 'ip6' : 'ip'} saddr ${src} ` : ''}${proto} dport ${port} accept`;
    case 'iptables':
      return `sudo ${six ? 'ip6tables' : 'iptables'} -I INPUT ${src ? `-s ${src} ` : ''}-p ${proto} --dport ${port} -j ACCEPT`;
  }
  // A cloud: the resource (or rule block) of the whole-cluster output for this flow.
  if (!isCloudTool(tool)) return '';
  const text = cloudText();
  const names =
    f.protocol === 'icmp'
      ? [`${id(f.role)}_icmp`]
      : [
          `${id(f.role)}_${proto}_${port}_from_${id(f.from)}`,
          `${id(f.role)}_${proto}_from_${id(f.from)}`,
        ];
  const blocks = text.split(/\n(?=# |resource )/);
  const hit = blocks.find((b) => names.some((n) => b.includes(`"${n}`)));
  if (hit) return hit.trim();
  const inline = new RegExp(`# [^\\n]*${port}/${proto}[^\\n]*\\n\\s*rule \\{[\\s\\S]*?\\}`).exec(
    text,
  );
  return (
    inline?.[0].trim() ?? `See the ${tool} output of the firewall generator for ${port}/${proto}.`
  );
}

const REASON: Record<ReachVerdict, (f: ReachFinding) => string> = {
  reachable: (f) =>
    `${f.address} answers on ${f.protocol === 'icmp' ? 'ICMP echo' : `${f.port}/${f.protocol}`}.`,
  refused: (f) =>
    `The host answers, but nothing listens on ${f.port}/${f.protocol}, or a firewall REJECT rule answers for it. ${f.service} on ${f.address} may be down; see its port page.`,
  blocked: (f) =>
    `No answer within the timeout: ${f.protocol === 'icmp' ? 'ICMP echo' : `${f.port}/${f.protocol}`} is dropped between ${f.from} and ${f.role} nodes, by a firewall or security group. The rule to add for ${f.address} is below.`,
  skipped: (f) =>
    f.reason === 'own-address'
      ? 'This is the probing node itself.'
      : f.reason === 'udp-cannot-be-probed'
        ? `UDP ${f.port} cannot be probed with /dev/tcp: check the overlay with ${OVERLAY_CHECK}.`
        : f.reason === 'no-ping'
          ? 'ping is not installed on the probing node.'
          : 'Skipped.',
};

/** `key=value` fields of a probe line, after its format tag. */
const fields = (rest: string) =>
  Object.fromEntries(
    rest
      .split(/\s+/)
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  ) as Record<string, string | undefined>;

/** The options the probe's header line names (`# ck8s-reach v1 role=... release=...`). */
function headerOptions(kv: Record<string, string | undefined>): NodeInput {
  const datastore = DATASTORES.find((d): d is Datastore => d === kv.datastore);
  return {
    ...(kv.release ? { release: kv.release } : {}),
    ...(datastore ? { datastore } : {}),
    ...(kv['load-balancer'] ? { loadBalancer: kv['load-balancer'] === 'on' } : {}),
  };
}

export function readReach(model: Model, text: string, tool: Tool = 'ufw'): ReachReport {
  const findings: ReachFinding[] = [];
  const unrecognized: ReachReport['unrecognized'] = [];
  const lines = text.split(/\r\n|\r|\n/);
  // Cloud rules come from one whole-cluster output, for the options the probe was made for.
  let options: NodeInput = {};
  let cloud: string | undefined;
  const cloudText = () =>
    (cloud ??= isCloudTool(tool)
      ? generateCloud(tool, clusterPlan(model, options), { origin: '' })
      : '');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith(`# ${REACH_FORMAT} `)) {
      const wanted = headerOptions(fields(line.slice(REACH_FORMAT.length + 3)));
      try {
        clusterPlan(model, wanted);
        options = wanted;
      } catch (error) {
        const why = (error as Error).message;
        unrecognized.push({ line: i + 1, text: raw, reason: `${why}; rules use the defaults` });
      }
      return;
    }
    if (!line || line.startsWith('#')) return;
    if (!line.startsWith(`${REACH_FORMAT} `)) {
      unrecognized.push({ line: i + 1, text: raw, reason: `not a "${REACH_FORMAT}" line` });
      return;
    }
    const kv = fields(line.slice(REACH_FORMAT.length + 1));
    const protocol = kv.proto;
    const result = kv.result;
    if (!isRole(kv.from) || !isRole(kv.role) || !kv.to || !protocol || !result) {
      unrecognized.push({ line: i + 1, text: raw, reason: 'a field is missing or unknown' });
      return;
    }
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp') {
      unrecognized.push({ line: i + 1, text: raw, reason: `unknown protocol "${protocol}"` });
      return;
    }
    const verdict: ReachVerdict | undefined = {
      open: 'reachable' as const,
      refused: 'refused' as const,
      timeout: 'blocked' as const,
      skipped: 'skipped' as const,
    }[result];
    if (!verdict) {
      unrecognized.push({ line: i + 1, text: raw, reason: `unknown result "${result}"` });
      return;
    }
    const port = Number(kv.port);
    if (protocol !== 'icmp' && !isPort(port)) {
      unrecognized.push({
        line: i + 1,
        text: raw,
        reason: `port "${kv.port ?? ''}" is not 1-65535`,
      });
      return;
    }
    // Addresses go into the suggested commands: only what the strict parser accepts, normalised.
    const to = parseIp(kv.to);
    if (!to.ok) {
      unrecognized.push({ line: i + 1, text: raw, reason: `to=: ${to.error}; no rule offered` });
      return;
    }
    const src = kv.src && kv.src !== '-' ? parseIp(kv.src) : undefined;
    if (src && !src.ok) {
      unrecognized.push({ line: i + 1, text: raw, reason: `src=: ${src.error}; no rule offered` });
      return;
    }
    const finding: ReachFinding = {
      line: i + 1,
      text: raw,
      verdict,
      from: kv.from,
      ...(src ? { src: src.value } : {}),
      address: to.value,
      role: kv.role,
      protocol,
      ...(protocol === 'icmp' ? {} : { port, url: portUrl(port) }),
      service: (kv.service ?? '').replace(/_/g, ' '),
      ms: Number(kv.ms) || 0,
      reason: kv.reason ?? '',
    };
    finding.reason = REASON[verdict](finding);
    if (verdict === 'blocked') finding.rule = ruleFor(model, tool, finding, cloudText);
    findings.push(finding);
  });
  const empty = () => ({ reachable: 0, refused: 0, blocked: 0, skipped: 0 });
  const summary = { ...empty(), lines: lines.length };
  const pairs = new Map<string, ReachReport['pairs'][number]>();
  for (const f of findings) {
    summary[f.verdict]++;
    const from = f.src ?? f.from;
    const key = `${from} ${f.address}`;
    const pair = pairs.get(key) ?? { from, to: `${f.address} (${f.role})`, ...empty() };
    pair[f.verdict]++;
    pairs.set(key, pair);
  }
  return { format: 'reach', tool, findings, unrecognized, pairs: [...pairs.values()], summary };
}

/** The report as the command line prints it. */
export function reachToText(r: ReachReport): string {
  const out = [
    `Reachability: ${REACH_VERDICTS.map((v) => `${r.summary[v]} ${v}`).join(', ')} (rules for ${r.tool})`,
    '',
    'Per pair:',
    ...r.pairs.map(
      (p) => `  ${p.from} -> ${p.to}: ${REACH_VERDICTS.map((v) => `${p[v]} ${v}`).join(', ')}`,
    ),
    '',
  ];
  for (const f of r.findings.filter((x) => x.verdict !== 'reachable' && x.verdict !== 'skipped')) {
    const what = f.protocol === 'icmp' ? 'ICMP echo' : `${f.port}/${f.protocol} ${f.service}`;
    out.push(
      `${f.verdict.toUpperCase()}  line ${f.line}: ${f.src ?? f.from} -> ${f.address} (${f.role}) ${what}`,
    );
    out.push(`  ${f.reason}`);
    if (f.rule) out.push(...f.rule.split('\n').map((l) => `  ${l}`));
  }
  for (const u of r.unrecognized) out.push(`Unrecognised line ${u.line}: ${u.text} (${u.reason})`);
  return out.join('\n') + '\n';
}
