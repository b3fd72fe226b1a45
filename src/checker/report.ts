/** Report renderings that need no DOM: Markdown for tickets, and plain text for the CLI. */
import { describeOptions } from '../domain/node.ts';
import { markdownText, oneLine } from '../domain/escape.ts';
import { AUDIT_KINDS, AUDIT_LABEL, type AuditReport } from './audit.ts';
import type { BlockSummary, Finding, Report } from './types.ts';

export const VERDICT_LABEL: Record<Finding['verdict'], string> = {
  conflict: 'conflict',
  'possible-conflict': 'possible conflict',
  expected: 'expected',
  ok: 'ok',
  covers: 'covers',
};

export function findingWhere(f: Finding): string {
  return `${f.endPort !== undefined ? `${f.port}-${f.endPort}` : f.port}/${f.protocol}`;
}

export function summaryLine(r: Report): string {
  const s = r.summary;
  const parts = [
    `${s.conflict} conflict`,
    `${s['possible-conflict']} possible`,
    `${s.expected} expected`,
    `${s.ok} ok`,
  ];
  if (s.covers) parts.push(`${s.covers} covers`);
  parts.push(`${s.unrecognized} unrecognised`);
  return parts.join(', ');
}

/** The most blocks a summary names one by one; the rest are counted. */
const MAX_BLOCKS_NAMED = 40;

/** "4 blocks: prose (line 1), sysctl (2–3), prose (5), netstat (6–10)"; a block that read nothing says so. */
export function blocksLine(blocks: readonly BlockSummary[]): string {
  const named = blocks.slice(0, MAX_BLOCKS_NAMED).map((b, i) => {
    const lines = b.from === b.to ? `${b.from}` : `${b.from}–${b.to}`;
    const where = `${b.file ? `${b.file}, ` : ''}${i === 0 ? (b.from === b.to ? 'line ' : 'lines ') : ''}${lines}`;
    const nothing = b.read === 0 && b.format !== 'prose' ? ', read nothing' : '';
    return `${b.format} (${where}${nothing})`;
  });
  const more = blocks.length - named.length;
  return `${blocks.length} block${blocks.length === 1 ? '' : 's'}: ${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function reportToMarkdown(r: Report, siteUrl = ''): string {
  const out = [
    `### Canonical Kubernetes port check: ${r.role} node, release ${r.release}`,
    '',
    `Input: ${r.format}. ${capitalised(describeOptions(r.options))}.`,
    '',
    ...(r.blocks.length ? [markdownText(blocksLine(r.blocks)), ''] : []),
    `**${summaryLine(r)}**`,
    '',
    '| Line | Port | Address | Process | Verdict | Clashes with | Reason |',
    '|---|---|---|---|---|---|---|',
    ...r.findings.map(
      (f) =>
        `| ${f.line} | ${findingWhere(f)} | ${markdownText(f.address ?? '')} | ${markdownText(f.process ?? '')} | ${VERDICT_LABEL[f.verdict]} | ${f.endpoints.map((e) => `[${e.service} ${e.port}/${e.protocol}](${siteUrl}${e.url})`).join(', ')} | ${markdownText(f.reason)} |`,
    ),
  ];
  if (r.unrecognized.length)
    out.push(
      '',
      'Unrecognised lines:',
      '',
      ...r.unrecognized.map(
        (u) =>
          `- line ${u.line}: \`${oneLine(u.text).replaceAll('`', "'")}\`${u.reason ? ` (${markdownText(u.reason)})` : ''}`,
      ),
    );
  if (r.notes.length) out.push('', ...r.notes.map((n) => `> ${markdownText(n)}`));
  return out.join('\n') + '\n';
}

export function reportToText(r: Report): string {
  const rows = r.findings.map((f) => [
    String(f.line),
    findingWhere(f),
    f.address ?? '-',
    f.process ?? '-',
    VERDICT_LABEL[f.verdict],
    f.endpoints.map((e) => `${e.service}`).join(',') || '-',
    f.reason,
  ]);
  const head = ['LINE', 'PORT', 'ADDRESS', 'PROCESS', 'VERDICT', 'ENDPOINT', 'REASON'];
  const widths = head.map((h, i) =>
    Math.min(28, Math.max(h.length, ...rows.map((row) => row[i]!.length))),
  );
  const fmt = (row: string[]) =>
    row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [
    `${r.role} node, release ${r.release}, input ${r.format}: ${summaryLine(r)}`,
    ...(r.blocks.length ? [blocksLine(r.blocks)] : []),
    '',
    fmt(head),
    ...rows.map(fmt),
  ];
  if (r.unrecognized.length)
    out.push(
      '',
      'Unrecognised lines:',
      ...r.unrecognized.map(
        (u) => `  line ${u.line}: ${u.text}${u.reason ? `  (${u.reason})` : ''}`,
      ),
    );
  if (r.firewall) {
    const list = (xs: { service: string; port: number; protocol: string }[]) =>
      xs.map((x) => `${x.port}/${x.protocol} ${x.service}`).join(', ') || 'none';
    out.push(
      '',
      `Must be reachable and allowed: ${list(r.firewall.covered)}`,
      `Must be reachable but not allowed: ${list(r.firewall.uncovered)}`,
      `Allowed but needed by no other host: ${list(r.firewall.unneeded)}`,
    );
  }
  if (r.notes.length) out.push('', ...r.notes.map((n) => `Note: ${n}`));
  return out.join('\n') + '\n';
}

export function auditToText(r: AuditReport): string {
  const counts = AUDIT_KINDS.map((k) => `${r.summary[k]} ${AUDIT_LABEL[k]}`).join(', ');
  const out = [
    `Node audit: ${r.role} node, release ${r.release}, input ${r.format}: ${counts}`,
    '',
  ];
  for (const kind of AUDIT_KINDS) {
    const items = r.items.filter((i) => i.kind === kind);
    if (!items.length) continue;
    out.push(`${AUDIT_LABEL[kind].toUpperCase()} (${items.length})`);
    for (const i of items) {
      const where = i.endpoint
        ? `${i.endpoint.port}/${i.endpoint.protocol}`
        : `${i.port}/${i.protocol}`;
      out.push(`  ${where}${i.line ? ` (line ${i.line})` : ''}: ${i.detail}`);
    }
    out.push('');
  }
  out.push(...r.notes.map((n) => `Note: ${n}`));
  return out.join('\n') + '\n';
}
