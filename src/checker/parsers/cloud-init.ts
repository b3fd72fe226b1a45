/**
 * cloud-init user data: the commands of `bootcmd:` and `runcmd:`, in string or list form, become a
 * script at their own lines, so firewall commands in them are read as rules. Every other line is
 * accounted for: a setting, or the rest of a command written as a list over several lines.
 */
import type { Ignored } from '../types.ts';
import { lines } from './common.ts';
import { get, items, lineOf, loadYaml, scalar, type YamlNode } from '../yaml.ts';

/** `#cloud-config` first, or a top-level `runcmd:` or `bootcmd:` key. */
export const looksLikeCloudInit = (text: string): boolean =>
  /^#cloud-config\b/.test(text.trimStart()) || /^(runcmd|bootcmd)[ \t]*:/m.test(text);

const words = (node: YamlNode): string[] =>
  items(node).length
    ? items(node).map((n) => String(scalar(n) ?? ''))
    : [String(scalar(node) ?? '')];

/** The user data as a script, line for line, and the lines that are not commands. */
export async function cloudInitScript(text: string): Promise<{ text: string; ignored: Ignored[] }> {
  const source = lines(text);
  const out = source.map(() => '');
  const taken = new Map<number, number>();
  const { docs } = await loadYaml(text);
  for (const doc of docs)
    for (const key of ['bootcmd', 'runcmd'])
      for (const item of items(get(doc, key))) {
        const n = lineOf(item);
        if (!n) continue;
        out[n - 1] = words(item).join(' ');
        // A list written one word a line: the words after the first belong to this command.
        for (const w of items(item)) if (lineOf(w) > n) taken.set(lineOf(w), n);
      }
  const ignored: Ignored[] = [];
  source.forEach((line, i) => {
    const t = line.trim();
    if (out[i] || !t || t.startsWith('#')) return;
    const of = taken.get(i + 1);
    ignored.push({
      line: i + 1,
      text: line,
      reason: of
        ? `part of the command on line ${of}`
        : 'cloud-init setting, not a command or a listing',
    });
  });
  return { text: out.join('\n'), ignored };
}
