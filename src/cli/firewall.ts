/** `npm run --silent firewall -- --tool nftables --role worker`: the firewall generator from the command line. */
import type { Model } from '../domain/model.ts';
import { NODE_USAGE, parseNodeArgs, UsageError } from './args.ts';
import { generate } from '../firewall/generate.ts';
import { firewallPlan, TOOLS, type Tool } from '../firewall/plan.ts';

export const FIREWALL_USAGE = `Usage: firewall --tool ${TOOLS.join('|')} [options]

Prints firewall rules that open only what other hosts must reach on a Canonical Kubernetes node.

Options:
  --tool ${TOOLS.join('|')}
  --role control-plane|worker       node role (default: control-plane)
${NODE_USAGE}
  --node-cidr CIDR                  where cluster nodes live (repeatable; default: any source)
  --client-cidr CIDR                where API clients live (repeatable; default: any source)
  -h, --help                        this text
`;

export function runFirewallCli(
  argv: string[],
  out: (t: string) => void,
  err: (t: string) => void,
  model: Model,
): number {
  let tool: Tool | undefined;
  let help = false;
  const nodeCidrs: string[] = [];
  const clientCidrs: string[] = [];
  try {
    const args = parseNodeArgs(
      argv,
      (flag, value) => {
        if (flag === '-h' || flag === '--help') help = true;
        else if (flag === '--tool') {
          const v = value();
          if (!TOOLS.includes(v as Tool))
            throw new UsageError(`--tool must be ${TOOLS.join(', ')}; not "${v}"`);
          tool = v as Tool;
        } else if (flag === '--node-cidr') nodeCidrs.push(value());
        else if (flag === '--client-cidr') clientCidrs.push(value());
        else return false;
        return true;
      },
      ['control-plane', 'worker'],
    );
    if (help) {
      out(FIREWALL_USAGE);
      return 0;
    }
    if (!tool) throw new UsageError('--tool is required');
    const plan = firewallPlan(model, {
      ...args,
      role: args.role === 'worker' ? 'worker' : 'control-plane',
      nodeCidrs,
      clientCidrs,
    });
    out(generate(tool, plan));
    return 0;
  } catch (error) {
    err(
      `firewall: ${(error as Error).message}\n${error instanceof UsageError ? `\n${FIREWALL_USAGE}` : ''}`,
    );
    return 2;
  }
}
