// Bytes as people save them: UTF-8 with or without a BOM, UTF-16 from Windows; binary refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { model } from '../../src/domain/data.ts';
import { decodeInput, UnreadableInput } from '../../src/checker/decode.ts';
import { runCli, type CliIo } from '../../src/cli/check-ports.ts';
import { readFileSync } from 'node:fs';

const utf16le = (text: string, bom = true) => {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
};
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
};
const utf8bom = (text: string) =>
  new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));

/** Deterministic noise, so a failure can be replayed. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function io(stdin: Uint8Array) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    readFile: () => Promise.reject(new Error('no files here')),
    readStdin: () => Promise.resolve(stdin),
    stdinIsTerminal: false,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { value, out, err };
}

const text = 'tcp LISTEN 0 4096 0.0.0.0:10250 0.0.0.0:* users:(("nginx",pid=9,fd=3))\n';

test('UTF-16 LE and BE with a BOM, UTF-16LE without one, and UTF-8 with a BOM decode to the text', () => {
  for (const bytes of [utf16le(text), utf16le(text, false), utf16be(text), utf8bom(text)])
    assert.equal(decodeInput(bytes), text);
  assert.equal(decodeInput(new TextEncoder().encode(text)), text);
});

test('a UTF-16LE ss capture with a foreign listener exits 1 with that conflict', async () => {
  const capture = readFileSync(new URL('../fixtures/own/ss-tulpn-utf16le.txt', import.meta.url));
  assert.deepEqual([...capture.subarray(0, 2)], [0xff, 0xfe], 'the fixture is UTF-16LE with a BOM');
  const { value, out } = io(new Uint8Array(capture));
  assert.equal(await runCli(['--json', '--role', 'worker'], value, model), 1);
  const report = JSON.parse(out.join('')) as {
    format: string;
    findings: { port: number; verdict: string }[];
  };
  assert.equal(report.format, 'ss');
  assert.ok(report.findings.some((f) => f.port === 10250 && f.verdict === 'conflict'));
});

test('random bytes exit 2 with one message and no findings', async () => {
  for (const seed of [1, 2, 3, 42, 1234]) {
    const { value, out, err } = io(noise(4096, seed));
    assert.equal(await runCli([], value, model), 2, `seed ${seed}`);
    assert.deepEqual(out, []);
    assert.equal(err.length, 1);
    assert.match(err[0]!, /binary data, not text/);
  }
  assert.throws(() => decodeInput(noise(100, 7)), UnreadableInput);
});

test('text with a few control characters is still text; terminal colours are fine', () => {
  const coloured = '\u001b[32mtcp LISTEN 0 4096 0.0.0.0:22 0.0.0.0:*\u001b[0m\n';
  assert.equal(decodeInput(new TextEncoder().encode(coloured)), coloured);
});

test('empty input says nothing was read and exits 2', async () => {
  for (const empty of ['', '   \n\n', '\r\n']) {
    const { value, err } = io(new TextEncoder().encode(empty));
    assert.equal(await runCli([], value, model), 2, JSON.stringify(empty));
    assert.match(err.join(''), /Nothing was read: the input is empty/);
  }
  const { value } = io(utf16le(''));
  assert.equal(await runCli([], value, model), 2);
});
