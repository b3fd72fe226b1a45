// Makes sure the end-to-end tests have a browser, and says in one line what it did.
import { execFileSync } from 'node:child_process';
import { findBrowser } from './browser.ts';
import { aptInstall, canAptInstall } from './lib/system-tools.ts';

const found = findBrowser();
if (found.kind !== 'none') {
  console.log(
    `browser: using ${found.kind === 'playwright' ? "Playwright's own Chromium" : found.path}`,
  );
  process.exit(0);
}

try {
  if (canAptInstall()) {
    console.log(
      "browser: none found; installing Debian's chromium package (apt-get update && apt-get install chromium)",
    );
    aptInstall(['chromium']);
  } else {
    console.log(
      "browser: none found; downloading Playwright's Chromium (npx playwright install chromium)",
    );
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  }
} catch (error) {
  console.error(
    `browser: could not install one (${(error as Error).message}). Install Chromium, or set CHROMIUM_PATH to its binary.`,
  );
  process.exit(1);
}
if (findBrowser().kind === 'none') {
  console.error(
    'browser: the install finished but no Chromium was found. Set CHROMIUM_PATH to its binary.',
  );
  process.exit(1);
}
