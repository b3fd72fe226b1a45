/**
 * The command-line checker. The npm script and the downloadable single file both run this,
 * so the table, the JSON and the exit codes are the same everywhere.
 */
import type { Model } from '../domain/model.ts';
import { createChecker } from '../checker/check.ts';
import { InputRefused } from '../checker/parse.ts';
import { reportToText } from '../checker/report.ts';
import { auditNode, auditToText } from '../checker/audit.ts';
import { FORMATS, type CheckOptions, type Format } from '../checker/types.ts';
import { NODE_USAGE, parseNodeArgs, UsageError } from './args.ts';

export interface CliIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdinIsTerminal: boolean;
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `Usage: check-ports [options] [FILE|-]

Checks a port listing (ss, netstat, lsof, docker, compose, Kubernetes YAML/JSON, kubectl get svc,
ufw, firewalld, iptables, nft, or a plain list) against what Canonical Kubernetes binds.

Options:
  --role control-plane|worker|both  node role (default: control-plane)
${NODE_USAGE}
  --node-ip IP                      the node's default-route address, to settle "possible" verdicts
  --format auto|${FORMATS.map((f) => f.id).join('|')}
  --json                            print JSON instead of a table
  --strict                          exit 1 on possible conflicts too
  --audit                           audit a node's own ss -tulpn: missing, wider or narrower binds,
                                    undocumented and foreign listeners (needs --role control-plane|worker)
  -h, --help                        this text

Exit codes: 0 nothing clashes, 1 a conflict was found (with --audit: anything missing,
foreign, wider or narrower), 2 usage error or unreadable input.
`;

export function parseArgs(argv: string[]): {
  options: CheckOptions;
  json: boolean;
  strict: boolean;
  audit: boolean;
  file?: string;
  help: boolean;
} {
  let json = false;
  let audit = false;
  let strict = false;
  let help = false;
  let file: string | undefined;
  const extra: CheckOptions = {};
  const node = parseNodeArgs(argv, (flag, value, arg) => {
    if (flag === '-h' || flag === '--help') help = true;
    else if (flag === '--json') json = true;
    else if (flag === '--strict') strict = true;
    else if (flag === '--audit') audit = true;
    else if (flag === '--node-ip') extra.nodeIp = value();
    else if (flag === '--format') {
      const v = value();
      if (v !== 'auto' && !FORMATS.some((f) => f.id === v))
        throw new UsageError(
          `--format must be auto or one of ${FORMATS.map((f) => f.id).join(', ')}`,
        );
      extra.format = v as Format | 'auto';
    } else if (arg.startsWith('-') && arg !== '-') return false;
    else if (file !== undefined) throw new UsageError('give one input file at most');
    else file = arg;
    return true;
  });
  return {
    options: { ...node, ...extra },
    json,
    strict,
    audit,
    help,
    ...(file !== undefined ? { file } : {}),
  };
}

export async function runCli(argv: string[], io: CliIo, model: Model): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.err(`check-ports: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  if (args.options.release && !model.releases.some((r) => r.id === args.options.release)) {
    io.err(
      `check-ports: unknown release "${args.options.release}"; known: ${model.releases.map((r) => r.id).join(', ')}\n`,
    );
    return 2;
  }
  let text: string;
  try {
    if (args.file === undefined || args.file === '-') {
      if (args.file === undefined && io.stdinIsTerminal) {
        io.err(
          `check-ports: no input. Pipe a listing in (ss -tulpn | check-ports) or name a file.\n\n${USAGE}`,
        );
        return 2;
      }
      text = await io.readStdin();
    } else text = await io.readFile(args.file);
  } catch (error) {
    io.err(
      `check-ports: cannot read ${args.file ?? 'standard input'}: ${(error as Error).message}\n`,
    );
    return 2;
  }
  try {
    if (args.audit) {
      if (args.options.role !== 'control-plane' && args.options.role !== 'worker') {
        io.err('check-ports: --audit needs --role control-plane or --role worker\n');
        return 2;
      }
      const audit = await auditNode(model, text, { ...args.options, role: args.options.role });
      io.out(args.json ? JSON.stringify(audit, null, 2) + '\n' : auditToText(audit));
      const s = audit.summary;
      return s.missing + s.foreign + s.wider + s.narrower > 0 ? 1 : 0;
    }
    const report = await createChecker(model).check(text, args.options);
    if (args.json) io.out(JSON.stringify(report, null, 2) + '\n');
    else io.out(reportToText(report));
    if (report.summary.conflict > 0) return 1;
    if (args.strict && report.summary['possible-conflict'] > 0) return 1;
    return 0;
  } catch (error) {
    io.err(
      `check-ports: ${error instanceof InputRefused ? '' : 'cannot check this input: '}${(error as Error).message}\n`,
    );
    return 2;
  }
}
