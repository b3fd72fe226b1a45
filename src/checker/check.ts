/**
 * The conflict checker: reads a paste and judges every line against the node it describes.
 * One checker serves checks and audits, for one model.
 */
import type { Model } from '../domain/model.ts';
import type { FirewalldCatalog } from '../domain/schema.ts';
import { reportOptions, type NodeSpec, type RoleSpec } from '../domain/node.ts';
import { auditParsed } from './audit.ts';
import { createJudge } from './judge.ts';
import { parseInput } from './parse.ts';
import { echoLine } from './parsers/common.ts';
import { ephemeralFindings } from './ephemeral.ts';
import { distributionNotes } from './owners.ts';
import { entryIncludes, nodeTargets, showsService, type Target } from './targets.ts';
import type { Entry, FormatChoice, ParseResult, Report } from './types.ts';
import { FIREWALL_FORMATS } from './types.ts';

export const FIREWALL_NOTE =
  'Firewall rules: an allow/ACCEPT rule counts as covering its ports whatever its source. Chain order, policies and jumps are not evaluated.';

function firewallSummary(parsed: ParseResult, all: Target[]): NonNullable<Report['firewall']> {
  const allows = parsed.entries.filter((e) => e.kind === 'firewall-allow');
  const covered = (t: Target) => allows.some((e) => entryIncludes(e, t));
  const needed = (t: Target) => t.endpoint.reachableFrom !== 'none' && !t.endpoint.optIn;
  return {
    covered: all.filter((t) => needed(t) && covered(t)).map((t) => t.ref),
    uncovered: all.filter((t) => needed(t) && !covered(t)).map((t) => t.ref),
    unneeded: all
      .filter((t) => t.endpoint.reachableFrom === 'none' && covered(t))
      .map((t) => t.ref),
  };
}

/**
 * A published range (`0.0.0.0:2379-2380->2379-2380/tcp`) gives each port the node needs its own
 * entry, so each gets its own verdict; the ports between them stay ranges. Only single-port
 * endpoints split a range: a range endpoint (NodePorts) against a range stays one overlap.
 */
function byNeededPort(entry: Entry, all: readonly Target[]): Entry[] {
  const end = entry.endPort;
  if (end === undefined || entry.kind !== 'listen') return [entry];
  const needed = [
    ...new Set(
      all
        .filter(
          (t) =>
            t.endPort === undefined &&
            t.protocol === entry.protocol &&
            t.port >= entry.port &&
            t.port <= end,
        )
        .map((t) => t.port),
    ),
  ].sort((a, b) => a - b);
  if (!needed.length) return [entry];
  const out: Entry[] = [];
  const range = (from: number, to: number): Entry => {
    const { endPort: _, ...rest } = entry;
    return from === to ? { ...rest, port: from } : { ...rest, port: from, endPort: to };
  };
  let next = entry.port;
  for (const p of needed) {
    if (p > next) out.push(range(next, p - 1));
    out.push(range(p, p));
    next = p + 1;
  }
  if (next <= end) out.push(range(next, end));
  return out;
}

export function createChecker(
  model: Model,
  options: { loadFirewalld?: () => Promise<FirewalldCatalog> } = {},
) {
  const judge = createJudge(model);
  const targets = (spec: NodeSpec) => nodeTargets(model, spec);

  function checkParsed(parsed: ParseResult, text: string, spec: NodeSpec): Report {
    const all = targets(spec);
    const checks = model.checksFor(spec);
    const source = text.split(/\r\n|\r|\n/);
    const ephemeral = parsed.ephemeral
      ? ephemeralFindings(
          parsed.ephemeral,
          echoLine(source[parsed.ephemeral.line - 1] ?? ''),
          all,
          checks,
        )
      : undefined;
    const findings = [
      ...(ephemeral?.findings ?? []),
      ...parsed.entries
        .flatMap((entry) => byNeededPort(entry, all))
        .map((entry) =>
          judge(entry, echoLine(source[entry.line - 1] ?? ''), all, checks, parsed, spec),
        ),
    ].sort((a, b) => a.line - b.line || a.port - b.port);
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
      release: spec.release,
      role: spec.role,
      options: reportOptions(spec),
      format: parsed.format,
      blocks: parsed.blocks ?? [],
      findings,
      unrecognized: parsed.unrecognized.map((u) => ({
        ...u,
        text: echoLine(u.text),
        ...(u.reason ? { reason: echoLine(u.reason) } : {}),
      })),
      ignored: parsed.ignored.map((i) => ({
        ...i,
        text: echoLine(i.text),
        reason: echoLine(i.reason),
      })),
      notes: [
        ...parsed.notes,
        ...(ephemeral?.notes ?? []),
        ...distributionNotes(model.owners, parsed.entries),
      ],
      summary,
    };
    if (
      (parsed.blocks ?? []).some((b) => FIREWALL_FORMATS.includes(b.format)) ||
      parsed.entries.some((e) => e.kind === 'firewall-allow')
    ) {
      report.notes.push(FIREWALL_NOTE);
      report.firewall = firewallSummary(parsed, all);
    }
    if (findings.some((f) => f.protocolAssumed))
      report.notes.push('A number with no protocol is read as TCP.');
    if (findings.some((f) => f.kind === 'listen' && !f.address && f.verdict === 'conflict'))
      report.notes.push('Lines with no address are assumed to bind all interfaces.');
    return report;
  }

  const context = {
    firewalld: model.firewalld ?? options.loadFirewalld,
    preflight: model.ref.preflightMessages,
  };

  async function check(text: string, spec: NodeSpec, format: FormatChoice = 'auto') {
    return checkParsed(await parseInput(text, format, context), text, spec);
  }

  const owns = (entry: Entry, serviceId: string) => showsService(model, entry, serviceId);

  async function audit(text: string, spec: RoleSpec, format: FormatChoice = 'auto') {
    return auditParsed(
      model,
      await parseInput(text, format, context),
      text,
      spec,
      targets(spec),
      owns,
    );
  }

  return { check, checkParsed, audit, targets, showsService: owns };
}

export type Checker = ReturnType<typeof createChecker>;
