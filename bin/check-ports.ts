// Entry point for `npm run check-ports` and for the bundled /downloads/check-ports.mjs.
import { readFile } from 'node:fs/promises';
import { model } from '../src/domain/data.ts';
import { runCli } from '../src/cli/check-ports.ts';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const code = await runCli(
  process.argv.slice(2),
  {
    readFile: (path) => readFile(path),
    readStdin,
    stdinIsTerminal: !!process.stdin.isTTY,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  },
  model,
);
process.exitCode = code;
