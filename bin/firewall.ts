// Entry point for `npm run firewall`.
import { model } from '../src/domain/data.ts';
import { runFirewallCli } from '../src/cli/firewall.ts';

process.exitCode = runFirewallCli(
  process.argv.slice(2),
  (t) => process.stdout.write(t),
  (t) => process.stderr.write(t),
  model,
  process.env.SITE_URL ?? '',
);
