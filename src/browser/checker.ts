// The /check/ page: reads the form, runs the checker in a worker, renders the report as text.
import { decodeFragment, encodeFragment, type ShareState } from '../checker/share';
import { MAX_INPUT_BYTES, overLimit } from '../checker/parse';
import { decodeInput, UnreadableInput } from '../checker/decode';
import type { FormatChoice } from '../checker/types';
import type { AuditReport } from '../checker/audit';
import type { CheckRequest, PageReport, WorkerReply } from './checker-messages';
import { renderAudit, renderReach, renderReport, type ReportActions } from './checker-report';
import type { Tool } from '../firewall/plan';
import { copyText, downloadText, el } from './dom';
import { pageReleases, readNodeForm, syncReleaseFields, writeNodeForm } from './node-form';

const form = document.querySelector<HTMLFormElement>('#checker')!;
const input = form.querySelector<HTMLTextAreaElement>('#input')!;
const fileInput = form.querySelector<HTMLInputElement>('#file')!;
const results = document.querySelector<HTMLElement>('#results')!;
const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
const releases = pageReleases();
const pendingExports = new Map<number, (text: string) => void>();
let exportSeq = 0;
let worker: Worker | undefined;
let sequence = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastReport: PageReport | AuditReport | undefined;

/** The page's state: what is pasted, the node, the format and the mode. */
function state(): ShareState & { errors: string[] } {
  const { input: node, errors } = readNodeForm(form, 'check');
  return {
    input: input.value,
    node,
    format: select('format').value as FormatChoice,
    audit: select('mode').value === 'audit',
    tool: select('tool').value as Tool,
    errors: errors.map((e) => e.forForm),
  };
}

function status(message: string, isError = false): void {
  results.replaceChildren(el('p', { className: isError ? 'note error' : 'note' }, message));
}

function run(): void {
  const now = state();
  const { input: text } = now;
  const fragment = encodeFragment({ ...now, input: text.length < 4000 ? text : '' });
  const keep = text || location.hash ? fragment : '';
  history.replaceState(null, '', `${location.pathname}${location.search}${keep}`);
  if (!text.trim()) return results.replaceChildren();
  if (now.errors.length) return status(now.errors.join(' '), true);
  if (text.length > MAX_INPUT_BYTES)
    return status(
      `The input is ${overLimit(text.length, 'characters')}. Filter it first, for example with grep LISTEN.`,
      true,
    );
  worker ??= createWorker();
  results.setAttribute('aria-busy', 'true');
  const request: CheckRequest = {
    id: ++sequence,
    text,
    node: now.node,
    format: now.format ?? 'auto',
    audit: !!now.audit,
    tool: now.tool ?? 'ufw',
  };
  worker.postMessage(request);
}

function createWorker(): Worker {
  const w = new Worker(new URL('./checker.worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const pending = pendingExports.get(reply.id);
    if (pending) {
      pendingExports.delete(reply.id);
      return pending(reply.exported ?? '');
    }
    if (reply.id !== sequence) return;
    results.setAttribute('aria-busy', 'false');
    lastReport = reply.report ?? reply.audit;
    if (reply.error) status(reply.error, true);
    else if (reply.audit) results.replaceChildren(...renderAudit(reply.audit, actions));
    else if (reply.reach) results.replaceChildren(...renderReach(reply.reach));
    else if (reply.report)
      results.replaceChildren(...renderReport(reply.report, reply.ms ?? 0, actions));
  });
  w.addEventListener('error', () =>
    status('The checker failed to start. Reload the page to try again.', true),
  );
  return w;
}

/** The full last report, from the worker, as JSON or Markdown. */
function requestExport(kind: 'json' | 'markdown'): Promise<string> {
  const id = --exportSeq;
  return new Promise((resolve) => {
    pendingExports.set(id, resolve);
    worker!.postMessage({ id, export: kind, origin: location.origin });
  });
}

const actions: ReportActions = {
  copyMarkdown: (button) => void copyText(requestExport('markdown'), button),
  downloadJson: () => {
    const report = lastReport;
    if (!report) return;
    const name = `ck8s-port-${'mode' in report ? 'audit' : 'check'}-${report.release}-${report.role}.json`;
    void requestExport('json').then((json) => downloadText(json, name, 'application/json'));
  },
  copyShareLink: (button) =>
    void copyText(`${location.origin}${location.pathname}${encodeFragment(state())}`, button),
};

async function loadFile(file: File): Promise<void> {
  if (file.size > MAX_INPUT_BYTES) {
    status(`${file.name} is ${overLimit(file.size, 'bytes')}.`, true);
    return;
  }
  try {
    input.value = decodeInput(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    if (!(error instanceof UnreadableInput)) throw error;
    input.value = '';
    status(`${file.name}: ${error.message}`, true);
    return;
  }
  run();
}

function restore(shared: ShareState): void {
  if (shared.node.release) writeNodeForm(form, { release: shared.node.release }, 'check');
  syncReleaseFields(form, releases, 'check', true);
  writeNodeForm(form, shared.node, 'check');
  if (shared.format) select('format').value = shared.format;
  if (shared.audit) select('mode').value = 'audit';
  if (shared.tool) select('tool').value = shared.tool;
  input.value = shared.input;
}

restore(decodeFragment(location.hash));
form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
form.addEventListener('input', (e) => {
  const target = e.target as HTMLElement;
  if (target.id === 'file') return;
  if (target.getAttribute('name') === 'release') syncReleaseFields(form, releases, 'check', true);
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
  restore(next);
  run();
});
if (input.value) run();
