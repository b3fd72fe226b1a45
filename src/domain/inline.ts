/** Splits prose with `backtick` spans into text and code segments, for rendering without HTML injection. */
export interface Segment {
  code: boolean;
  text: string;
}

export function inlineSegments(text: string): Segment[] {
  return text
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`')
        ? { code: true, text: part.slice(1, -1) }
        : { code: false, text: part },
    );
}

/** The same prose with the backticks removed, for meta descriptions and CSV. */
export function plainText(text: string): string {
  return inlineSegments(text)
    .map((s) => s.text)
    .join('');
}
