/**
 * One escaping function per output language. Whatever the product writes gets its dynamic parts
 * from typed values (addresses from net.ts, ports, closed sets), or through one of these.
 */

/** C0 controls but tab and newline, DEL, and C1 controls (U+0080 to U+009F; U+009B is CSI). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f]/g;

const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');

/**
 * Text for a terminal: every control character that could move the cursor, recolour or retitle
 * it shown as `\xNN` instead. In JSON (`json`), the same characters as `\u00NN` escapes, which
 * JSON.parse reads back to the same string (JSON.stringify leaves C1 controls raw).
 */
export function printable(text: string, json = false): string {
  return text.replace(CONTROL, (c) => (json ? `\\u00${hex(c)}` : `\\x${hex(c)}`));
}

/** One line of text, with no control character and no line break: for comments and cells. */
export const oneLine = (text: string): string =>
  text.replace(CONTROL_OR_NEWLINE, (c) => (c === '\n' || c === '\r' || c === '\t' ? ' ' : ''));

/** A POSIX shell word: single-quoted, a `'` closed, escaped and reopened. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * An HCL quoted string: JSON's escapes (which HCL shares), and template sequences doubled so
 * that `${...}` and `%{...}` stay literal instead of being interpolated.
 */
export const hclString = (text: string): string =>
  JSON.stringify(text).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');

/** A `#` comment line's text (shell, nft, HCL, iptables-restore): one line, nothing else. */
export const commentText = (text: string): string => oneLine(text);

/**
 * The text of a double-quoted comment in an nft ruleset or an iptables `--comment`: no quote,
 * backslash or line break can end it, and iptables' 256-byte limit is kept.
 */
export const quotedComment = (text: string, max = 250): string =>
  `"${oneLine(text).replace(/["\\]/g, "'").slice(0, max)}"`;

/**
 * Text inside a Markdown table cell: every character Markdown gives a meaning escaped, so a
 * pasted `[x](https://...)` stays text and a `|` cannot end the cell.
 */
export const markdownText = (text: string): string =>
  oneLine(text).replace(/[\\`*_{}[\]()<>#!|~&]/g, (c) => `\\${c}`);
