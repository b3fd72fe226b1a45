// Runs the checker off the main thread, so a 50,000-line paste never freezes the page.
import { checkerModel, loadFirewalld } from './data';
import { NodeError } from '../domain/node';
import { createChecker } from '../checker/check';
import { detectFormat } from '../checker/detect';
import type { AuditReport } from '../checker/audit';
import { reportToMarkdown } from '../checker/report';
import type { Report } from '../checker/types';
import type { CheckRequest, ExportRequest, PageReport, WorkerReply } from './checker-messages';

const model = checkerModel();
const checker = createChecker(model, { loadFirewalld });

/** Rows the page shows; the full report stays here until the page asks for an export. */
const ROW_LIMIT = 2000;
let last: Report | AuditReport | undefined;

function forPage(report: Report): PageReport {
  const problems = report.findings.filter(
    (f) => f.verdict === 'conflict' || f.verdict === 'possible-conflict',
  );
  return {
    ...report,
    findings: report.findings.slice(0, ROW_LIMIT),
    problems: problems.slice(0, ROW_LIMIT),
    unrecognized: report.unrecognized.slice(0, ROW_LIMIT),
    ignored: report.ignored.slice(0, ROW_LIMIT),
    totals: {
      findings: report.findings.length,
      problems: problems.length,
      unrecognized: report.unrecognized.length,
      ignored: report.ignored.length,
    },
  };
}

function exported(request: ExportRequest): string {
  if (!last) return '';
  if (request.export === 'json') return JSON.stringify(last, null, 2);
  return 'mode' in last ? '' : reportToMarkdown(last, request.origin);
}

async function answer(request: CheckRequest): Promise<WorkerReply> {
  const { id, text, node, format } = request;
  const started = performance.now();
  try {
    // Probe output is read by the reachability reader, loaded only for it.
    if (
      !request.audit &&
      (format === 'reach' || (format === 'auto' && detectFormat(text) === 'reach'))
    ) {
      const { readReach } = await import('../firewall/reach-read');
      last = undefined;
      return { id, reach: readReach(model, text, request.tool), ms: performance.now() - started };
    }
    if (request.audit) {
      last = await checker.audit(text, model.roleNode(node, 'check'), format);
      return { id, audit: last, ms: performance.now() - started };
    }
    const report = await checker.check(text, model.node(node), format);
    last = report;
    return { id, report: forPage(report), ms: performance.now() - started };
  } catch (error) {
    return { id, error: error instanceof NodeError ? error.forForm : (error as Error).message };
  }
}

self.addEventListener('message', (event: MessageEvent<CheckRequest | ExportRequest>) => {
  const request = event.data;
  if ('export' in request) self.postMessage({ id: request.id, exported: exported(request) });
  else void answer(request).then((reply) => self.postMessage(reply));
});
