// Every end-to-end test fails on a Content-Security-Policy violation or an uncaught page error.
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (
          /Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|compile)/i.test(
            m.text(),
          )
        )
          problems.push(`CSP: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await use();
      expect(problems, 'no CSP violations or page errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
export type { Page } from '@playwright/test';
