/**
 * Node audit: given `ss -tulpn` from a real Canonical Kubernetes node, compare what listens with
 * what the reference says should, endpoint by endpoint.
 */
import type { Model } from '../domain/model.ts';
import type { Bind, Role } from '../domain/enums.ts';
import { BIND_LABEL } from '../domain/labels.ts';
import type { RoleSpec } from '../domain/node.ts';
import type { Target } from './targets.ts';
import type { AddressKind, EndpointRef, Entry, Format, ParseResult } from './types.ts';
import { LISTING_FORMATS } from './types.ts';
import { echoLine } from './parsers/common.ts';

/** In the order a report shows them: the most urgent first. */
export const AUDIT_KINDS = [
  'foreign',
  'wider',
  'missing',
  'narrower',
  'undocumented',
  'listening',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditItem {
  kind: AuditKind;
  endpoint?: EndpointRef;
  service?: string;
  line?: number;
  text?: string;
  process?: string;
  address?: string;
  port?: number;
  protocol?: string;
  detail: string;
}

export interface AuditReport {
  mode: 'audit';
  release: string;
  role: Role;
  format: Format | 'mixed';
  items: AuditItem[];
  summary: Record<AuditKind, number>;
  notes: string[];
  unrecognized: ParseResult['unrecognized'];
}

/** Short names, for counts and the command line. */
export const AUDIT_LABEL: Record<AuditKind, string> = {
  listening: 'listening as documented',
  missing: 'missing',
  wider: 'bound wider than documented',
  narrower: 'bound narrower than documented',
  undocumented: 'undocumented listener',
  foreign: 'another process on a Canonical Kubernetes port',
};

/** Section headings, which also say what the finding means. */
export const AUDIT_HEADING: Record<AuditKind, string> = {
  foreign: 'Another process on a Canonical Kubernetes port',
  wider: 'Bound wider than documented (security)',
  missing: 'Missing: the service is probably down',
  narrower: 'Bound narrower than documented: other nodes cannot reach it',
  undocumented: 'Undocumented listeners of Canonical Kubernetes processes',
  listening: 'Listening as documented',
};

/** How far a listener reaches: loopback, one address, IPv6 only, or every interface. */
const REACH: Record<AddressKind, number> = {
  loopback: 0,
  'other-loopback': 0,
  specific: 1,
  'v6only-any': 1.5,
  'v4-any': 2,
  'dual-any': 2,
  none: 2,
};
const BIND_REACH: Record<Bind, number> = { localhost: 0, default: 1, '*': 2 };

/** How the widest observed listener compares with the widest documented bind. */
function compareBind(binds: readonly Bind[], kinds: AddressKind[]): 'same' | 'wider' | 'narrower' {
  const documented = Math.max(...binds.map((b) => BIND_REACH[b]));
  const observed = Math.max(...kinds.map((k) => REACH[k]));
  return observed > documented ? 'wider' : observed < documented ? 'narrower' : 'same';
}

function notesFor(parsed: ParseResult, skipped: readonly string[]): string[] {
  const notes = [
    'Unix sockets (containerd) do not appear in ss -tulpn, so they are not reported missing.',
  ];
  for (const p of skipped.map((x) => x.toUpperCase()))
    notes.push(
      `The paste has no ${p} listeners at all, so ${p} endpoints were not checked: capture with sudo ss -tulpn.`,
    );
  if (!(parsed.blocks ?? []).some((b) => LISTING_FORMATS.includes(b.format)))
    notes.push(
      `An audit reads socket listings (ss, netstat, lsof); this paste was read as ${parsed.format}.`,
    );
  if (!parsed.showsProcesses)
    notes.push(
      'No process names in this paste: run ss as root (sudo ss -tulpn) so listeners can be told apart.',
    );
  return notes;
}

export function auditParsed(
  model: Model,
  parsed: ParseResult,
  text: string,
  spec: RoleSpec,
  targets: Target[],
  owns: (entry: Entry, serviceId: string) => boolean,
): AuditReport {
  const lines = text.split(/\r\n|\r|\n/);
  const listeners = parsed.entries.filter((e) => e.kind === 'listen' && e.endPort === undefined);
  const items: AuditItem[] = [];
  const at = (e: Entry) => ({
    line: e.line,
    text: echoLine(lines[e.line - 1] ?? ''),
    port: e.port,
    protocol: e.protocol,
    ...(e.address !== undefined ? { address: e.address } : {}),
    ...(e.processes ? { process: e.processes.join(', ') } : {}),
  });

  // A TCP-only capture (ss -t) says nothing about UDP, and the other way round.
  const captured = new Set(listeners.map((e) => e.protocol));
  const skipped = (['tcp', 'udp'] as const).filter(
    (p) => !captured.has(p) && targets.some((t) => t.protocol === p),
  );
  for (const t of targets) {
    // Kernel rules (node ports) have no socket to find.
    if (!captured.has(t.protocol) || !t.endpoint.inListings) continue;
    const { endpoint } = t;
    const name = endpoint.serviceName;
    const where = `${t.port}/${t.protocol}`;
    const here = listeners.filter((e) => e.port === t.port && e.protocol === t.protocol);
    const own = here.filter(
      (e) =>
        owns(e, endpoint.service) ||
        (!e.processes?.length &&
          (endpoint.kernelOwned ? parsed.showsProcesses : !parsed.showsProcesses)),
    );
    for (const e of here.filter((x) => !own.includes(x)))
      items.push({
        kind: 'foreign',
        endpoint: t.ref,
        ...at(e),
        detail: `${e.processes?.join(', ') ?? 'An unknown process'} holds ${where}, which ${name} needs on this node.`,
      });
    if (!own.length && endpoint.placement === 'one-node') continue;
    if (!own.length) {
      const service = model.service(endpoint.service);
      const look =
        service.runsAs === 'snap'
          ? `sudo systemctl status ${service.unit}`
          : `check ${service.unit}`;
      items.push({
        kind: 'missing',
        endpoint: t.ref,
        service: service.name,
        detail: `Nothing of ${name} listens on ${where}. The service is probably down: ${look}.`,
      });
      continue;
    }
    const comparison = compareBind(
      endpoint.binds,
      own.map((e) => e.addressKind),
    );
    const documentedOn = endpoint.binds.map((b) => BIND_LABEL[b]).join(' and ');
    const known = own.some((e) => e.processes?.length) ? '' : ' (owner assumed: no process shown)';
    const seen = own.map((e) => e.address ?? 'all interfaces').join(', ');
    const detail = {
      same: `${name} listens on ${where} as documented${known}.`,
      wider: `Security: ${name} is documented on ${documentedOn} but listens on ${seen}; it is reachable from the network. Fix its bind address, and block the port until then.`,
      narrower: `${name} is documented on ${documentedOn} but listens only on ${seen}; other nodes cannot reach it.`,
    }[comparison];
    const kind = comparison === 'same' ? 'listening' : comparison;
    items.push({ kind, endpoint: t.ref, ...at(own[0]!), detail });
  }

  const documented = new Set(targets.map((t) => `${t.port}/${t.protocol}`));
  for (const e of listeners) {
    if (documented.has(`${e.port}/${e.protocol}`)) continue;
    const service = model.services.find((s) => owns(e, s.id));
    const unnumbered = service?.unnumbered.find(
      (u) => u.protocol === e.protocol && compareBind([u.bind], [e.addressKind]) === 'same',
    );
    if (service && unnumbered)
      items.push({
        kind: 'listening',
        service: service.name,
        ...at(e),
        detail: `${service.name} listens on ${e.port}/${e.protocol} as documented: ${unnumbered.description}`,
      });
    else if (service)
      items.push({
        kind: 'undocumented',
        service: service.name,
        ...at(e),
        detail: `${service.name} listens on ${e.port}/${e.protocol}, which the reference does not document for a ${spec.role} node (metrics, debug or an ephemeral port).`,
      });
  }

  const summary = { listening: 0, missing: 0, wider: 0, narrower: 0, undocumented: 0, foreign: 0 };
  for (const i of items) summary[i.kind]++;
  return {
    mode: 'audit',
    release: spec.release,
    role: spec.role,
    format: parsed.format,
    items,
    summary,
    notes: notesFor(parsed, skipped),
    unrecognized: parsed.unrecognized.map((u) => ({
      ...u,
      text: echoLine(u.text),
      ...(u.reason ? { reason: echoLine(u.reason) } : {}),
    })),
  };
}
