/** Turns pasted text into entries, choosing the parser by detection or by the user's choice. */
import { binaryReason, EMPTY_INPUT } from './decode.ts';
import { parseDockerPs, parseCompose } from './parsers/docker.ts';
import { parseUfw, ufwCommand } from './parsers/ufw.ts';
import { firewallCmd, parseFirewalld } from './parsers/firewalld.ts';
import { parseCommands, splitCommands } from './parsers/commands.ts';
import type { FirewalldCatalog } from '../domain/schema.ts';
import { parseIptables } from './parsers/iptables.ts';
import { parseNft } from './parsers/nft.ts';
import { parseKubectlSvc, parseKubernetes } from './parsers/kube.ts';
import { parseLsof, parseNetstat, parseSs } from './parsers/listing.ts';
import { parsePlain } from './parsers/plain.ts';
import { parseLog, type PreflightText } from './parsers/log.ts';
import { parseIpLink } from './parsers/iplink.ts';
import { parseSysctl } from './parsers/sysctl.ts';
import { eachLine, emptyResult, isPromptLine, lines } from './parsers/common.ts';
import type { BlockSummary, Format, ParseResult } from './types.ts';
import { splitBlocks } from './blocks.ts';
import { isDestination } from './block-lines.ts';
import { cloudInitScript, looksLikeCloudInit } from './parsers/cloud-init.ts';
import { loadYaml, YamlRefused } from './yaml.ts';

/** Input larger than this is refused: 100,000 lines of `ss -tulpn` with process names is about 10 MB. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** An exact size against the limit: "16,777,226 characters; the limit is 16,777,216 (16 MiB)". */
export function overLimit(size: number, unit: 'bytes' | 'characters'): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(size)} ${unit}; the limit is ${n(MAX_INPUT_BYTES)} (16 MiB)`;
}

/** What a block's parser gets: the catalog once loaded, and the pre-flight wordings. */
interface Loaded {
  firewalld?: FirewalldCatalog;
  preflight?: PreflightText;
}

/** What parsers may look up beyond the text: firewalld's service definitions, or how to load them. */
export interface ParseContext {
  firewalld?: FirewalldCatalog | (() => Promise<FirewalldCatalog>) | undefined;
  /** k8sd's pre-flight wordings, from the data: the log reader's patterns are built from them. */
  preflight?: PreflightText | undefined;
}

/** The catalog, loaded only when the paste names firewalld services. */
async function catalogFor(
  text: string,
  context: ParseContext,
): Promise<FirewalldCatalog | undefined> {
  const { firewalld } = context;
  if (typeof firewalld !== 'function') return firewalld;
  return /--add-service|^[ \t]*services:/m.test(text) ? firewalld() : undefined;
}

/** A script's lines that are not firewall commands: shell, not rules and not listeners. */
function parseShell(text: string): ParseResult {
  const result = emptyResult('script');
  eachLine(text, (line, n, t) => {
    if (!t.startsWith('#'))
      result.ignored.push({ line: n, text: line, reason: 'shell line, not a firewall rule' });
  });
  return result;
}

/** Probe output is read by the reachability reader (src/firewall/reach-read.ts), not as listeners. */
function parseReach(text: string): ParseResult {
  const result = emptyResult('reach');
  eachLine(text, (line, n) =>
    result.ignored.push({
      line: n,
      text: line,
      reason: 'probe output: the reachability reader reads it',
    }),
  );
  return result;
}

/** Sentences: read for nothing, so a number in a question is never taken for a port. */
function parseProse(text: string): ParseResult {
  const result = emptyResult('prose');
  eachLine(text, (line, n) =>
    result.ignored.push({ line: n, text: line, reason: 'prose: sentences are not read for ports' }),
  );
  return result;
}

const SYNC: Partial<Record<Format, (text: string, context: Loaded) => ParseResult>> = {
  script: parseShell,
  plain: parsePlain,
  ss: parseSs,
  netstat: parseNetstat,
  lsof: parseLsof,
  'docker-ps': parseDockerPs,
  'kubectl-svc': parseKubectlSvc,
  ufw: parseUfw,
  firewalld: (text, context) => parseFirewalld(text, context.firewalld),
  iptables: parseIptables,
  nft: parseNft,
  log: (text, context) => parseLog(text, context.preflight),
  'ip-link': parseIpLink,
  sysctl: parseSysctl,
  reach: parseReach,
  prose: parseProse,
};

export class InputRefused extends Error {}

/** Compose or Kubernetes YAML (and JSON), loaded on demand. */
async function parseYaml(text: string, chosen: Format): Promise<ParseResult> {
  try {
    // A shell prompt pasted with the file (`$ cat compose.yaml`) is not YAML; its line stays, blank.
    const yamlText = lines(text)
      .map((line) => (isPromptLine(line.trim()) ? '' : line))
      .join('\n');
    const { docs, errors } = await loadYaml(yamlText);
    const result = chosen === 'compose' ? parseCompose(docs, text) : parseKubernetes(docs, text);
    for (const e of errors)
      result.unrecognized.push({
        line: e.line,
        text: lines(text)[e.line - 1] ?? '',
        reason: `YAML: ${e.message}`,
      });
    return result;
  } catch (error) {
    if (error instanceof YamlRefused) throw new InputRefused(error.message);
    const result = emptyResult(chosen);
    result.unrecognized.push({
      line: 1,
      text: lines(text)[0] ?? '',
      reason: `YAML could not be read: ${(error as Error).message}`,
    });
    return result;
  }
}

/** Lines that connect elsewhere (`curl`, `kubeadm join`, `nc -z`), blanked and ignored with the reason. */
function destinations(text: string): { text: string; ignored: ParseResult['ignored'] } {
  const ignored: ParseResult['ignored'] = [];
  if (!/\b(join|curl|wget|telnet|s_client|--server|ssh|nc|ncat|netcat)\b/.test(text))
    return { text, ignored };
  const out = lines(text).map((line, i) => {
    if (!isDestination(line.trim())) return line;
    ignored.push({
      line: i + 1,
      text: line,
      reason: 'a command that connects elsewhere: its address is a destination, not a listener',
    });
    return '';
  });
  return { text: ignored.length ? out.join('\n') : text, ignored };
}

/** One block's text, in one format: firewall commands are rules whatever the format. */
async function parseBlock(
  text: string,
  chosen: Format,
  context: ParseContext,
): Promise<ParseResult> {
  const catalog = await catalogFor(text, context);
  const loaded: Loaded = {
    ...(catalog ? { firewalld: catalog } : {}),
    ...(context.preflight ? { preflight: context.preflight } : {}),
  };
  const away = destinations(text);
  text = away.text;
  if (chosen === 'script' && looksLikeCloudInit(text)) {
    const user = await cloudInitScript(text);
    text = user.text;
    away.ignored.push(...user.ignored);
  }
  const split = splitCommands(text);
  const hasCommands = split.commands.length > 0 || split.shell.length > 0;
  const rest = hasCommands ? split.rest : text;
  const read = SYNC[chosen];
  const result = read ? read(rest, loaded) : await parseYaml(rest, chosen);
  result.ignored.push(...away.ignored);
  result.ignored.sort((a, b) => a.line - b.line);
  if (!hasCommands) return result;
  const commands = parseCommands(split, text, chosen, {
    iptables: parseIptables,
    nft: parseNft,
    ufw: ufwCommand,
    firewalld: (r, n, line, args) => firewallCmd(r, n, line, args, loaded.firewalld),
  });
  result.entries.push(...commands.entries);
  result.unrecognized.push(...commands.unrecognized);
  result.ignored.push(...commands.ignored);
  result.notes.push(...commands.notes.filter((n) => !result.notes.includes(n)));
  result.unrecognized.sort((a, b) => a.line - b.line);
  result.ignored.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * Reads a paste block by block (blocks.ts), each in its own format; `format` sets every block's.
 * Line numbers stay those of the paste, and each block's counts come back in `blocks`.
 */
export async function parseInput(
  text: string,
  format: Format | 'auto' = 'auto',
  context: ParseContext = {},
): Promise<ParseResult & { blocks: BlockSummary[] }> {
  if (text.length > MAX_INPUT_BYTES) {
    throw new InputRefused(
      `The input is ${overLimit(text.length, 'characters')}. Filter it first (for example \`ss -tulpn | grep LISTEN\`).`,
    );
  }
  if (!text.trim()) throw new InputRefused(EMPTY_INPUT);
  const binary = binaryReason(text);
  if (binary) throw new InputRefused(binary);
  // Probe output is one report: the reachability reader reads the whole paste.
  const forced = format !== 'auto' ? format : /^ck8s-reach v1 /m.test(text) ? 'reach' : undefined;
  const blocks = splitBlocks(text, forced);
  const merged = emptyResult(blocks.length === 1 ? blocks[0]!.format : 'plain');
  const summaries: BlockSummary[] = [];
  let source: string[] | undefined;
  const lineAt = (n: number) => (source ??= lines(text))[n - 1] ?? '';
  for (const block of blocks) {
    const r = await parseBlock(block.text, block.format, context);
    const shift = block.from - 1;
    const at = <T extends { line: number }>(x: T): T => ({ ...x, line: x.line + shift });
    const accounted = new Set<number>();
    for (const list of [r.entries, r.unrecognized, r.ignored])
      for (const x of list) accounted.add(x.line);
    // The parser's objects are its own: they move to the paste's lines in place (no copies, and no
    // spread of 100,000 arguments). Reports quote the line as pasted, a quote's `>` included.
    for (const e of r.entries) {
      e.line += shift;
      e.format = block.format;
      merged.entries.push(e);
    }
    const requote = <T extends { line: number; text: string }>(x: T): T => {
      x.line += shift;
      x.text = lineAt(x.line);
      return x;
    };
    for (const x of r.unrecognized) merged.unrecognized.push(requote(x));
    for (const x of r.ignored) merged.ignored.push(requote(x));
    const markup = block.markup.filter((m) => !accounted.has(m.line - shift));
    for (const m of markup)
      merged.ignored.push({ line: m.line, text: lineAt(m.line), reason: m.reason });
    for (const note of r.notes) if (!merged.notes.includes(note)) merged.notes.push(note);
    merged.showsProcesses ||= r.showsProcesses;
    if (r.ephemeral && !merged.ephemeral)
      merged.ephemeral = {
        ...at(r.ephemeral),
        ...(r.ephemeral.reservedLine ? { reservedLine: r.ephemeral.reservedLine + shift } : {}),
      };
    summaries.push({
      from: block.from,
      to: block.to,
      format: block.format,
      ...(block.file ? { file: block.file } : {}),
      // Lines that gave an entry, or the ephemeral range and reserved ports (sysctl).
      read: new Set([
        ...r.entries.map((e) => e.line),
        ...(r.ephemeral ? [r.ephemeral.line, r.ephemeral.reservedLine ?? r.ephemeral.line] : []),
      ]).size,
      ignored: r.ignored.length + markup.length,
      unrecognized: r.unrecognized.length,
    });
  }
  // A recognised block with no entries is a result: it says so, never silently.
  for (const b of summaries)
    if (!b.read && !b.unrecognized && b.format !== 'prose' && b.format !== 'reach') {
      const where = b.from === b.to ? `line ${b.from}` : `lines ${b.from}–${b.to}`;
      merged.notes.push(
        `The ${b.format} block (${where}) gave nothing to check: it lists no port${b.format === 'log' ? ' clash' : ''}.`,
      );
    }
  // Firewall commands are rules whatever the format: only a paste that gave nothing is refused.
  if (blocks.every((b) => b.format === 'prose') && !merged.entries.length) {
    const n = blocks.reduce((sum, b) => sum + b.to - b.from + 1, 0);
    throw new InputRefused(
      `Nothing in this paste is a listing, a rule, a manifest or an error message: its ${n === 1 ? 'one line reads' : `${n} lines read`} as sentences (prose), and numbers in sentences are not ports. Paste the output of ss -tulpn, a compose file or manifest, firewall rules or the error itself; choose "Plain list of ports" to read the numbers anyway.`,
    );
  }
  merged.ignored.sort((a, b) => a.line - b.line);
  return {
    ...merged,
    format: blocks.length === 1 ? blocks[0]!.format : 'mixed',
    blocks: summaries,
  };
}
