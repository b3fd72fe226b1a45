// Draws the checker's report and the node audit. Everything pasted is shown as text only.
import { describeOptions } from '../domain/node';
import { AUDIT_HEADING, AUDIT_KINDS, AUDIT_LABEL, type AuditReport } from '../checker/audit';
import { blocksLine, capitalised, findingWhere, VERDICT_LABEL } from '../checker/report';
import { FORMATS, type EndpointRef, type Finding, type Verdict } from '../checker/types';
import type { PageReport } from './checker-messages';
import { REACH_VERDICTS } from '../firewall/reach-verdicts';
import type { ReachReport } from '../firewall/reach-read';
import { el, labelCells, link } from './dom';

/** What the report's buttons do; the page owns the worker and the share link. */
export interface ReportActions {
  copyMarkdown: (button: HTMLButtonElement) => void;
  downloadJson: () => void;
  copyShareLink: (button: HTMLButtonElement) => void;
}

function button(text: string, onClick: (b: HTMLButtonElement) => void): HTMLButtonElement {
  const b = el('button', { type: 'button' }, text);
  b.addEventListener('click', () => onClick(b));
  return b;
}

function endpointLinks(f: Finding): Node {
  const cell = document.createDocumentFragment();
  f.endpoints.forEach((e, i) =>
    cell.append(i ? ', ' : '', link(e.url, `${e.service} ${e.port}/${e.protocol}`)),
  );
  return cell;
}

function counts(report: PageReport): HTMLUListElement {
  const s = report.summary;
  const shown: Verdict[] = ['conflict', 'possible-conflict', 'expected', 'ok'];
  if (s.covers) shown.push('covers');
  const list = el('ul', { className: 'summary' });
  for (const verdict of shown)
    list.append(
      el(
        'li',
        { className: `v-${verdict}` },
        el('strong', {}, String(s[verdict])),
        ` ${VERDICT_LABEL[verdict]}`,
      ),
    );
  list.append(
    el(
      'li',
      { className: 'v-unrecognized' },
      el('strong', {}, String(s.unrecognized)),
      ' unrecognised',
    ),
  );
  return list;
}

function parsedText(f: Finding): string {
  return [
    findingWhere(f),
    f.address ? `on ${f.address}` : '',
    f.process ? `by ${f.process}` : '',
    f.kind === 'no-host-bind' ? '(no host bind)' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function findingsTable(report: PageReport): Node[] {
  const filter = el(
    'label',
    { className: 'inline' },
    el('input', { type: 'checkbox', name: 'problems' }),
    ' Show problems only',
  );
  const table = el('table', { id: 'findings' });
  table.append(el('caption', { className: 'visually-hidden' }, 'Findings, one row per line'));
  const head = el('tr');
  for (const h of ['Line', 'Parsed', 'Verdict', 'Clashes with', 'Reason'])
    head.append(el('th', { scope: 'col' }, h));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  const more = el('p');
  const drawRows = (problemsOnly: boolean) => {
    const rows = problemsOnly ? report.problems : report.findings;
    const total = problemsOnly ? report.totals.problems : report.totals.findings;
    body.replaceChildren(
      ...rows.map((f) =>
        el(
          'tr',
          { className: `v-${f.verdict}` },
          el('td', {}, String(f.line)),
          el('td', {}, parsedText(f)),
          el('td', {}, el('strong', {}, VERDICT_LABEL[f.verdict])),
          el('td', {}, endpointLinks(f)),
          el(
            'td',
            {},
            f.reason,
            ...(f.owner ? [' ', link(f.owner.url, `${f.owner.name}: how to`)] : []),
          ),
        ),
      ),
    );
    labelCells(table);
    more.textContent =
      total > rows.length
        ? `Showing the first ${rows.length} of ${total} rows; Download JSON has them all.`
        : '';
  };
  filter
    .querySelector('input')!
    .addEventListener('change', (e) => drawRows((e.target as HTMLInputElement).checked));
  table.append(body);
  drawRows(false);
  const wrap = el(
    'section',
    { className: 'table-wrap', tabIndex: 0, ariaLabel: 'Findings' },
    table,
  );
  return [filter, wrap, more];
}

function firewallCoverage(firewall: NonNullable<PageReport['firewall']>): Node[] {
  const list = (xs: EndpointRef[]) => {
    const ul = el('ul');
    if (!xs.length) ul.append(el('li', {}, 'none'));
    for (const x of xs)
      ul.append(el('li', {}, link(x.url, `${x.port}/${x.protocol}`), ` ${x.service}`));
    return ul;
  };
  return [
    el('h3', {}, 'Firewall coverage'),
    el('p', {}, 'Must be reachable from other hosts, and allowed:'),
    list(firewall.covered),
    el('p', {}, 'Must be reachable from other hosts, but not allowed:'),
    list(firewall.uncovered),
    el('p', {}, 'Allowed, though no other host needs them:'),
    list(firewall.unneeded),
  ];
}

function lineList(id: string, lines: { line: number; text: string; reason?: string }[]) {
  const ul = el('ul', { id });
  for (const u of lines)
    ul.append(
      el('li', {}, `Line ${u.line}: `, el('code', {}, u.text), u.reason ? ` (${u.reason})` : ''),
    );
  return ul;
}

export function renderReport(report: PageReport, ms: number, actions: ReportActions): Node[] {
  const s = report.summary;
  const who = report.role === 'both' ? 'any node' : `${report.role} node`;
  const parts: Node[] = [
    el('h2', { id: 'report' }, `Report: ${who}, ${report.release}`),
    counts(report),
    el(
      'p',
      {},
      `${report.format === 'mixed' ? 'Read block by block' : `Read as ${FORMATS.find((f) => f.id === report.format)?.label ?? report.format}`}; ${report.totals.findings} findings from ${s.lines} lines in ${Math.round(ms)} ms. ${capitalised(describeOptions(report.options))}.`,
    ),
    el('p', { id: 'blocks' }, blocksLine(report.blocks)),
    el(
      'p',
      { className: 'actions' },
      button('Copy as Markdown', actions.copyMarkdown),
      ' ',
      button('Download JSON', actions.downloadJson),
      ' ',
      button('Copy share link', actions.copyShareLink),
    ),
  ];
  if (report.findings.length) parts.push(...findingsTable(report));
  if (report.firewall) parts.push(...firewallCoverage(report.firewall));
  if (report.unrecognized.length)
    parts.push(
      el('h3', {}, `Unrecognised lines (${report.totals.unrecognized})`),
      lineList('unrecognized', report.unrecognized),
    );
  if (report.ignored.length)
    parts.push(
      el(
        'details',
        {},
        el('summary', {}, `Skipped lines (${report.totals.ignored})`),
        lineList('ignored', report.ignored),
      ),
    );
  if (report.notes.length)
    parts.push(el('ul', { className: 'note' }, ...report.notes.map((n) => el('li', {}, n))));
  return parts;
}

export function renderAudit(report: AuditReport, actions: ReportActions): Node[] {
  const summary = el('ul', { className: 'summary' });
  for (const kind of AUDIT_KINDS)
    summary.append(
      el(
        'li',
        { className: `a-${kind}` },
        el('strong', {}, String(report.summary[kind])),
        ` ${AUDIT_LABEL[kind]}`,
      ),
    );
  const parts: Node[] = [
    el('h2', { id: 'report' }, `Node audit: ${report.role} node, ${report.release}`),
    summary,
    el('p', { className: 'actions' }, button('Download JSON', actions.downloadJson)),
  ];
  for (const kind of AUDIT_KINDS) {
    const items = report.items.filter((i) => i.kind === kind);
    if (!items.length) continue;
    const ul = el('ul', { id: `audit-${kind}` });
    for (const i of items) {
      const li = el('li');
      if (i.endpoint)
        li.append(link(i.endpoint.url, `${i.endpoint.port}/${i.endpoint.protocol}`), ' ');
      else li.append(`${i.port}/${i.protocol} `);
      if (i.line) li.append(`(line ${i.line}) `);
      li.append(i.detail);
      ul.append(li);
    }
    parts.push(el('h3', {}, `${AUDIT_HEADING[kind]} (${items.length})`), ul);
  }
  if (report.notes.length)
    parts.push(el('ul', { className: 'note' }, ...report.notes.map((n) => el('li', {}, n))));
  return parts;
}

/** A reachability report: counts, one row per pair of nodes, and each problem with its rule. */
export function renderReach(report: ReachReport): Node[] {
  const s = report.summary;
  const list = el('ul', { className: 'summary' });
  for (const v of REACH_VERDICTS)
    list.append(el('li', { className: `v-${v}` }, el('strong', {}, String(s[v])), ` ${v}`));
  const pairs = el('table', { id: 'reach-pairs' });
  const head = el('tr');
  for (const h of ['From', 'To', ...REACH_VERDICTS]) head.append(el('th', { scope: 'col' }, h));
  pairs.append(
    el('caption', { className: 'visually-hidden' }, 'Paths per pair of nodes'),
    el('thead', {}, head),
  );
  const body = el('tbody');
  for (const p of report.pairs)
    body.append(
      el(
        'tr',
        {},
        el('td', {}, p.from),
        el('td', {}, p.to),
        ...REACH_VERDICTS.map((v) => el('td', {}, String(p[v]))),
      ),
    );
  pairs.append(body);
  labelCells(pairs);
  const problems = report.findings.filter(
    (f) => f.verdict === 'blocked' || f.verdict === 'refused',
  );
  const items = problems.map((f) =>
    el(
      'li',
      { className: `v-${f.verdict}` },
      el('strong', {}, f.verdict),
      ` line ${f.line}: ${f.src ?? f.from} to ${f.address} (${f.role}), `,
      f.url ? link(f.url, `${f.port}/${f.protocol} ${f.service}`) : 'ICMP echo',
      `. ${f.reason}`,
      ...(f.rule ? [el('pre', {}, el('code', {}, f.rule))] : []),
    ),
  );
  return [
    el('h2', { id: 'report' }, 'Reachability'),
    list,
    el('p', {}, `Read as ck8s-reach probe output; rules for ${report.tool}.`),
    el('section', { className: 'table-wrap', ariaLabel: 'Paths per pair of nodes' }, pairs),
    ...(items.length
      ? [el('h3', {}, 'Blocked and refused paths'), el('ul', { id: 'reach-problems' }, ...items)]
      : [el('p', {}, 'Every probed path answered.')]),
    ...(report.unrecognized.length
      ? [el('h3', {}, 'Unrecognised lines'), lineList('unrecognized', report.unrecognized)]
      : []),
  ];
}
