// Starts scripts/serve.ts on a built directory for benchmarks and audits, and waits until it answers.
import { spawn, type ChildProcess } from 'node:child_process';

export async function serveDist(dir: string, port: number): Promise<ChildProcess> {
  const server = spawn('node', ['scripts/serve.ts', dir], {
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the local server on port ${port} did not answer within 10 s`);
}
