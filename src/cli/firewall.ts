/** `npm run --silent firewall -- --tool nftables --role worker`: the firewall generator from the command line. */
import type { Model } from '../domain/model.ts';
import { NodeError } from '../domain/node.ts';
import { generate } from '../firewall/generate.ts';
import { firewallPlan, TOOLS, type Tool } from '../firewall/plan.ts';
import { nodeUsage, parseNodeArgs, usageLine, UsageError } from './args.ts';

export const FIREWALL_USAGE = `Usage: firewall --tool ${TOOLS.join('|')} [options]

Prints firewall rules that open only what other hosts must reach on a Canonical Kubernetes node.

Options:
  --tool ${TOOLS.join('|')}
${nodeUsage('firewall')}
${usageLine('-h, --help', 'this text')}
`;

export function runFirewallCli(
  argv: string[],
  out: (t: string) => void,
  err: (t: string) => void,
  model: Model,
): number {
  let tool: Tool | undefined;
  let help = false;
  try {
    const input = parseNodeArgs(argv, 'firewall', (flag, value) => {
      if (flag === '-h' || flag === '--help') help = true;
      else if (flag === '--tool') {
        const v = value();
        if (!TOOLS.includes(v as Tool))
          throw new UsageError(`--tool must be ${TOOLS.join(', ')}; not "${v}"`);
        tool = v as Tool;
      } else return false;
      return true;
    });
    if (help) {
      out(FIREWALL_USAGE);
      return 0;
    }
    if (!tool) throw new UsageError('--tool is required');
    out(generate(tool, firewallPlan(model, model.roleNode(input, 'firewall'))));
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error instanceof NodeError && error.malformed);
    err(`firewall: ${(error as Error).message}\n${usage ? `\n${FIREWALL_USAGE}` : ''}`);
    return 2;
  }
}
