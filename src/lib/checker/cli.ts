/**
 * The command-line checker. The npm script and the downloadable single file both run this,
 * so the table, the JSON and the exit codes are the same everywhere.
 */
import type { Model } from '../model.ts';
import { createChecker } from './check.ts';
import { InputRefused } from './parse.ts';
import { reportToText } from './report.ts';
import { FORMATS, PORT_OPTIONS, type CheckOptions, type Format, type PortOption } from './types.ts';

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
  --release VERSION                 release to check against (default: the latest)
  --role control-plane|worker|both  node role (default: control-plane)
  --datastore etcd|k8s-dqlite       datastore, where the release offers both
  --kube-proxy-replacement on|off   kube-proxy replacement, where the release offers both
  --node-ip IP                      the node's default-route address, to settle "possible" verdicts
  --secure-port N, --etcd-port N, --etcd-peer-port N, --k8s-dqlite-port N, --tunnel-port N
                                    ports changed at bootstrap
  --format auto|${FORMATS.map((f) => f.id).join('|')}
  --json                            print JSON instead of a table
  --strict                          exit 1 on possible conflicts too
  -h, --help                        this text

Exit codes: 0 nothing clashes, 1 a conflict was found, 2 usage error or unreadable input.
`;

class UsageError extends Error {}

export function parseArgs(argv: string[]): { options: CheckOptions; json: boolean; strict: boolean; file?: string; help: boolean } {
  const options: CheckOptions = {};
  let json = false;
  let strict = false;
  let help = false;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--json':
        json = true;
        break;
      case '--strict':
        strict = true;
        break;
      case '--release':
        options.release = value();
        break;
      case '--role': {
        const v = value();
        if (v !== 'control-plane' && v !== 'worker' && v !== 'both') throw new UsageError(`--role must be control-plane, worker or both, not "${v}"`);
        options.role = v;
        break;
      }
      case '--datastore': {
        const v = value();
        if (v !== 'etcd' && v !== 'k8s-dqlite') throw new UsageError(`--datastore must be etcd or k8s-dqlite, not "${v}"`);
        options.datastore = v;
        break;
      }
      case '--kube-proxy-replacement': {
        const v = value();
        if (v !== 'on' && v !== 'off') throw new UsageError(`--kube-proxy-replacement must be on or off, not "${v}"`);
        options.kubeProxyReplacement = v === 'on';
        break;
      }
      case '--node-ip':
        options.nodeIp = value();
        break;
      case '--format': {
        const v = value();
        if (v !== 'auto' && !FORMATS.some((f) => f.id === v)) throw new UsageError(`--format must be auto or one of ${FORMATS.map((f) => f.id).join(', ')}`);
        options.format = v as Format | 'auto';
        break;
      }
      default:
        if (PORT_OPTIONS.includes(flag.slice(2) as PortOption)) {
          const n = Number(value());
          if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`${flag} must be a port from 1 to 65535`);
          options.ports = { ...options.ports, [flag.slice(2)]: n };
        } else if (arg.startsWith('-') && arg !== '-') {
          throw new UsageError(`unknown option ${arg}`);
        } else if (file !== undefined) {
          throw new UsageError('give one input file at most');
        } else file = arg;
    }
  }
  return { options, json, strict, help, ...(file !== undefined ? { file } : {}) };
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
    io.err(`check-ports: unknown release "${args.options.release}"; known: ${model.releases.map((r) => r.id).join(', ')}\n`);
    return 2;
  }
  let text: string;
  try {
    if (args.file === undefined || args.file === '-') {
      if (args.file === undefined && io.stdinIsTerminal) {
        io.err(`check-ports: no input. Pipe a listing in (ss -tulpn | check-ports) or name a file.\n\n${USAGE}`);
        return 2;
      }
      text = await io.readStdin();
    } else text = await io.readFile(args.file);
  } catch (error) {
    io.err(`check-ports: cannot read ${args.file ?? 'standard input'}: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const report = await createChecker(model).check(text, args.options);
    if (args.json) io.out(JSON.stringify(report, null, 2) + '\n');
    else io.out(reportToText(report));
    if (report.summary.conflict > 0) return 1;
    if (args.strict && report.summary['possible-conflict'] > 0) return 1;
    return 0;
  } catch (error) {
    io.err(`check-ports: ${error instanceof InputRefused ? '' : 'cannot check this input: '}${(error as Error).message}\n`);
    return 2;
  }
}
