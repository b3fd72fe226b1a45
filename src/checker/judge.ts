/** The verdict on one parsed entry: does it clash with what Canonical Kubernetes binds? */
import type { Model } from '../domain/model.ts';
import { BIND_LABEL } from '../domain/labels.ts';
import type { NodeSpec } from '../domain/node.ts';
import { overlaps } from './address.ts';
import { entryIncludes, showsService, type Target } from './targets.ts';
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

type Judged = Pick<Finding, 'verdict' | 'reason' | 'endpoints'>;

export function createJudge(model: Model) {
  function isOwnProcess(entry: Entry, t: Target, showsProcesses: boolean): boolean {
    if (entry.endPort !== undefined) return false;
    if (entry.processes?.length) return showsService(model, entry, t.endpoint.service);
    // A kernel-owned socket never shows a process, even as root; when other lines show
    // theirs, the paste was taken as root.
    return t.endpoint.kernelOwned && showsProcesses;
  }

  function judgeOne(entry: Entry, t: Target, spec: NodeSpec): { verdict: Verdict; reason: string } {
    const overlap = overlaps(entry.addressKind, entry.ip, t.endpoint.bind, spec.nodeIp);
    const name = `${t.endpoint.serviceName}'s ${t.port}/${t.protocol} (${BIND_LABEL[t.endpoint.bind]})`;
    if (overlap === 'yes' || overlap === 'assumed') {
      const binds =
        entry.addressKind === 'none'
          ? 'No address given, so it is assumed to bind all interfaces'
          : `It binds ${addressPhrase(entry)}`;
      return { verdict: 'conflict', reason: `${binds}, which overlaps ${name}.` };
    }
    if (t.endpoint.preflight && t.protocol === 'tcp' && entry.kind === 'listen')
      return {
        verdict: 'conflict',
        reason: `Blocks bootstrap/join: k8sd's pre-flight check listens on every address of ${t.port}/tcp, so any listener there stops it, although ${addressPhrase(entry)} alone would not clash with ${name}.`,
      };
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

  function judgeListen(entry: Entry, hits: Target[], parsed: ParseResult, spec: NodeSpec): Judged {
    const own = hits.filter((t) => isOwnProcess(entry, t, parsed.showsProcesses));
    if (own.length) {
      const t = own[0]!;
      const who = entry.processes?.length
        ? `process ${entry.processes.join(', ')}`
        : 'a kernel-owned socket';
      return {
        verdict: 'expected',
        reason: `This is ${t.endpoint.serviceName} itself (${who}) on ${t.port}/${t.protocol}.`,
        endpoints: own.map((x) => x.ref),
      };
    }
    const owner = entry.processes?.length
      ? `It belongs to ${entry.processes.join(', ')}, not to Canonical Kubernetes.`
      : parsed.showsProcesses || !LISTING_FORMATS.includes(parsed.format)
        ? ''
        : 'Its owner is unknown (no process shown: run the listing as root with -p).';
    const judged = hits.map((t) => ({ t, ...judgeOne(entry, t, spec) }));
    const worst = Math.max(...judged.map((j) => RANK[j.verdict]));
    const chosen = judged.filter((j) => RANK[j.verdict] === worst);
    return {
      verdict: chosen[0]!.verdict,
      reason:
        [...new Set(chosen.map((j) => j.reason))].join(' ') +
        (owner && worst > 0 ? ` ${owner}` : ''),
      endpoints: chosen.map((j) => j.t.ref),
    };
  }

  /** The finding for one entry; `text` is its line as pasted. */
  return function judge(
    entry: Entry,
    text: string,
    all: Target[],
    parsed: ParseResult,
    spec: NodeSpec,
  ): Finding {
    const hits = all.filter((t) => entryIncludes(entry, t.port, t.protocol));
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
      ts.map((t) => `${t.endpoint.serviceName} ${t.port}/${t.protocol}`).join(', ');
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
    if (!hits.length) {
      const range = entry.endPort !== undefined ? `${entry.port}-${entry.endPort}` : entry.port;
      return done(
        'ok',
        `Canonical Kubernetes binds nothing on ${range}/${entry.protocol} for this node.`,
      );
    }
    const j = judgeListen(entry, hits, parsed, spec);
    return { ...base, ...j, reason: prefix + j.reason };
  };
}
