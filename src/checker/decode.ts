/**
 * Bytes to text, the way people save listings: UTF-8 (with or without a byte order mark), and
 * UTF-16 from Windows (PowerShell's `>` writes UTF-16LE with a BOM). Binary input is refused with
 * one message: ports are never pulled out of garbage.
 */

export class UnreadableInput extends Error {}

export const EMPTY_INPUT = 'Nothing was read: the input is empty.';

/** UTF-16 without a BOM: most of the first bytes' odd (LE) or even (BE) positions are NUL. */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.1) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.1) return 'utf-16be';
  return undefined;
}

/** Which encoding the bytes are in, and how many bytes of BOM to skip. */
export function detectEncoding(bytes: Uint8Array): { encoding: string; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: utf16Without(bytes) ?? 'utf-8', bom: 0 };
}

/**
 * Why a text is not a listing, or undefined when it may be one: it holds NUL bytes, or more than
 * a tenth of its characters are control characters other than tab, newline, carriage return,
 * form feed and escape (terminal colours).
 */
export function binaryReason(text: string): string | undefined {
  const sample = text.slice(0, 65536);
  if (!sample.length) return undefined;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0)
      return 'This is binary data, not text (it holds NUL bytes). Paste the text output of ss, netstat, a firewall tool or a manifest.';
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) || c === 0xfffd)
      control++;
  }
  return control > sample.length / 10
    ? `This is binary data, not text (${Math.round((100 * control) / sample.length)}% control or undecodable characters). Paste the text output of ss, netstat, a firewall tool or a manifest.`
    : undefined;
}

/** Decodes a file's or a pipe's bytes, or throws UnreadableInput with the one message to show. */
export function decodeInput(bytes: Uint8Array): string {
  const { encoding, bom } = detectEncoding(bytes);
  const text = new TextDecoder(encoding).decode(bytes.subarray(bom));
  const binary = binaryReason(text);
  if (binary) throw new UnreadableInput(binary);
  return text;
}
