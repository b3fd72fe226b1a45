// The /check/ page: reads the form, runs the checker in a worker, renders the report as text only.
import { decodeFragment, encodeFragment } from '../checker/share';
import { findingWhere, VERDICT_LABEL } from '../checker/report';
import { MAX_INPUT_BYTES } from '../checker/parse';
import {
  PORT_OPTIONS,
  type CheckOptions,
  type Finding,
  type Format,
  type PortOption,
  type Report,
} from '../checker/types';
import type { AuditReport, AuditKind } from '../checker/audit';
import { syncReleaseSelects, type ReleaseChoices } from './release-options';

const form = document.querySelector<HTMLFormElement>('#checker')!;
const input = form.querySelector<HTMLTextAreaElement>('#input')!;
const fileInput = form.querySelector<HTMLInputElement>('#file')!;
const results = document.querySelector<HTMLElement>('#results')!;
const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as T;
const releaseInfo = JSON.parse(
  document.querySelector('#checker-releases')?.textContent ?? '[]',
) as ReleaseChoices[];
/** The report as the worker sends it: all counts, the first rows only (see checker.worker.ts). */
type PageReport = Report & {
  problems: Finding[];
  totals: { findings: number; problems: number; unrecognized: number; ignored: number };
};
const exports = new Map<number, (text: string) => void>();
let exportSeq = 0;

let worker: Worker | undefined;
let sequence = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function readOptions(): CheckOptions {
  const options: CheckOptions = {
    release: field<HTMLSelectElement>('release').value,
    role: field<HTMLSelectElement>('role').value as CheckOptions['role'] & string,
    format: field<HTMLSelectElement>('format').value as Format | 'auto',
  };
  const datastore = field<HTMLSelectElement>('datastore');
  if (!datastore.disabled) options.datastore = datastore.value as 'etcd' | 'k8s-dqlite';
  const kpr = field<HTMLSelectElement>('kpr');
  if (!kpr.disabled) options.kubeProxyReplacement = kpr.value === 'on';
  const node = field<HTMLInputElement>('node').value.trim();
  if (node) options.nodeIp = node;
  const ports: Partial<Record<PortOption, number>> = {};
  for (const p of PORT_OPTIONS) {
    const v = Number(field<HTMLInputElement>(p).value);
    if (Number.isInteger(v) && v >= 1 && v <= 65535) ports[p] = v;
  }
  if (Object.keys(ports).length) options.ports = ports;
  return options;
}

function syncReleaseOptions(resetToDefaults: boolean): void {
  syncReleaseSelects(
    form,
    releaseInfo.find((r) => r.id === field<HTMLSelectElement>('release').value),
    resetToDefaults,
  );
}

function writeOptions(options: CheckOptions): void {
  if (
    options.release &&
    [...field<HTMLSelectElement>('release').options].some((o) => o.value === options.release)
  )
    field<HTMLSelectElement>('release').value = options.release;
  syncReleaseOptions(true);
  if (options.role) field<HTMLSelectElement>('role').value = options.role;
  if (options.datastore && !field<HTMLSelectElement>('datastore').disabled)
    field<HTMLSelectElement>('datastore').value = options.datastore;
  if (options.kubeProxyReplacement !== undefined && !field<HTMLSelectElement>('kpr').disabled)
    field<HTMLSelectElement>('kpr').value = options.kubeProxyReplacement ? 'on' : 'off';
  if (options.nodeIp) field<HTMLInputElement>('node').value = options.nodeIp;
  if (options.format) field<HTMLSelectElement>('format').value = options.format;
  for (const p of PORT_OPTIONS)
    if (options.ports?.[p]) field<HTMLInputElement>(p).value = String(options.ports[p]);
}

function status(message: string, isError = false): void {
  results.replaceChildren(el('p', { className: isError ? 'note error' : 'note' }, message));
}

function run(): void {
  const text = input.value;
  const options = readOptions();
  const audit = field<HTMLSelectElement>('mode').value === 'audit';
  history.replaceState(
    null,
    '',
    `${location.pathname}${location.search}${text || location.hash ? encodeFragment({ input: text.length < 4000 ? text : '', options, audit }) : ''}`,
  );
  if (!text.trim()) {
    results.replaceChildren();
    return;
  }
  if (text.length > MAX_INPUT_BYTES) {
    status(
      `The input is ${(text.length / 1048576).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB. Filter it first, for example with grep LISTEN.`,
      true,
    );
    return;
  }
  worker ??= createWorker();
  results.setAttribute('aria-busy', 'true');
  worker.postMessage({ id: ++sequence, text, options, audit });
}

function createWorker(): Worker {
  const w = new Worker(new URL('./checker.worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener(
    'message',
    (
      event: MessageEvent<{
        id: number;
        report?: PageReport;
        audit?: AuditReport;
        error?: string;
        ms?: number;
        exported?: string;
      }>,
    ) => {
      const pending = exports.get(event.data.id);
      if (pending) {
        exports.delete(event.data.id);
        pending(event.data.exported ?? '');
        return;
      }
      if (event.data.id !== sequence) return;
      results.setAttribute('aria-busy', 'false');
      if (event.data.error) status(event.data.error, true);
      else if (event.data.audit) renderAudit(event.data.audit);
      else if (event.data.report) render(event.data.report, event.data.ms ?? 0);
    },
  );
  w.addEventListener('error', () =>
    status('The checker failed to start. Reload the page to try again.', true),
  );
  return w;
}

/** The full last report, from the worker, as JSON or Markdown. */
function requestExport(kind: 'json' | 'markdown'): Promise<string> {
  const id = --exportSeq;
  return new Promise((resolve) => {
    exports.set(id, resolve);
    worker!.postMessage({ id, export: kind, origin: location.origin });
  });
}

function endpointLinks(f: Report['findings'][number]): Node {
  const cell = document.createDocumentFragment();
  f.endpoints.forEach((e, i) =>
    cell.append(i ? ', ' : '', el('a', { href: e.url }, `${e.service} ${e.port}/${e.protocol}`)),
  );
  return cell;
}

function render(report: PageReport, ms: number): void {
  const s = report.summary;
  const counts = el('ul', { className: 'summary' });
  const items: [string, number][] = [
    ['conflict', s.conflict],
    ['possible-conflict', s['possible-conflict']],
    ['expected', s.expected],
    ['ok', s.ok],
  ];
  if (s.covers) items.push(['covers', s.covers]);
  for (const [verdict, n] of items)
    counts.append(
      el(
        'li',
        { className: `v-${verdict}` },
        el('strong', {}, String(n)),
        ` ${VERDICT_LABEL[verdict as keyof typeof VERDICT_LABEL]}`,
      ),
    );
  counts.append(
    el(
      'li',
      { className: 'v-unrecognized' },
      el('strong', {}, String(s.unrecognized)),
      ' unrecognised',
    ),
  );
  const heading = el(
    'h2',
    { id: 'report' },
    `Report: ${report.role === 'both' ? 'any node' : `${report.role} node`}, ${report.release}`,
  );
  const meta = el(
    'p',
    {},
    `Read as ${report.format}; ${report.totals.findings} findings from ${s.lines} lines in ${Math.round(ms)} ms. Datastore ${report.options.datastore}, kube-proxy replacement ${report.options.kubeProxyReplacement ? 'on' : 'off'}.`,
  );
  const actions = el('p', { className: 'actions' });
  const copy = el('button', { type: 'button' }, 'Copy as Markdown');
  copy.addEventListener('click', () => void copyText(requestExport('markdown'), copy));
  const download = el('button', { type: 'button' }, 'Download JSON');
  download.addEventListener('click', () => void downloadJson(report));
  const share = el('button', { type: 'button' }, 'Copy share link');
  share.addEventListener(
    'click',
    () =>
      void copyText(
        Promise.resolve(
          `${location.origin}${location.pathname}${encodeFragment({ input: input.value, options: readOptions(), audit: field<HTMLSelectElement>('mode').value === 'audit' })}`,
        ),
        share,
      ),
  );
  actions.append(copy, ' ', download, ' ', share);

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
  const drawRows = (problemsOnly: boolean) => {
    const rows = problemsOnly ? report.problems : report.findings;
    const total = problemsOnly ? report.totals.problems : report.totals.findings;
    body.replaceChildren(
      ...rows.map((f) => {
        const parsed = [
          findingWhere(f),
          f.address ? `on ${f.address}` : '',
          f.process ? `by ${f.process}` : '',
          f.kind === 'no-host-bind' ? '(no host bind)' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return el(
          'tr',
          { className: `v-${f.verdict}` },
          el('td', {}, String(f.line)),
          el('td', {}, parsed),
          el('td', {}, el('strong', {}, VERDICT_LABEL[f.verdict])),
          el('td', {}, endpointLinks(f)),
          el('td', {}, f.reason),
        );
      }),
    );
    more.textContent =
      total > rows.length
        ? `Showing the first ${rows.length} of ${total} rows; Download JSON has them all.`
        : '';
  };
  const more = el('p');
  filter
    .querySelector('input')!
    .addEventListener('change', (e) => drawRows((e.target as HTMLInputElement).checked));
  drawRows(false);
  table.append(body);

  const parts: Node[] = [heading, counts, meta, actions];
  if (report.findings.length)
    parts.push(
      filter,
      el('section', { className: 'table-wrap', tabIndex: 0, ariaLabel: 'Findings' }, table),
      more,
    );
  if (report.firewall) {
    const list = (xs: { service: string; port: number; protocol: string; url: string }[]) => {
      const ul = el('ul');
      if (!xs.length) ul.append(el('li', {}, 'none'));
      for (const x of xs)
        ul.append(
          el('li', {}, el('a', { href: x.url }, `${x.port}/${x.protocol}`), ` ${x.service}`),
        );
      return ul;
    };
    parts.push(
      el('h3', {}, 'Firewall coverage'),
      el('p', {}, 'Must be reachable from other hosts, and allowed:'),
      list(report.firewall.covered),
      el('p', {}, 'Must be reachable from other hosts, but not allowed:'),
      list(report.firewall.uncovered),
      el('p', {}, 'Allowed, though no other host needs them:'),
      list(report.firewall.unneeded),
    );
  }
  if (report.unrecognized.length) {
    const ul = el('ul', { id: 'unrecognized' });
    for (const u of report.unrecognized)
      ul.append(
        el('li', {}, `Line ${u.line}: `, el('code', {}, u.text), u.reason ? ` (${u.reason})` : ''),
      );
    parts.push(el('h3', {}, `Unrecognised lines (${report.totals.unrecognized})`), ul);
  }
  if (report.ignored.length) {
    const ul = el('ul', { id: 'ignored' });
    for (const u of report.ignored)
      ul.append(el('li', {}, `Line ${u.line}: `, el('code', {}, u.text), ` (${u.reason})`));
    parts.push(
      el('details', {}, el('summary', {}, `Skipped lines (${report.totals.ignored})`), ul),
    );
  }
  if (report.notes.length)
    parts.push(el('ul', { className: 'note' }, ...report.notes.map((n) => el('li', {}, n))));
  results.replaceChildren(...parts);
}

const AUDIT_ORDER: [AuditKind, string][] = [
  ['foreign', 'Another process on a Canonical Kubernetes port'],
  ['wider', 'Bound wider than documented (security)'],
  ['missing', 'Missing: the service is probably down'],
  ['narrower', 'Bound narrower than documented: other nodes cannot reach it'],
  ['undocumented', 'Undocumented listeners of Canonical Kubernetes processes'],
  ['listening', 'Listening as documented'],
];

function renderAudit(report: AuditReport): void {
  const parts: Node[] = [
    el('h2', { id: 'report' }, `Node audit: ${report.role} node, ${report.release}`),
  ];
  const counts = el('ul', { className: 'summary' });
  for (const [kind, label] of AUDIT_ORDER)
    counts.append(
      el(
        'li',
        { className: `a-${kind}` },
        el('strong', {}, String(report.summary[kind])),
        ` ${label.split(':')[0]!.split(' (')[0]!.toLowerCase()}`,
      ),
    );
  parts.push(counts);
  const download = el('button', { type: 'button' }, 'Download JSON');
  download.addEventListener('click', () => void downloadJson(report));
  parts.push(el('p', { className: 'actions' }, download));
  for (const [kind, label] of AUDIT_ORDER) {
    const items = report.items.filter((i) => i.kind === kind);
    if (!items.length) continue;
    const ul = el('ul', { id: `audit-${kind}` });
    for (const i of items) {
      const li = el('li');
      if (i.endpoint)
        li.append(
          el('a', { href: i.endpoint.url }, `${i.endpoint.port}/${i.endpoint.protocol}`),
          ' ',
        );
      else li.append(`${i.port}/${i.protocol} `);
      if (i.line) li.append(`(line ${i.line}) `);
      li.append(i.detail);
      ul.append(li);
    }
    parts.push(el('h3', {}, `${label} (${items.length})`), ul);
  }
  if (report.notes.length)
    parts.push(el('ul', { className: 'note' }, ...report.notes.map((n) => el('li', {}, n))));
  results.replaceChildren(...parts);
}

async function copyText(text: Promise<string>, button: HTMLButtonElement): Promise<void> {
  const label = button.textContent;
  try {
    // A ClipboardItem with a promise keeps the click's permission while the worker prepares the text.
    await navigator.clipboard.write([
      new ClipboardItem({ 'text/plain': text.then((t) => new Blob([t], { type: 'text/plain' })) }),
    ]);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed: select and copy by hand';
  }
  setTimeout(() => (button.textContent = label), 1500);
}

async function downloadJson(report: Report | AuditReport): Promise<void> {
  const blob = new Blob([await requestExport('json')], { type: 'application/json' });
  const a = el('a', {
    href: URL.createObjectURL(blob),
    download: `ck8s-port-${'mode' in report ? 'audit' : 'check'}-${report.release}-${report.role}.json`,
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function loadFile(file: File): Promise<void> {
  if (file.size > MAX_INPUT_BYTES) {
    status(
      `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB.`,
      true,
    );
    return;
  }
  input.value = await file.text();
  run();
}

const initial = decodeFragment(location.hash);
writeOptions(initial.options);
if (initial.audit) field<HTMLSelectElement>('mode').value = 'audit';
input.value = initial.input;
form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
form.addEventListener('input', (e) => {
  if ((e.target as HTMLElement).id === 'file') return;
  if ((e.target as HTMLElement).getAttribute('name') === 'release') syncReleaseOptions(true);
  clearTimeout(timer);
  timer = setTimeout(run, input.value.length > 200_000 ? 400 : 150);
});
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) void loadFile(file);
});
input.addEventListener('dragover', (e) => e.preventDefault());
input.addEventListener('drop', (e) => {
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  e.preventDefault();
  void loadFile(file);
});
addEventListener('hashchange', () => {
  const next = decodeFragment(location.hash);
  if (next.input === input.value) return;
  writeOptions(next.options);
  input.value = next.input;
  run();
});
if (input.value) run();
