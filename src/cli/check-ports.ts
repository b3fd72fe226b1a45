/**
 * The command-line checker. `bin/check-ports.ts` and the downloadable single file both run
 * this, so the table, the JSON and the exit codes are the same everywhere.
 */
import type { Model } from '../domain/model.ts';
import { NodeError, type NodeInput } from '../domain/node.ts';
import { printable } from '../domain/escape.ts';
import { createChecker } from '../checker/check.ts';
import { InputRefused } from '../checker/parse.ts';
import { decodeInput, UnreadableInput } from '../checker/decode.ts';
import { auditToText, reportToText } from '../checker/report.ts';
import { FORMATS, type FormatChoice } from '../checker/types.ts';
import { detectFormat } from '../checker/detect.ts';
import { readReach, reachToText } from '../firewall/reach-read.ts';
import { TOOLS, type Tool } from '../firewall/plan.ts';
import { isFirewallTool } from '../domain/enums.ts';
import { nodeUsage, parseNodeArgs, usageLine, UsageError } from './args.ts';

export interface CliIo {
  /** Bytes, decoded here: UTF-8 or UTF-16 with a BOM, and binary refused. */
  readFile(path: string): Promise<Uint8Array>;
  readStdin(): Promise<Uint8Array>;
  stdinIsTerminal: boolean;
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `Usage: check-ports [options] [FILE|-]

Checks a port listing (ss, netstat, lsof, docker, compose, Kubernetes YAML/JSON, kubectl get svc,
ufw, firewalld, iptables, nft, firewall commands, log lines, ip -d link, sysctl, or a plain list)
against what Canonical Kubernetes binds. UTF-8 and UTF-16 input are read; binary input is refused.

Options:
${nodeUsage('check')}
  --format auto|${FORMATS.map((f) => f.id).join('|')}
${usageLine('--json', 'print JSON instead of a table')}
${usageLine('--strict', 'exit 1 on possible conflicts too')}
${usageLine('--tool TOOL', 'for ck8s-reach output: the firewall whose rules to suggest (default ufw)')}
${usageLine('--audit', "audit a node's own ss -tulpn: missing, wider or narrower binds,")}
                                    undocumented and foreign listeners (needs --role control-plane|worker)
${usageLine('-h, --help', 'this text')}

Reads ck8s-reach probe output too (from /downloads/ck8s-reach.sh or reach-script): each path
reachable, refused, blocked or skipped, with the rule to add for a blocked one.

Exit codes: 0 nothing clashes, 1 a conflict was found (with --audit: anything missing,
foreign, wider or narrower; with probe output: anything blocked), 2 usage error, or input that
is empty, binary or unreadable.
`;

export interface CheckArgs {
  node: NodeInput;
  format: FormatChoice;
  /** The firewall tool whose rules a reachability report suggests for blocked paths. */
  tool: Tool;
  json: boolean;
  strict: boolean;
  audit: boolean;
  file?: string;
  help: boolean;
}

export function parseArgs(argv: string[]): CheckArgs {
  const args: Omit<CheckArgs, 'node'> = {
    format: 'auto',
    tool: 'ufw',
    json: false,
    strict: false,
    audit: false,
    help: false,
  };
  const node = parseNodeArgs(argv, 'check', (flag, value, arg) => {
    if (flag === '-h' || flag === '--help') args.help = true;
    else if (flag === '--json') args.json = true;
    else if (flag === '--strict') args.strict = true;
    else if (flag === '--audit') args.audit = true;
    else if (flag === '--tool') {
      const v = value();
      if (!isFirewallTool(v)) throw new UsageError(`--tool must be one of ${TOOLS.join(', ')}`);
      args.tool = v;
    } else if (flag === '--format') {
      const v = value();
      if (v !== 'auto' && !FORMATS.some((f) => f.id === v))
        throw new UsageError(
          `--format must be auto or one of ${FORMATS.map((f) => f.id).join(', ')}`,
        );
      args.format = v as FormatChoice;
    } else if (arg.startsWith('-') && arg !== '-') return false;
    else if (args.file !== undefined) throw new UsageError('give one input file at most');
    else args.file = arg;
    return true;
  });
  return { ...args, node };
}

async function readInput(args: CheckArgs, io: CliIo): Promise<Uint8Array> {
  if (args.file !== undefined && args.file !== '-') return io.readFile(args.file);
  if (args.file === undefined && io.stdinIsTerminal)
    throw new UsageError('no input. Pipe a listing in (ss -tulpn | check-ports) or name a file.');
  return io.readStdin();
}

export async function runCli(argv: string[], given: CliIo, model: Model): Promise<number> {
  // Tables, notes and messages quote pasted text: no control character reaches the terminal raw,
  // and JSON carries them as \u escapes (JSON.stringify leaves C1 controls such as CSI raw).
  const json = argv.includes('--json');
  const io: CliIo = {
    ...given,
    out: (text) => given.out(printable(text, json)),
    err: (text) => given.err(printable(text)),
  };
  const fail = (message: string, usage: boolean) => {
    io.err(`check-ports: ${message}\n${usage ? `\n${USAGE}` : ''}`);
    return 2;
  };
  let args: CheckArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    return fail((error as Error).message, true);
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const checker = createChecker(model);
  try {
    if (args.audit && args.node.role !== 'control-plane' && args.node.role !== 'worker')
      return fail('--audit needs --role control-plane or --role worker', false);
    const auditSpec = args.audit ? model.roleNode(args.node, 'check') : undefined;
    const spec = auditSpec ?? model.node(args.node);
    let bytes: Uint8Array;
    try {
      bytes = await readInput(args, io);
    } catch (error) {
      if (error instanceof UsageError) return fail(error.message, true);
      return fail(
        `cannot read ${args.file ?? 'standard input'}: ${(error as Error).message}`,
        false,
      );
    }
    let text: string;
    try {
      text = decodeInput(bytes);
    } catch (error) {
      if (error instanceof UnreadableInput) return fail(error.message, false);
      throw error;
    }
    const format = args.format === 'auto' ? detectFormat(text) : args.format;
    if (format === 'reach' && !auditSpec) {
      const reach = readReach(model, text, args.tool);
      io.out(args.json ? JSON.stringify(reach, null, 2) + '\n' : reachToText(reach));
      return reach.summary.blocked > 0 ? 1 : 0;
    }
    if (auditSpec) {
      const audit = await checker.audit(text, auditSpec, args.format);
      io.out(args.json ? JSON.stringify(audit, null, 2) + '\n' : auditToText(audit));
      const s = audit.summary;
      return s.missing + s.foreign + s.wider + s.narrower > 0 ? 1 : 0;
    }
    const report = await checker.check(text, spec, args.format);
    io.out(args.json ? JSON.stringify(report, null, 2) + '\n' : reportToText(report));
    if (report.summary.conflict > 0) return 1;
    return args.strict && report.summary['possible-conflict'] > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof NodeError) return fail(error.message, error.malformed);
    const prefix = error instanceof InputRefused ? '' : 'cannot check this input: ';
    return fail(prefix + (error as Error).message, false);
  }
}
