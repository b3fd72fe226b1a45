// Entry point for `npm run reach-script`.
import { model } from '../src/domain/data.ts';
import { runReachCli } from '../src/cli/reach-script.ts';

process.exitCode = runReachCli(
  process.argv.slice(2),
  (t) => process.stdout.write(t),
  (t) => process.stderr.write(t),
  model,
);
