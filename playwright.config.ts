import { defineConfig, devices } from '@playwright/test';
import { launchOptions } from './scripts/browser.ts';

const PORT = Number(process.env.E2E_PORT ?? 4399);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // One retry on CI, so a rare timing hiccup on 2 shared cores does not block a landing; the report still names flaky tests.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...devices['Desktop Chrome'],
    // Playwright's own Chromium when it is installed; otherwise the system one (Debian's `chromium`).
    launchOptions: launchOptions(),
  },
  webServer: {
    command: `node scripts/serve.ts dist`,
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 20_000,
  },
});
