/**
 * A paste is a sequence of blocks, each read in its own format. This module finds where the
 * blocks are, in one pass over the lines: at code fences, at shell prompts, at the header of a
 * known table, where a Markdown quote starts or ends, and at a blank line when the text after it
 * is of another format. It never splits inside a fence, a YAML or JSON document or a table.
 * Detection then runs on each block alone, so the cost stays linear in the paste.
 */
import { detectFormat } from './detect.ts';
import { lines } from './parsers/common.ts';
import { hintOf, isProseLine, promptCommand, TABLE_HEADER } from './block-lines.ts';
import { attachComments, isComment } from './block-join.ts';
import type { Format } from './types.ts';

/** Where a block lies (1-based lines, inclusive) and the format it is read in. */
export interface Block {
  from: number;
  to: number;
  format: Format;
  /** Set when the block comes from a file inside an archive. */
  file?: string;
}

/** A block's text as its parser sees it: the block's lines, with markup lines blank. */
export interface BlockText extends Block {
  text: string;
  /** Lines that are structure of the paste, not content: fences, prompts. */
  markup: { line: number; reason: string }[];
}

const FENCE = /^(`{3,}|~{3,})[ \t]*([\w+-]*)/;
const QUOTE = /^>[ \t]?/;
const YAML_GOES_ON = /^([ \t]+\S|[\w.-]+:([ \t]|$)|- |---|#)/;

interface Segment {
  from: number;
  to: number;
  hint?: Format;
  fenced: boolean;
  quoted: boolean;
  markup: { line: number; reason: string }[];
}

/** Hard boundaries: fences, prompts, table headers, quotes. One pass. */
function segments(source: readonly string[]): Segment[] {
  const out: Segment[] = [];
  let cur: Segment | undefined;
  let contentLines = 0;
  let lastHeader = false;
  let fence: string | undefined;
  const close = () => {
    if (cur) out.push(cur);
    cur = undefined;
    contentLines = 0;
  };
  const open = (i: number, extra: Partial<Segment> = {}) => {
    close();
    cur = { from: i + 1, to: i + 1, fenced: false, quoted: false, markup: [], ...extra };
  };
  for (let i = 0; i < source.length; i++) {
    const line = source[i]!;
    const quoted = QUOTE.test(line.trimStart());
    const t = (quoted ? line.trimStart().replace(QUOTE, '') : line).trim();
    if (fence !== undefined) {
      cur!.to = i + 1;
      if (t.startsWith(fence) && FENCE.exec(t)?.[2] === '') {
        cur!.markup.push({ line: i + 1, reason: 'Markdown code fence' });
        fence = undefined;
        close();
      }
      continue;
    }
    if (!t) continue;
    const f = FENCE.exec(t);
    if (f) {
      const info = f[2]!.toLowerCase();
      const hint = /^ya?ml$/.test(info) ? undefined : hintOf(info);
      open(i, { fenced: true, quoted, ...(hint ? { hint } : {}) });
      cur!.markup.push({ line: i + 1, reason: 'Markdown code fence' });
      fence = f[1]!.slice(0, 3);
      continue;
    }
    // Every prompt holds `$`, `#` or `>`; most lines of a listing hold none.
    const command = /[$#>]/.test(t) ? promptCommand(t) : undefined;
    // An empty prompt (the shell after the output) and sudo's question belong to what is there.
    if (command === '' || t.startsWith('[sudo] password')) {
      if (cur) cur.to = i + 1;
      else open(i, { quoted });
      continue;
    }
    if (command !== undefined) {
      const hint = hintOf(command);
      open(i, { quoted, ...(hint ? { hint } : {}) });
      continue;
    }
    const header = TABLE_HEADER.test(t);
    // netstat prints two header lines: the second does not start another table.
    if (!cur || cur.quoted !== quoted || (header && contentLines > 0 && !lastHeader)) {
      const inherit = cur && cur.quoted === quoted && contentLines === 0 ? cur : undefined;
      if (inherit) inherit.to = i + 1;
      else open(i, { quoted });
    }
    cur!.to = i + 1;
    // Comments (a fixture's provenance, a script's notes) do not make a table header start anew.
    if (!t.startsWith('#')) {
      contentLines++;
      lastHeader = header;
    }
  }
  close();
  return out;
}

let lastText: { source: readonly string[]; from: number; to: number; text: string } | undefined;

function textOf(source: readonly string[], from: number, to: number, seg: Segment): string {
  // Detection and the block read the same lines: the join is made once.
  const last = lastText;
  if (last && last.source === source && last.from === from && last.to === to) return last.text;
  const text = joinLines(source, from, to, seg);
  lastText = { source, from, to, text };
  return text;
}

function joinLines(source: readonly string[], from: number, to: number, seg: Segment): string {
  if (!seg.quoted && !seg.markup.some((m) => m.line >= from && m.line <= to))
    return source.slice(from - 1, to).join('\n');
  const markup = new Set(seg.markup.map((m) => m.line));
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const line = source[n - 1]!;
    out.push(markup.has(n) ? '' : seg.quoted ? line.trimStart().replace(QUOTE, '') : line);
  }
  return out.join('\n');
}

/** Paragraphs of a segment: runs of lines between blank lines, each with its first and last line. */
function paragraphs(source: readonly string[], seg: Segment): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let last = 0;
  const markup = new Set(seg.markup.map((m) => m.line));
  for (let n = seg.from; n <= seg.to; n++) {
    const blank = markup.has(n) || !source[n - 1]!.trim();
    if (blank) continue;
    if (start && n > last + 1) {
      out.push([start, last]);
      start = 0;
    }
    if (!start) start = n;
    last = n;
  }
  if (start) out.push([start, last]);
  return out;
}

const YAMLISH: readonly Format[] = ['compose', 'kubernetes'];

function every(
  source: readonly string[],
  from: number,
  to: number,
  test: (trimmed: string) => boolean,
): boolean {
  for (let n = from; n <= to; n++) {
    const t = source[n - 1]!.trim();
    if (t && !test(t)) return false;
  }
  return true;
}

/** The blocks of a paste, each with its text and format; `forced` sets every block's format. */
export function splitBlocks(text: string, forced?: Format): BlockText[] {
  const source = lines(text);
  const blocks: BlockText[] = [];
  for (const seg of segments(source)) {
    if (seg.fenced || forced) {
      const whole = textOf(source, seg.from, seg.to, seg);
      const detected = whole.trim() ? detectFormat(whole) : 'prose';
      blocks.push({
        from: seg.from,
        to: seg.to,
        format: forced ?? refine(detected, seg.hint),
        text: whole,
        markup: seg.markup,
      });
      continue;
    }
    const parts: { from: number; to: number; format: Format }[] = [];
    let comments: number | undefined;
    const add = (from: number, to: number, format: Format) => {
      const last = parts.at(-1);
      // A blank line ends a block only when the text after it is of another format.
      if (last && last.format === format) last.to = to;
      else parts.push({ from: comments ?? from, to, format });
      comments = undefined;
    };
    let segFormat: Format | undefined;
    for (const [from, to] of paragraphs(source, seg)) {
      const prev = parts.at(-1);
      if (prev && YAMLISH.includes(prev.format) && YAML_GOES_ON.test(source[from - 1]!)) {
        prev.to = to;
        continue;
      }
      // Comments and headings (`# ...`, `### ...`, a shebang) go with the block they annotate.
      if (every(source, from, to, isComment)) {
        if (prev) prev.to = to;
        else comments ??= from;
        continue;
      }
      // The command that printed the output says its format; detection reads the rest.
      const detected =
        !parts.length && seg.hint && !seg.quoted
          ? seg.hint
          : detectFormat(textOf(source, comments ?? from, to, seg));
      const hinted = refine(detected, parts.length ? undefined : seg.hint);
      // A paragraph with no marker of its own (detected as plain) is part of its segment's format:
      // the rules of a template between its comments, the rest of a table after a blank line.
      if (hinted === 'plain')
        segFormat ??=
          (comments ?? from) === seg.from && to === seg.to
            ? hinted
            : refine(detectFormat(textOf(source, seg.from, seg.to, seg)), seg.hint);
      const weak =
        hinted === 'plain' &&
        segFormat !== undefined &&
        segFormat !== 'plain' &&
        segFormat !== 'prose';
      const format = weak ? 'plain' : hinted;
      // What a line that is no sentence is read as: its segment's format when the paragraph has none.
      // A program's output around its errors ("Bootstrapping the cluster...") stays with the log.
      const rest: Format = weak ? segFormat! : 'plain';
      // A YAML document's first keys (`version: "3"`) may stand apart from the rest.
      if (
        YAMLISH.includes(format) &&
        prev?.format === 'plain' &&
        every(source, prev.from, prev.to, (t) => /^[\w.-]+:/.test(t) || t.startsWith('#'))
      ) {
        prev.format = format;
        prev.to = to;
        continue;
      }
      if (format === 'plain' || format === 'prose') {
        // Sentences and port lists can share a paragraph: each run of lines is its own block.
        const kinds: (Format | undefined)[] = [];
        for (let n = from; n <= to; n++) {
          const t = source[n - 1]!.trim();
          // A prompt line belongs with what follows it (or, last, with what came before).
          kinds.push(
            !t || promptCommand(t) !== undefined
              ? undefined
              : format === 'prose' || (rest !== 'log' && isProseLine(t))
                ? 'prose'
                : rest,
          );
        }
        for (let k = kinds.length - 1, next: Format | undefined; k >= 0; k--)
          next = kinds[k] ??= next;
        for (let k = 0, prevKind: Format = 'prose'; k < kinds.length; k++)
          prevKind = kinds[k] ??= prevKind;
        kinds.forEach((kind, i) => add(from + i, from + i, kind!));
        continue;
      }
      // Sentences before a listing (the question a forum post starts with) are prose, with the
      // comments above them.
      let first = from;
      while (first < to && isComment(source[first - 1]!.trim())) first++;
      let start = first;
      while (start < to && isProseLine(source[start - 1]!.trim())) start++;
      if (start > first) add(from, start - 1, 'prose');
      add(start > first ? start : from, to, format);
    }
    if (comments !== undefined) add(comments, seg.to, 'prose');
    for (const p of parts)
      blocks.push({
        ...p,
        text: textOf(source, p.from, p.to, seg),
        markup: seg.markup.filter((m) => m.line >= p.from && m.line <= p.to),
      });
  }
  lastText = undefined;
  return attachComments(blocks);
}

/** A prompt's command settles a block that detection could only call a plain list. */
function refine(detected: Format, hint: Format | undefined): Format {
  if (!hint) return detected;
  return detected === 'plain' || detected === 'prose' ? hint : detected;
}
