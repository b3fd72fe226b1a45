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
    // Playwright's own Chromium when it is installed; otherwise the system one (Debian's `chromium`).
    launchOptions: launchOptions(),
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] } },
    // Phones run the layout tests, axe and a few journeys, not the whole suite.
    ...[
      { name: 'phone', viewport: { width: 390, height: 844 } },
      { name: 'small-phone', viewport: { width: 360, height: 740 } },
    ].map(({ name, viewport }) => ({
      name,
      testMatch: /(layout|a11y|journeys)\.spec\.ts$/,
      use: {
        ...devices['Pixel 7'],
        viewport,
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      },
    })),
  ],
  webServer: {
    command: `node scripts/serve.ts dist`,
    env: { PORT: String(PORT) },
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 20_000,
  },
});
