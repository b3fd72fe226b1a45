// The downloadable checker runs under the system Node (20 here, 18+ promised) with nothing installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { assertBuilt, DIST } from '../../scripts/lib/dist.ts';
import { model } from '../../src/domain/data.ts';
import type { Report } from '../../src/checker/index.ts';

assertBuilt();
const bundle = `${DIST}downloads/check-ports.mjs`;
const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find(existsSync) ?? 'node';
const run = (args: string[], input: string) =>
  spawnSync(systemNode, [bundle, ...args], { input, encoding: 'utf8', cwd: '/' });

test('the bundle has no imports but Node built-ins', () => {
  const text = readFileSync(bundle, 'utf8');
  // Static `import ... from "x"` / `import "x"` statements, and dynamic `import("x")`.
  const statement = /(?:^|[;}\n])\s*import\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  const dynamic = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
  const imports = [...text.matchAll(statement), ...text.matchAll(dynamic)].map((m) => m[1]!);
  assert.ok(imports.length > 0, 'the bundle imports Node built-ins');
  assert.deepEqual(
    imports.filter((i) => !i.startsWith('node:')),
    [],
  );
});

test(`the bundle runs under ${systemNode} and exits 1 on a conflict`, () => {
  const p = run(['--json'], '6443\n');
  assert.equal(p.status, 1, p.stderr);
  const report = JSON.parse(p.stdout) as Report;
  assert.equal(report.release, model.latest.id);
  assert.equal(report.findings[0]?.verdict, 'conflict');
});

test('the bundle exits 0 when nothing clashes, 2 on bad usage, and reads YAML', () => {
  assert.equal(run([], '22\n').status, 0);
  const bad = run(['--role', 'nope'], '');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--role must be/);
  const yaml = run(['--json'], 'services:\n  web:\n    ports:\n      - "6443:6443"\n');
  assert.equal((JSON.parse(yaml.stdout) as Report).format, 'compose');
  assert.equal(yaml.status, 1);
});

test('the bundle reads a UTF-16 capture and refuses binary input under the system Node', () => {
  const capture = readFileSync(new URL('../fixtures/own/ss-tulpn-utf16le.txt', import.meta.url));
  const utf16 = spawnSync(systemNode, [bundle, '--role', 'worker'], { input: capture, cwd: '/' });
  assert.equal(utf16.status, 1, utf16.stderr.toString());
  assert.match(utf16.stdout.toString(), /10250\/tcp.*conflict/);
  const binary = spawnSync(systemNode, [bundle], {
    input: Buffer.from([0, 1, 2, 255, 0, 7]),
    cwd: '/',
  });
  assert.equal(binary.status, 2);
  assert.match(binary.stderr.toString(), /binary data, not text/);
});
