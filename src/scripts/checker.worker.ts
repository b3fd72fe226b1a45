// Runs the checker off the main thread, so a 50,000-line paste never freezes the page.
import { model } from '../lib/data-browser';
import { createChecker } from '../lib/checker/check';
import type { CheckOptions } from '../lib/checker/types';
import { auditNode } from '../lib/checker/audit';

const checker = createChecker(model);

self.addEventListener('message', async (event: MessageEvent<{ id: number; text: string; options: CheckOptions; audit?: boolean }>) => {
  const { id, text, options, audit } = event.data;
  const started = performance.now();
  try {
    if (audit) {
      if (options.role !== 'control-plane' && options.role !== 'worker') throw new Error('An audit is of one node: choose the control plane or worker role.');
      const report = await auditNode(model, text, { ...options, role: options.role });
      self.postMessage({ id, audit: report, ms: performance.now() - started });
      return;
    }
    const report = await checker.check(text, options);
    self.postMessage({ id, report, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message });
  }
});
