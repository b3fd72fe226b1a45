/** `npm run --silent reach-script -- --role worker --control-plane IP --worker IP`: the probe as a bash script. */
import type { Model } from '../domain/model.ts';
import { NodeError } from '../domain/node.ts';
import { printable } from '../domain/escape.ts';
import { reachScript } from '../firewall/reach.ts';
import { nodeUsage, parseNodeArgs, usageLine, UsageError } from './args.ts';

export const REACH_USAGE = `Usage: reach-script --role control-plane|worker --control-plane IP[,IP] --worker IP[,IP] [options]

Prints a bash script to run on a node: it probes, from that node, every TCP port its role must
reach on the other nodes, and ICMP echo, and prints one "ck8s-reach v1" line per probe. Paste
the output into the conflict checker, or pipe it to check-ports, to see which hop is blocked.

Options:
${nodeUsage('reach')}
${usageLine('-h, --help', 'this text')}
`;

export function runReachCli(
  argv: string[],
  out: (t: string) => void,
  err: (t: string) => void,
  model: Model,
): number {
  let help = false;
  try {
    const input = parseNodeArgs(argv, 'reach', (flag) => {
      if (flag === '-h' || flag === '--help') help = true;
      else return false;
      return true;
    });
    if (help) {
      out(REACH_USAGE);
      return 0;
    }
    if (!input.controlPlaneIps?.length && !input.workerIps?.length)
      throw new UsageError('give the peers to probe: --control-plane IP and/or --worker IP');
    out(reachScript(model, input));
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error instanceof NodeError && error.malformed);
    // The message can quote what was typed: no control character reaches the terminal.
    err(`reach-script: ${printable((error as Error).message)}\n${usage ? `\n${REACH_USAGE}` : ''}`);
    return 2;
  }
}
