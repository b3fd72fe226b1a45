// Makes sure the tests have what they need beyond npm: a Chromium for the end-to-end tests and
// the system commands in scripts/lib/system-tools.ts. As root on Debian it installs what is
// missing with one apt-get; elsewhere it says which tests will be skipped, and the browser step
// (ensure-browser.ts) downloads Playwright's Chromium. One line per fact.
import { findBrowser } from './browser.ts';
import { aptInstall, canAptInstall, findCommand, SYSTEM_TOOLS } from './lib/system-tools.ts';

const missing = SYSTEM_TOOLS.filter((t) => !findCommand(t.command));
const packages: string[] = [...new Set(missing.map((t) => t.pkg))];
if (findBrowser().kind === 'none') packages.push('chromium');
if (!packages.length) {
  console.log('tools: every system command the tests use is here');
  process.exit(0);
}

if (canAptInstall()) {
  console.log(`tools: installing Debian packages: ${packages.join(' ')}`);
  try {
    aptInstall(packages);
  } catch (error) {
    console.error(`tools: apt-get failed (${(error as Error).message.split('\n')[0]})`);
    process.exit(1);
  }
  const still = SYSTEM_TOOLS.filter((t) => !findCommand(t.command));
  if (still.length) {
    console.error(
      `tools: still missing after the install: ${still.map((t) => t.command).join(', ')}`,
    );
    process.exit(1);
  }
} else {
  for (const t of missing)
    console.log(`tools: ${t.command} not found (package ${t.pkg}): ${t.usedBy} is skipped`);
}
