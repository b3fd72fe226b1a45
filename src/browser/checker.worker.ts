// Runs the checker off the main thread, so a 50,000-line paste never freezes the page.
import { model } from './data';
import { createChecker } from '../checker/check';
import type { CheckOptions } from '../checker/types';
import { auditNode, type AuditReport } from '../checker/audit';
import { reportToMarkdown } from '../checker/report';
import type { Report } from '../checker/types';

const checker = createChecker(model);

/** Rows the page shows; the full report stays here until the page asks for an export. */
const ROW_LIMIT = 2000;
let last: Report | AuditReport | undefined;

/** What the page renders: every count, but only the rows it can show, so the copy back is cheap. */
function forPage(report: Report) {
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

self.addEventListener(
  'message',
  async (
    event: MessageEvent<{
      id: number;
      text: string;
      options: CheckOptions;
      audit?: boolean;
      export?: 'json' | 'markdown';
      origin?: string;
    }>,
  ) => {
    const { id, text, options, audit } = event.data;
    if (event.data.export) {
      const exported = !last
        ? ''
        : event.data.export === 'json'
          ? JSON.stringify(last, null, 2)
          : 'mode' in last
            ? ''
            : reportToMarkdown(last, event.data.origin ?? '');
      self.postMessage({ id, exported });
      return;
    }
    const started = performance.now();
    try {
      if (audit) {
        if (options.role !== 'control-plane' && options.role !== 'worker')
          throw new Error('An audit is of one node: choose the control plane or worker role.');
        const report = await auditNode(model, text, { ...options, role: options.role });
        last = report;
        self.postMessage({ id, audit: report, ms: performance.now() - started });
        return;
      }
      const report = await checker.check(text, options);
      last = report;
      self.postMessage({ id, report: forPage(report), ms: performance.now() - started });
    } catch (error) {
      self.postMessage({ id, error: (error as Error).message });
    }
  },
);
