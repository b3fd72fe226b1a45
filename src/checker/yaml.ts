/**
 * YAML (and JSON) input, loaded on demand: the `yaml` package is imported only when a paste
 * looks like YAML, so the checker's first script stays small. Nodes keep their line numbers.
 */
export type YamlNode =
  | { line?: number; items?: unknown[]; value?: unknown; range?: [number, number, number] }
  | null
  | undefined;

/** More aliases than any real manifest uses; an alias bomb has thousands. */
export const MAX_YAML_ALIASES = 100;

/**
 * YAML is read by the `yaml` library, linearly but at about 1.5 s per MiB of Compose services
 * and 3 s per MiB of blank lines; this limit keeps the worst case near 6 s. Real Compose files
 * and manifest bundles are a few hundred KiB at most.
 */
export const MAX_YAML_CHARS = 2 * 1024 * 1024;

export class YamlRefused extends Error {}

export interface LoadedYaml {
  docs: YamlNode[];
  errors: { line: number; message: string }[];
}

export async function loadYaml(text: string): Promise<LoadedYaml> {
  if (text.length > MAX_YAML_CHARS)
    throw new YamlRefused(
      `The YAML is ${text.length.toLocaleString('en-US')} characters; YAML is read up to ${MAX_YAML_CHARS.toLocaleString('en-US')} (2 MiB). Paste the services or manifests that publish ports.`,
    );
  const { parseAllDocuments, LineCounter, visit } = await import('yaml');
  const counter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter: counter,
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
  });
  const documents = Array.isArray(parsed) ? parsed : [];
  const errors: LoadedYaml['errors'] = [];
  let aliases = 0;
  for (const [i, doc] of documents.entries()) {
    // One message per unreadable document: a tokenizer error cascades into one per line after it.
    const first = doc.errors[0];
    if (first) {
      const [from, to] = [doc.range[0], Math.max(doc.range[0], doc.range[2] - 1)].map(
        (pos) => counter.linePos(pos).line,
      );
      const more = doc.errors.length - 1;
      errors.push({
        line: counter.linePos(first.pos[0]).line,
        message: `document ${i + 1} (lines ${from}-${to}) could not be read: ${first.message.split('\n')[0]!}${more ? ` (and ${more} more error${more > 1 ? 's' : ''} after it)` : ''}`,
      });
    }
    visit(doc, {
      Alias() {
        aliases++;
        if (aliases > MAX_YAML_ALIASES) return visit.BREAK;
        return undefined;
      },
      Node(_key, node) {
        if (node.range) (node as { line?: number }).line = counter.linePos(node.range[0]).line;
        return undefined;
      },
    });
    if (aliases > MAX_YAML_ALIASES)
      throw new YamlRefused(
        `The YAML uses more than ${MAX_YAML_ALIASES} aliases; it was refused (alias bombs expand without limit).`,
      );
  }
  return { docs: documents.map((d) => d.contents as YamlNode), errors };
}

type Pair = { key: YamlNode; value: YamlNode };

export function pairs(node: YamlNode): Pair[] {
  const list = node?.items;
  return Array.isArray(list) && list.every((p) => p && typeof p === 'object' && 'key' in p)
    ? (list as Pair[])
    : [];
}

export function get(node: YamlNode, key: string): YamlNode {
  return pairs(node).find((p) => String(scalar(p.key)) === key)?.value;
}

export function items(node: YamlNode): YamlNode[] {
  const list = node?.items;
  return Array.isArray(list) && !pairs(node).length ? (list as YamlNode[]) : [];
}

export function scalar(node: YamlNode): string | number | boolean | undefined {
  if (!node || node.items !== undefined || !('value' in node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

export function lineOf(node: YamlNode): number {
  return node?.line ?? 0;
}
