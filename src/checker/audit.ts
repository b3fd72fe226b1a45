/**
 * Node audit: given `ss -tulpn` from a real Canonical Kubernetes node, compare what listens with
 * what the reference says should, endpoint by endpoint.
 */
import type { Model } from '../domain/model.ts';
import type { Role } from '../domain/schema.ts';
import { createChecker } from './check.ts';
import { parseInput } from './parse.ts';
import type {
  AddressKind,
  CheckOptions,
  EndpointRef,
  Entry,
  Format,
  ParseResult,
} from './types.ts';
import { LISTING_FORMATS } from './types.ts';

export type AuditKind = 'listening' | 'missing' | 'wider' | 'narrower' | 'undocumented' | 'foreign';

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
  format: Format;
  items: AuditItem[];
  summary: Record<AuditKind, number>;
  notes: string[];
  unrecognized: ParseResult['unrecognized'];
}

export const AUDIT_LABEL: Record<AuditKind, string> = {
  listening: 'listening as documented',
  missing: 'missing',
  wider: 'bound wider than documented',
  narrower: 'bound narrower than documented',
  undocumented: 'undocumented listener',
  foreign: 'another process on a Canonical Kubernetes port',
};

const WILDCARDS: readonly AddressKind[] = ['v4-any', 'dual-any', 'v6only-any', 'none'];

/** How an observed bind compares with the documented interface. */
function compareBind(bind: string, kinds: AddressKind[]): 'same' | 'wider' | 'narrower' {
  const wild = kinds.some((k) => WILDCARDS.includes(k));
  const specific = kinds.some((k) => k === 'specific');
  if (bind === 'localhost') return wild || specific ? 'wider' : 'same';
  if (bind === 'default') return wild ? 'wider' : specific ? 'same' : 'narrower';
  return kinds.some((k) => k === 'dual-any' || k === 'v4-any' || k === 'none')
    ? 'same'
    : 'narrower';
}

export function auditParsed(
  model: Model,
  parsed: ParseResult,
  text: string,
  options: CheckOptions & { role: Role },
): AuditReport {
  const checker = createChecker(model);
  const targets = checker.targets(options);
  const lines = text.split(/\r\n|\r|\n/);
  const listeners = parsed.entries.filter((e) => e.kind === 'listen' && e.endPort === undefined);
  const owns = checker.showsService;
  const ownerOf = (e: Entry) => model.services.find((s) => owns(e, s.id));
  const items: AuditItem[] = [];
  const at = (e: Entry) => ({
    line: e.line,
    text: lines[e.line - 1] ?? '',
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
    if (!captured.has(t.protocol)) continue;
    const here = listeners.filter((e) => e.port === t.port && e.protocol === t.protocol);
    const service = model.service(t.endpoint.service);
    const own = here.filter(
      (e) =>
        owns(e, t.endpoint.service) ||
        (!e.processes?.length &&
          (t.endpoint.kernelOwned ? parsed.showsProcesses : !parsed.showsProcesses)),
    );
    const foreign = here.filter((e) => !own.includes(e));
    for (const e of foreign) {
      items.push({
        kind: 'foreign',
        endpoint: t.ref,
        ...at(e),
        detail: `${e.processes?.join(', ') ?? 'An unknown process'} holds ${t.port}/${t.protocol}, which ${t.endpoint.serviceName} needs on this node.`,
      });
    }
    if (!own.length) {
      const look =
        service.runsAs === 'snap'
          ? `sudo systemctl status ${service.unit}`
          : `check ${service.unit}`;
      items.push({
        kind: 'missing',
        endpoint: t.ref,
        service: service.name,
        detail: `Nothing of ${t.endpoint.serviceName} listens on ${t.port}/${t.protocol}. The service is probably down: ${look}.`,
      });
      continue;
    }
    const owner = own[0]!;
    const comparison = compareBind(
      t.endpoint.bind!,
      own.map((e) => e.addressKind),
    );
    const known = own.some((e) => e.processes?.length) ? '' : ' (owner assumed: no process shown)';
    if (comparison === 'same')
      items.push({
        kind: 'listening',
        endpoint: t.ref,
        ...at(owner),
        detail: `${t.endpoint.serviceName} listens on ${t.port}/${t.protocol} as documented${known}.`,
      });
    else if (comparison === 'wider')
      items.push({
        kind: 'wider',
        endpoint: t.ref,
        ...at(owner),
        detail: `Security: ${t.endpoint.serviceName} is documented on ${t.endpoint.bind} but listens on ${own.map((e) => e.address ?? 'all interfaces').join(', ')}; it is reachable from the network. Fix its bind address, and block the port until then.`,
      });
    else
      items.push({
        kind: 'narrower',
        endpoint: t.ref,
        ...at(owner),
        detail: `${t.endpoint.serviceName} is documented on ${t.endpoint.bind === '*' ? 'all interfaces' : 'the default interface'} but listens only on ${own.map((e) => e.address).join(', ')}; other nodes cannot reach it.`,
      });
  }

  const documented = new Set(targets.map((t) => `${t.port}/${t.protocol}`));
  for (const e of listeners) {
    if (documented.has(`${e.port}/${e.protocol}`)) continue;
    const service = ownerOf(e);
    if (service)
      items.push({
        kind: 'undocumented',
        service: service.name,
        ...at(e),
        detail: `${service.name} listens on ${e.port}/${e.protocol}, which the reference does not document for a ${options.role} node (metrics, debug or an ephemeral port).`,
      });
  }

  const summary = { listening: 0, missing: 0, wider: 0, narrower: 0, undocumented: 0, foreign: 0 };
  for (const i of items) summary[i.kind]++;
  const notes = [
    'Unix sockets (containerd) do not appear in ss -tulpn, so they are not reported missing.',
    ...skipped.map(
      (p) =>
        `The paste has no ${p.toUpperCase()} listeners at all, so ${p.toUpperCase()} endpoints were not checked: capture with sudo ss -tulpn.`,
    ),
    ...(LISTING_FORMATS.includes(parsed.format)
      ? []
      : [
          `An audit reads socket listings (ss, netstat, lsof); this paste was read as ${parsed.format}.`,
        ]),
    ...(parsed.showsProcesses
      ? []
      : [
          'No process names in this paste: run ss as root (sudo ss -tulpn) so listeners can be told apart.',
        ]),
  ];
  return {
    mode: 'audit',
    release: options.release ?? model.latest.id,
    role: options.role,
    format: parsed.format,
    items,
    summary,
    notes,
    unrecognized: parsed.unrecognized,
  };
}

export async function auditNode(
  model: Model,
  text: string,
  options: CheckOptions & { role: Role },
): Promise<AuditReport> {
  return auditParsed(model, await parseInput(text, options.format ?? 'auto'), text, options);
}

export function auditToText(r: AuditReport): string {
  const order: AuditKind[] = [
    'foreign',
    'wider',
    'missing',
    'narrower',
    'undocumented',
    'listening',
  ];
  const out = [
    `Node audit: ${r.role} node, release ${r.release}, input ${r.format}: ${order.map((k) => `${r.summary[k]} ${AUDIT_LABEL[k]}`).join(', ')}`,
    '',
  ];
  for (const kind of order) {
    const items = r.items.filter((i) => i.kind === kind);
    if (!items.length) continue;
    out.push(`${AUDIT_LABEL[kind].toUpperCase()} (${items.length})`);
    for (const i of items)
      out.push(
        `  ${i.endpoint ? `${i.endpoint.port}/${i.endpoint.protocol}` : `${i.port}/${i.protocol}`}${i.line ? ` (line ${i.line})` : ''}: ${i.detail}`,
      );
    out.push('');
  }
  out.push(...r.notes.map((n) => `Note: ${n}`));
  return out.join('\n') + '\n';
}
