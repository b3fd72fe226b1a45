// Runs the checker off the main thread, so a 50,000-line paste never freezes the page.
import { model } from '../lib/data-browser';
import { createChecker } from '../lib/checker/check';
import type { CheckOptions } from '../lib/checker/types';

const checker = createChecker(model);

self.addEventListener('message', async (event: MessageEvent<{ id: number; text: string; options: CheckOptions }>) => {
  const { id, text, options } = event.data;
  const started = performance.now();
  try {
    const report = await checker.check(text, options);
    self.postMessage({ id, report, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id, error: (error as Error).message });
  }
});
