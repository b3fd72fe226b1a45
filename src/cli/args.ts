/**
 * Reads a command line. The node's options come from the node field table (domain/node.ts);
 * each program adds its own flags with `other`.
 */
import { fieldsFor, type NodeField, type NodeInput, type NodeProgram } from '../domain/node.ts';

/** A malformed command line: the program prints its usage after the message. */
export class UsageError extends Error {}

/**
 * Reads argv with `--flag value` and `--flag=value` forms. Node options are read here;
 * `other(flag, value, arg)` handles the rest and returns false for an unknown flag.
 */
export function parseNodeArgs(
  argv: string[],
  program: NodeProgram,
  other: (flag: string, value: () => string, arg: string) => boolean,
): NodeInput {
  const fields = new Map(fieldsFor(program).map((f) => [`--${f.name}`, f]));
  const input: NodeInput = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--')))
        throw new UsageError(`${flag} needs a value`);
      return v;
    };
    const field = fields.get(flag);
    if (field) field.read(input, value());
    else if (!other(flag, value, arg)) throw new UsageError(`unknown option ${arg}`);
  }
  return input;
}

/** One option line of --help; a long flag gets its help on the next line. */
export function usageLine(left: string, help: string): string {
  return left.length > 32 ? `  ${left}\n${' '.repeat(36)}${help}` : `  ${left.padEnd(32)}  ${help}`;
}

/** The --help lines for a program's node options, from the field table. */
export function nodeUsage(program: NodeProgram): string {
  const fields = fieldsFor(program);
  const flag = (f: NodeField) =>
    `--${f.name} ${f.metavar ?? (f.choices?.(program) ?? []).map((c) => c.value).join('|')}`;
  const out: string[] = [];
  for (const field of fields) {
    if (!field.group) out.push(usageLine(flag(field), field.help));
    else if (fields.find((f) => f.group === field.group) === field) {
      const members = fields.filter((f) => f.group === field.group);
      out.push(usageLine(members.map(flag).join(', '), field.help));
    }
  }
  return out.join('\n');
}
