/** `npm run --silent firewall -- --tool nftables --role worker`: the firewall generator from the command line. */
import type { Model } from '../domain/model.ts';
import { NodeError } from '../domain/node.ts';
import { printable } from '../domain/escape.ts';
import { generateHost } from '../firewall/generate.ts';
import { generateCloud } from '../firewall/terraform.ts';
import { clusterPlan, firewallPlan, isCloudTool, TOOLS, type Tool } from '../firewall/plan.ts';
import { nodeUsage, parseNodeArgs, usageLine, UsageError } from './args.ts';

export const FIREWALL_USAGE = `Usage: firewall --tool ${TOOLS.join('|')} [options]

Prints firewall rules that open only what other hosts must reach on a Canonical Kubernetes node,
with ICMP between nodes and forwarding for the pod and service ranges. The terraform-* tools print
rules for the whole cluster (both roles' groups), so --role does not narrow them. Set SITE_URL to
make their comments link to the port pages with the site's address.

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
  origin = '',
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
    if (isCloudTool(tool)) {
      const { role: _role, ...cluster } = input;
      out(generateCloud(tool, clusterPlan(model, cluster), { origin }));
    } else out(generateHost(tool, firewallPlan(model, model.roleNode(input, 'firewall'))));
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error instanceof NodeError && error.malformed);
    // The message can quote what was typed: no control character reaches the terminal.
    err(`firewall: ${printable((error as Error).message)}\n${usage ? `\n${FIREWALL_USAGE}` : ''}`);
    return 2;
  }
}
