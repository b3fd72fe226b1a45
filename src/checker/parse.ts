/** Turns pasted text into entries, choosing the parser by detection or by the user's choice. */
import { detectFormat } from './detect.ts';
import { binaryReason, EMPTY_INPUT } from './decode.ts';
import { parseDockerPs, parseCompose } from './parsers/docker.ts';
import { parseUfw } from './parsers/ufw.ts';
import { parseFirewalld } from './parsers/firewalld.ts';
import { parseIptables } from './parsers/iptables.ts';
import { parseNft } from './parsers/nft.ts';
import { parseKubectlSvc, parseKubernetes } from './parsers/kube.ts';
import { parseLsof, parseNetstat, parseSs } from './parsers/listing.ts';
import { parsePlain } from './parsers/plain.ts';
import { parseLog } from './parsers/log.ts';
import { emptyResult, isPromptLine, lines } from './parsers/common.ts';
import type { Format, ParseResult } from './types.ts';
import { loadYaml, YamlRefused } from './yaml.ts';

/** Input larger than this is refused: 100,000 lines of `ss -tulpn` with process names is about 10 MB. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

const SYNC: Partial<Record<Format, (text: string) => ParseResult>> = {
  plain: parsePlain,
  ss: parseSs,
  netstat: parseNetstat,
  lsof: parseLsof,
  'docker-ps': parseDockerPs,
  'kubectl-svc': parseKubectlSvc,
  ufw: parseUfw,
  firewalld: parseFirewalld,
  iptables: parseIptables,
  nft: parseNft,
  log: parseLog,
};

export class InputRefused extends Error {}

export async function parseInput(
  text: string,
  format: Format | 'auto' = 'auto',
): Promise<ParseResult> {
  if (text.length > MAX_INPUT_BYTES) {
    throw new InputRefused(
      `The input is ${(text.length / 1048576).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB. Filter it first (for example \`ss -tulpn | grep LISTEN\`).`,
    );
  }
  if (!text.trim()) throw new InputRefused(EMPTY_INPUT);
  const binary = binaryReason(text);
  if (binary) throw new InputRefused(binary);
  const chosen = format === 'auto' ? detectFormat(text) : format;
  const sync = SYNC[chosen];
  if (sync) return sync(text);
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
        text: text.split(/\r\n|\r|\n/)[e.line - 1] ?? '',
        reason: `YAML: ${e.message}`,
      });
    return result;
  } catch (error) {
    if (error instanceof YamlRefused) throw new InputRefused(error.message);
    const result = emptyResult(chosen);
    result.unrecognized.push({
      line: 1,
      text: text.split(/\r\n|\r|\n/)[0] ?? '',
      reason: `YAML could not be read: ${(error as Error).message}`,
    });
    return result;
  }
}
