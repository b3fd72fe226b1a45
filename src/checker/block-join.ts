/** Comment-only blocks (a file's provenance, a Markdown heading) joined to the block they annotate. */
import { promptCommand } from './block-lines.ts';
import type { BlockText } from './blocks.ts';

export const isComment = (t: string): boolean =>
  t.startsWith('#') && promptCommand(t) === undefined;

/**
 * A block of comments alone (a file's provenance, a Markdown heading) goes with the block after it,
 * or, last in the paste, with the one before it; alone in the paste it stays prose.
 */
export function attachComments(blocks: BlockText[]): BlockText[] {
  const onlyComments = (b: BlockText) =>
    b.text.split('\n').every((l) => !l.trim() || isComment(l.trim()));
  const out: BlockText[] = [];
  let pending: BlockText | undefined;
  for (const b of blocks) {
    if (onlyComments(b) && blocks.length > 1) {
      pending = pending ? joined(pending, b, b) : b;
      continue;
    }
    out.push(pending ? joined(pending, b, b) : b);
    pending = undefined;
  }
  if (pending) {
    const last = out.pop();
    out.push(last ? joined(last, pending, last) : pending);
  }
  return out;
}

/** Two adjacent blocks as one, in the format of `as`; the lines between them are blank. */
function joined(a: BlockText, b: BlockText, as: BlockText): BlockText {
  const gap = '\n'.repeat(b.from - a.to);
  return {
    ...as,
    from: a.from,
    to: b.to,
    text: a.text + gap + b.text,
    markup: [...a.markup, ...b.markup],
  };
}
