// Finds a Chromium for the end-to-end tests. Order: CHROMIUM_PATH, Playwright's own
// download, then a system Chromium. Shared by playwright.config.ts and ensure-browser.ts.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export function findBrowser(): { path?: string; kind: 'env' | 'playwright' | 'system' | 'none' } {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { path: fromEnv, kind: 'env' };
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { kind: 'playwright' };
  } catch {
    /* no Playwright browser registry entry */
  }
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  return system ? { path: system, kind: 'system' } : { kind: 'none' };
}

/** Chromium launch options for tests, benchmarks and audits: Playwright's own browser, or the one found above. */
export function launchOptions(): { executablePath?: string; args: string[] } {
  const found = findBrowser();
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  return found.kind === 'playwright'
    ? { args }
    : { executablePath: found.path ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args };
}
