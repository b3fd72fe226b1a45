/**
 * sysctl input: which of this node's ports (and those k8sd's pre-flight check tests) lie in the
 * kernel's ephemeral range without being reserved. An outgoing connection may be given such a
 * port, and then the service that needs it cannot bind, or the pre-flight check fails.
 */
import type { CheckOnNode } from '../domain/model.ts';
import type { Target } from './targets.ts';
import type { Finding, ParseResult } from './types.ts';

type Ephemeral = NonNullable<ParseResult['ephemeral']>;

type Span = { from: number; to: number };

/** The spans of [from, to] inside the range and outside every reserved span: bounds, never arrays. */
function exposed(e: Ephemeral, from: number, to: number): Span[] {
  let open: Span[] = [{ from: Math.max(from, e.from), to: Math.min(to, e.to) }];
  open = open.filter((s) => s.from <= s.to);
  for (const r of e.reserved)
    open = open.flatMap((s) =>
      r.to < s.from || r.from > s.to
        ? [s]
        : [
            ...(r.from > s.from ? [{ from: s.from, to: r.from - 1 }] : []),
            ...(r.to < s.to ? [{ from: r.to + 1, to: s.to }] : []),
          ],
    );
  return open;
}

const count = (spans: readonly Span[]) => spans.reduce((n, s) => n + s.to - s.from + 1, 0);

/** Spans as sysctl writes them, merged and sorted: `10250,30000-32767`. */
function spans(list: readonly Span[]): string {
  const sorted = [...list].sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to + 1) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged.map((s) => (s.from === s.to ? String(s.from) : `${s.from}-${s.to}`)).join(',');
}

export function ephemeralFindings(
  e: Ephemeral,
  text: string,
  targets: Target[],
  checks: CheckOnNode[],
): { findings: Finding[]; notes: string[] } {
  const findings: Finding[] = [];
  const needed: Span[] = [];
  const where = `the ephemeral range ${e.from}-${e.to}`;
  for (const t of targets) {
    const ports = exposed(e, t.port, t.endPort ?? t.port);
    if (!ports.length) continue;
    needed.push(...ports);
    const name = t.endpoint.serviceName;
    const owner = name.endsWith('s') ? `${name}'` : `${name}'s`;
    const some =
      t.endPort === undefined
        ? `${owner} ${t.port}/${t.protocol} is inside ${where} and not reserved`
        : `${count(ports)} of ${owner} ports ${t.port}-${t.endPort}/${t.protocol} are inside ${where} and not reserved`;
    const effect = t.endpoint.inListings
      ? `an outgoing connection may be given it before ${name} starts, and then ${name} cannot bind it`
      : `an outgoing connection may use one as its source port, and its replies then meet the rules of the Service given that port`;
    findings.push({
      line: e.line,
      text,
      kind: 'ephemeral',
      port: t.port,
      ...(t.endPort !== undefined ? { endPort: t.endPort } : {}),
      protocol: t.protocol,
      verdict: 'possible-conflict',
      reason: `${some}: ${effect}.`,
      endpoints: [t.ref],
    });
  }
  for (const c of checks) {
    if (targets.some((t) => t.port === c.port && t.protocol === 'tcp')) continue;
    const ports = exposed(e, c.port, c.port);
    if (!ports.length) continue;
    needed.push(...ports);
    findings.push({
      line: e.line,
      text,
      kind: 'ephemeral',
      port: c.port,
      protocol: 'tcp',
      verdict: 'possible-conflict',
      reason: `${c.port}/tcp, which k8sd's pre-flight check tests (${c.check.key}), is inside ${where} and not reserved: a connection that holds it during bootstrap or join makes the check fail.`,
      endpoints: [],
      preflight: [c.check.key],
    });
  }
  findings.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
  const keep = e.reserved;
  const notes = needed.length
    ? [
        `Reserve them, so the kernel never hands them to outgoing connections: sudo sysctl -w net.ipv4.ip_local_reserved_ports=${spans([...keep, ...needed])}; to keep it after a reboot, put "net.ipv4.ip_local_reserved_ports = ${spans([...keep, ...needed])}" in a file under /etc/sysctl.d/.`,
      ]
    : [`No port of this node is inside ${where} without being reserved.`];
  return { findings, notes };
}
