// Entry point for `npm run firewall`.
import { model } from '../data.ts';
import { runFirewallCli } from './cli.ts';

process.exitCode = runFirewallCli(process.argv.slice(2), (t) => process.stdout.write(t), (t) => process.stderr.write(t), model);
