/** Turns pasted text into entries, choosing the parser by detection or by the user's choice. */
import { detectFormat } from './detect.ts';
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
import { parseLog } from './parsers/log.ts';
import { parseIpLink } from './parsers/iplink.ts';
import { parseSysctl } from './parsers/sysctl.ts';
import { eachLine, emptyResult, isPromptLine, lines } from './parsers/common.ts';
import type { Format, ParseResult } from './types.ts';
import { loadYaml, YamlRefused } from './yaml.ts';

/** Input larger than this is refused: 100,000 lines of `ss -tulpn` with process names is about 10 MB. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** An exact size against the limit: "16,777,226 characters; the limit is 16,777,216 (16 MiB)". */
export function overLimit(size: number, unit: 'bytes' | 'characters'): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(size)} ${unit}; the limit is ${n(MAX_INPUT_BYTES)} (16 MiB)`;
}

/** What parsers may look up beyond the text: firewalld's service definitions, or how to load them. */
export interface ParseContext {
  firewalld?: FirewalldCatalog | (() => Promise<FirewalldCatalog>) | undefined;
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

const SYNC: Partial<
  Record<Format, (text: string, context: { firewalld?: FirewalldCatalog }) => ParseResult>
> = {
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
  log: parseLog,
  'ip-link': parseIpLink,
  sysctl: parseSysctl,
  reach: parseReach,
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

export async function parseInput(
  text: string,
  format: Format | 'auto' = 'auto',
  context: ParseContext = {},
): Promise<ParseResult> {
  if (text.length > MAX_INPUT_BYTES) {
    throw new InputRefused(
      `The input is ${overLimit(text.length, 'characters')}. Filter it first (for example \`ss -tulpn | grep LISTEN\`).`,
    );
  }
  if (!text.trim()) throw new InputRefused(EMPTY_INPUT);
  const binary = binaryReason(text);
  if (binary) throw new InputRefused(binary);
  const chosen = format === 'auto' ? detectFormat(text) : format;
  // Firewall commands are rules whatever the format: their own tool reads them, and the chosen
  // (or detected) format reads the rest of the paste, line numbers kept.
  const catalog = await catalogFor(text, context);
  const loaded: { firewalld?: FirewalldCatalog } = catalog ? { firewalld: catalog } : {};
  const split = splitCommands(text);
  const hasCommands = split.commands.length > 0 || split.shell.length > 0;
  const rest = hasCommands ? split.rest : text;
  const read = SYNC[chosen];
  const result = read ? read(rest, loaded) : await parseYaml(rest, chosen);
  if (!hasCommands) return result;
  const commands = parseCommands(split, text, result.format, {
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
