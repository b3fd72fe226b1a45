/** The verdict on one parsed entry: does it clash with what Canonical Kubernetes binds or tests? */
import type { CheckOnNode, Model } from '../domain/model.ts';
import { BIND_LABEL } from '../domain/labels.ts';
import type { NodeSpec } from '../domain/node.ts';
import { overlaps, type Overlap } from './address.ts';
import { ownerOf, ownerRef } from './owners.ts';
import { checksHit, intersects, showsService, type Target } from './targets.ts';
import type { Entry, Finding, ParseResult, Verdict } from './types.ts';
import { LISTING_FORMATS } from './types.ts';

const RANK: Record<Verdict, number> = {
  conflict: 4,
  'possible-conflict': 3,
  covers: 2,
  expected: 1,
  ok: 0,
};

function addressPhrase(entry: Entry): string {
  switch (entry.addressKind) {
    case 'none':
      return 'no address (assumed: all interfaces)';
    case 'v4-any':
      return 'the IPv4 wildcard 0.0.0.0';
    case 'dual-any':
      return 'a dual-stack wildcard';
    case 'v6only-any':
      return 'an IPv6-only wildcard';
    case 'loopback':
      return '127.0.0.1';
    case 'other-loopback':
      return `the loopback address ${entry.ip}`;
    case 'specific':
      return entry.ip === 'default' ? "the node's default interface" : `the address ${entry.ip}`;
  }
}

const where = (t: Target) => `${t.port}${t.endPort ? `-${t.endPort}` : ''}/${t.protocol}`;

/** The strongest overlap between a listener and any interface the endpoint binds. */
function strongest(entry: Entry, t: Target, nodeIp: string | undefined): Overlap {
  const order: Overlap[] = ['yes', 'assumed', 'possible', 'no'];
  const each = t.endpoint.binds.map((b) => overlaps(entry.addressKind, entry.ip, b, nodeIp));
  return order.find((o) => each.includes(o)) ?? 'no';
}

type Judged = Pick<Finding, 'verdict' | 'reason' | 'endpoints'> & { preflight?: string[] };

export function createJudge(model: Model) {
  function isOwnProcess(entry: Entry, t: Target, showsProcesses: boolean): boolean {
    if (entry.endPort !== undefined || t.endPort !== undefined) return false;
    if (entry.device !== undefined) return entry.device === t.endpoint.device;
    if (entry.processes?.length) return showsService(model, entry, t.endpoint.service);
    // A kernel-owned socket never shows a process, even as root; when other lines show
    // theirs, the paste was taken as root.
    return t.endpoint.kernelOwned && showsProcesses;
  }

  function judgeOne(entry: Entry, t: Target, spec: NodeSpec): { verdict: Verdict; reason: string } {
    const binds = t.endpoint.binds.map((b) => BIND_LABEL[b]).join(' and ');
    const name = `${t.endpoint.serviceName}'s ${where(t)} (${binds})`;
    if (t.endPort !== undefined && entry.servicePort)
      return {
        verdict: 'ok',
        reason: `A Service's node port belongs in ${name}; Kubernetes gives each port there to one Service only.`,
      };
    if (t.endPort !== undefined)
      return {
        verdict: 'possible-conflict',
        reason: `It is inside ${name}: a NodePort or LoadBalancer Service may be given this port, and then the two clash. Move it out of the range, or keep the Services' ports away from it.`,
      };
    const overlap = strongest(entry, t, spec.nodeIp);
    if ((overlap === 'yes' || overlap === 'assumed') && t.endpoint.placement === 'one-node')
      return {
        verdict: 'possible-conflict',
        reason: `It overlaps ${name}, which runs on one node the scheduler picks: it clashes if ${t.endpoint.serviceName} lands on this node.`,
      };
    if (overlap === 'yes' || overlap === 'assumed') {
      const binding =
        entry.addressKind === 'none'
          ? 'No address given, so it is assumed to bind all interfaces'
          : `It binds ${addressPhrase(entry)}`;
      return { verdict: 'conflict', reason: `${binding}, which overlaps ${name}.` };
    }
    if (overlap === 'possible')
      return {
        verdict: 'possible-conflict',
        reason: `Clashes with ${name} only if ${entry.ip} is the node's default-route address. Enter the node IP to settle it.`,
      };
    return {
      verdict: 'ok',
      reason: `It binds ${addressPhrase(entry)}, which does not overlap ${name}.`,
    };
  }

  /** k8sd listens on every address of each port it tests, so any TCP listener fails the check. */
  function preflightReason(entry: Entry, hit: CheckOnNode[], endpoints: Target[]): string {
    const keys = hit.map((c) => c.check.key).join(', ');
    const ports = [...new Set(hit.map((c) => c.port))].join(', ');
    const listens = endpoints.length
      ? `, although ${addressPhrase(entry)} alone would not clash with what listens there later.`
      : `. Nothing of Canonical Kubernetes listens there afterwards on this node, but the check still runs.`;
    const notes = endpoints.length ? [] : hit.flatMap((c) => (c.check.note ? [c.check.note] : []));
    return [
      `Blocks bootstrap/join: k8sd's pre-flight check (${keys}) listens on every address of ${ports}/tcp, so any listener there stops it${listens}`,
      ...notes,
    ].join(' ');
  }

  function judgeListen(
    entry: Entry,
    hits: Target[],
    checks: CheckOnNode[],
    parsed: ParseResult,
    spec: NodeSpec,
  ): Judged {
    const own = hits.filter((t) => isOwnProcess(entry, t, parsed.showsProcesses));
    if (own.length) {
      const t = own[0]!;
      const who = entry.device
        ? `device ${entry.device}`
        : entry.processes?.length
          ? `process ${entry.processes.join(', ')}`
          : 'a kernel-owned socket';
      return {
        verdict: 'expected',
        reason: `This is ${t.endpoint.serviceName} itself (${who}) on ${t.port}/${t.protocol}.`,
        endpoints: own.map((x) => x.ref),
      };
    }
    const device = hits.find((t) => entry.device && t.endpoint.device);
    if (device) {
      const option = device.endpoint.option ? ` with ${device.endpoint.option.name}` : '';
      return {
        verdict: 'conflict',
        reason: `${device.endpoint.serviceName}'s tunnel uses UDP ${device.port} too. k8sd's network feature refuses to deploy Cilium while another VXLAN device (${entry.device}) uses its port, so pod networking fails; bootstrap and join themselves do not test it. Remove ${entry.device}, or give Cilium another tunnel port at bootstrap${option}.`,
        endpoints: [device.ref],
      };
    }
    const owner = entry.processes?.length
      ? `It belongs to ${entry.processes.join(', ')}, not to Canonical Kubernetes.`
      : parsed.showsProcesses || !LISTING_FORMATS.includes(entry.format ?? 'plain')
        ? ''
        : 'Its owner is unknown (no process shown: run the listing as root with -p).';
    const judged = hits.map((t) => ({ t, ...judgeOne(entry, t, spec) }));
    const hit = entry.protocol === 'tcp' ? checksHit(checks, entry) : [];
    const worstOf = Math.max(-1, ...judged.map((j) => RANK[j.verdict]));
    const preflight = hit.length ? { preflight: hit.map((c) => c.check.key) } : {};
    if (hit.length && worstOf < RANK.conflict) {
      const atPorts = hits.filter((t) => hit.some((c) => c.port === t.port));
      return {
        verdict: 'conflict',
        reason: preflightReason(entry, hit, atPorts) + (owner ? ` ${owner}` : ''),
        endpoints: atPorts.map((t) => t.ref),
        ...preflight,
      };
    }
    const chosen = judged.filter((j) => RANK[j.verdict] === worstOf);
    return {
      verdict: chosen[0]!.verdict,
      reason:
        [...new Set(chosen.map((j) => j.reason))].join(' ') +
        (owner && worstOf > 0 ? ` ${owner}` : ''),
      endpoints: chosen.map((j) => j.t.ref),
      ...preflight,
    };
  }

  /** The finding for one entry; `text` is its line as pasted. */
  return function judge(
    entry: Entry,
    text: string,
    all: Target[],
    checks: CheckOnNode[],
    parsed: ParseResult,
    spec: NodeSpec,
  ): Finding {
    const hits = all.filter((t) => intersects(entry, t));
    const base: Omit<Finding, 'verdict' | 'reason' | 'endpoints'> = {
      line: entry.line,
      text,
      kind: entry.kind,
      port: entry.port,
      protocol: entry.protocol,
    };
    if (entry.endPort !== undefined) base.endPort = entry.endPort;
    if (entry.protocolAssumed) base.protocolAssumed = true;
    if (entry.address !== undefined) base.address = entry.address;
    if (entry.processes?.length) base.process = entry.processes.join(', ');
    const prefix =
      (entry.protocolAssumed ? 'No protocol given: TCP assumed. ' : '') +
      (entry.note ? `${entry.note[0]!.toUpperCase()}${entry.note.slice(1)}. ` : '');
    const names = (ts: Target[]) =>
      ts.map((t) => `${t.endpoint.serviceName} ${where(t)}`).join(', ');
    const done = (verdict: Verdict, reason: string, endpoints: Target[] = []) => ({
      ...base,
      verdict,
      reason: prefix + reason,
      endpoints: endpoints.map((t) => t.ref),
    });
    if (entry.kind === 'no-host-bind') {
      const mention = hits.length
        ? ` Canonical Kubernetes uses ${names(hits)} on the host, which this does not touch.`
        : '';
      return done('ok', `No host bind.${mention}`);
    }
    if (entry.kind === 'firewall-allow') {
      if (!hits.length) return done('ok', 'Opens no Canonical Kubernetes port.');
      const needless = hits.filter((t) => t.endpoint.reachableFrom === 'none');
      const extra = needless.length
        ? ` Of these, ${names(needless)} need no access from other hosts.`
        : '';
      return done('covers', `Allows ${names(hits)}.${extra}`, hits);
    }
    const hit = entry.protocol === 'tcp' ? checksHit(checks, entry) : [];
    if (!hits.length && !hit.length) {
      const range = entry.endPort !== undefined ? `${entry.port}-${entry.endPort}` : entry.port;
      return done(
        'ok',
        `Canonical Kubernetes binds nothing on ${range}/${entry.protocol} for this node.`,
      );
    }
    const listen = judgeListen(entry, hits, checks, parsed, spec);
    const j =
      entry.uncertain && listen.verdict === 'conflict'
        ? { ...listen, verdict: 'possible-conflict' as const }
        : listen;
    const owner =
      RANK[j.verdict] >= RANK['possible-conflict'] ? ownerOf(model.owners, entry) : undefined;
    if (!owner) return { ...base, ...j, reason: prefix + j.reason };
    const ref = ownerRef(owner, entry.port);
    return {
      ...base,
      ...j,
      reason: `${prefix}${j.reason} Likely ${ref.name}: ${ref.remedy}`,
      owner: ref,
    };
  };
}
