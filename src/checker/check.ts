/** The verdict rules: does each parsed entry clash with what Canonical Kubernetes binds? */
import type { EndpointView, Model } from '../domain/model.ts';
import { BIND_LABEL } from '../domain/model.ts';
import { processMatches } from '../domain/process.ts';
import { endpointUrl } from '../domain/urls.ts';
import { overlaps } from './address.ts';
import { parseInput } from './parse.ts';
import type {
  CheckOptions,
  EndpointRef,
  Entry,
  Finding,
  ParseResult,
  Report,
  Transport,
  Verdict,
} from './types.ts';
import { effectivePort } from '../domain/ports.ts';
import { FIREWALL_FORMATS, LISTING_FORMATS } from './types.ts';

/** Whether an entry's port (or range) and protocol include this port. */
export function entryIncludes(
  entry: Pick<Entry, 'port' | 'endPort' | 'protocol'>,
  port: number,
  protocol: Transport,
): boolean {
  return entry.protocol === protocol && port >= entry.port && port <= (entry.endPort ?? entry.port);
}

const RANK: Record<Verdict, number> = {
  conflict: 4,
  'possible-conflict': 3,
  covers: 2,
  expected: 1,
  ok: 0,
};

interface Target {
  endpoint: EndpointView;
  port: number;
  protocol: Transport;
  ref: EndpointRef;
}

export const FIREWALL_NOTE =
  'Firewall rules: an allow/ACCEPT rule counts as covering its ports whatever its source. Chain order, policies and jumps are not evaluated.';

export function createChecker(model: Model) {
  function targets(options: CheckOptions): Target[] {
    const release = options.release ?? model.latest.id;
    const role = options.role ?? 'control-plane';
    const opts: { datastore?: 'etcd' | 'k8s-dqlite'; kubeProxyReplacement?: boolean } = {};
    if (options.datastore) opts.datastore = options.datastore;
    if (options.kubeProxyReplacement !== undefined)
      opts.kubeProxyReplacement = options.kubeProxyReplacement;
    return model
      .forRelease(release, role, opts)
      .filter((e) => e.port !== undefined && e.protocol !== 'unix')
      .map((endpoint) => {
        const port = effectivePort(endpoint, options.ports)!;
        const protocol = endpoint.protocol as Transport;
        return {
          endpoint,
          port,
          protocol,
          ref: {
            service: endpoint.service,
            port,
            protocol,
            bind: endpoint.bind!,
            roles: endpoint.roles,
            anchor: endpoint.anchor,
            url: endpointUrl(endpoint),
          },
        };
      });
  }

  /** The line shows one of the service's processes, by full name or a listing tool's truncation of it. */
  function showsService(entry: Entry, serviceId: string): boolean {
    const names = model.service(serviceId).processNames;
    return !!entry.processes?.some((shown) =>
      names.some((name) => processMatches(shown, name, entry.processWidth)),
    );
  }

  function isOwnProcess(entry: Entry, t: Target, showsProcesses: boolean): boolean {
    if (entry.endPort !== undefined) return false;
    if (entry.processes?.length) return showsService(entry, t.endpoint.service);
    // A kernel-owned socket never shows a process, even as root; when other lines show theirs, the paste was taken as root.
    return t.endpoint.kernelOwned && showsProcesses;
  }

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

  function judgeListen(
    entry: Entry,
    hits: Target[],
    parsed: ParseResult,
    options: CheckOptions,
  ): Pick<Finding, 'verdict' | 'reason' | 'endpoints'> {
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
    const judged = hits.map((t) => {
      const overlap = overlaps(entry.addressKind, entry.ip, t.endpoint.bind!, options.nodeIp);
      const name = `${t.endpoint.serviceName}'s ${t.port}/${t.protocol} (${BIND_LABEL[t.endpoint.bind!]})`;
      let verdict: Verdict;
      let reason: string;
      if (overlap === 'yes' || overlap === 'assumed') {
        verdict = 'conflict';
        reason = `${entry.addressKind === 'none' ? 'No address given, so it is assumed to bind all interfaces' : `It binds ${addressPhrase(entry)}`}, which overlaps ${name}.`;
      } else if (t.endpoint.preflight && t.protocol === 'tcp' && entry.kind === 'listen') {
        verdict = 'conflict';
        reason = `Blocks bootstrap/join: k8sd's pre-flight check listens on every address of ${t.port}/tcp, so any listener there stops it, although ${addressPhrase(entry)} alone would not clash with ${name}.`;
      } else if (overlap === 'possible') {
        verdict = 'possible-conflict';
        reason = `Clashes with ${name} only if ${entry.ip} is the node's default-route address. Enter the node IP to settle it.`;
      } else {
        verdict = 'ok';
        reason = `It binds ${addressPhrase(entry)}, which does not overlap ${name}.`;
      }
      return { t, verdict, reason };
    });
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

  function judge(entry: Entry, all: Target[], parsed: ParseResult, options: CheckOptions): Finding {
    const hits = all.filter((t) => entryIncludes(entry, t.port, t.protocol));
    const base: Omit<Finding, 'verdict' | 'reason' | 'endpoints'> = {
      line: entry.line,
      text: '',
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
    const where =
      entry.endPort !== undefined
        ? `${entry.port}-${entry.endPort}/${entry.protocol}`
        : `${entry.port}/${entry.protocol}`;
    const names = (ts: Target[]) =>
      ts.map((t) => `${t.endpoint.serviceName} ${t.port}/${t.protocol}`).join(', ');
    if (entry.kind === 'no-host-bind') {
      const mention = hits.length
        ? ` Canonical Kubernetes uses ${names(hits)} on the host, which this does not touch.`
        : '';
      return { ...base, verdict: 'ok', reason: `${prefix}No host bind.${mention}`, endpoints: [] };
    }
    if (entry.kind === 'firewall-allow') {
      if (!hits.length)
        return {
          ...base,
          verdict: 'ok',
          reason: `${prefix}Opens no Canonical Kubernetes port.`,
          endpoints: [],
        };
      const needless = hits.filter((t) => t.endpoint.reachableFrom === 'none');
      const extra = needless.length
        ? ` Of these, ${names(needless)} need no access from other hosts.`
        : '';
      return {
        ...base,
        verdict: 'covers',
        reason: `${prefix}Allows ${names(hits)}.${extra}`,
        endpoints: hits.map((t) => t.ref),
      };
    }
    if (!hits.length)
      return {
        ...base,
        verdict: 'ok',
        reason: `${prefix}Canonical Kubernetes binds nothing on ${where} for this node.`,
        endpoints: [],
      };
    const j = judgeListen(entry, hits, parsed, options);
    return { ...base, ...j, reason: prefix + j.reason };
  }

  function checkParsed(parsed: ParseResult, text: string, options: CheckOptions = {}): Report {
    const release = options.release ?? model.latest.id;
    const role = options.role ?? 'control-plane';
    const resolved = model.resolveOptions(release, {
      ...(options.datastore ? { datastore: options.datastore } : {}),
      ...(options.kubeProxyReplacement !== undefined
        ? { kubeProxyReplacement: options.kubeProxyReplacement }
        : {}),
    });
    const all = targets({ ...options, release, role });
    const source = text.split(/\r\n|\r|\n/);
    const findings = parsed.entries
      .map((entry) => ({
        ...judge(entry, all, parsed, options),
        text: source[entry.line - 1] ?? '',
      }))
      .sort((a, b) => a.line - b.line || a.port - b.port);
    const summary = {
      conflict: 0,
      'possible-conflict': 0,
      expected: 0,
      ok: 0,
      covers: 0,
      unrecognized: parsed.unrecognized.length,
      lines: source.length,
    };
    for (const f of findings) summary[f.verdict]++;
    const report: Report = {
      release,
      role,
      options: {
        datastore: resolved.datastore,
        kubeProxyReplacement: resolved.kubeProxyReplacement,
        ports: options.ports ?? {},
        ...(options.nodeIp ? { nodeIp: options.nodeIp } : {}),
      },
      format: parsed.format,
      findings,
      unrecognized: parsed.unrecognized,
      ignored: parsed.ignored,
      notes: [...parsed.notes],
      summary,
    };
    if (FIREWALL_FORMATS.includes(parsed.format)) {
      report.notes.push(FIREWALL_NOTE);
      const allows = parsed.entries.filter((e) => e.kind === 'firewall-allow');
      const covered = (t: Target) => allows.some((e) => entryIncludes(e, t.port, t.protocol));
      report.firewall = {
        covered: all
          .filter((t) => t.endpoint.reachableFrom !== 'none' && covered(t))
          .map((t) => t.ref),
        uncovered: all
          .filter((t) => t.endpoint.reachableFrom !== 'none' && !covered(t))
          .map((t) => t.ref),
        unneeded: all
          .filter((t) => t.endpoint.reachableFrom === 'none' && covered(t))
          .map((t) => t.ref),
      };
    }
    if (findings.some((f) => f.protocolAssumed))
      report.notes.push('A number with no protocol is read as TCP.');
    if (findings.some((f) => f.kind === 'listen' && !f.address && f.verdict === 'conflict'))
      report.notes.push('Lines with no address are assumed to bind all interfaces.');
    return report;
  }

  async function check(text: string, options: CheckOptions = {}): Promise<Report> {
    const parsed = await parseInput(text, options.format ?? 'auto');
    return checkParsed(parsed, text, options);
  }

  return { check, checkParsed, targets, showsService };
}

export type Checker = ReturnType<typeof createChecker>;
