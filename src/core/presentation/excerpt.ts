/**
 * Short excerpts of users' and the model's text: one rule for every platform. The ellipsis counts
 * towards `max`, and a cut never splits a grapheme (an emoji, a flag, a letter with its accents), so an
 * excerpt never ends in a broken character on any platform.
 */

const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` itself when it fits in `max` characters (UTF-16 units, what platforms count), else its start and "…". */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  const room = max - ELLIPSIS.length;
  let cut = 0;
  // Segments are produced lazily: this reads only as far as the cut.
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > room) break;
    cut = index + segment.length;
  }
  // "one two…", not "one two …": the ellipsis stands for the cut words, not after a space.
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/** Runs of whitespace (line breaks included) become one space; ends trimmed — for titles, list items, fallbacks. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A single-line excerpt: `oneLine`, then `excerpt`. */
export function excerptLine(text: string, max: number): string {
  return excerpt(oneLine(text), max);
}

/** An excerpt in curly quotes, e.g. “How do I reset my password?” (the quotes are not counted in `max`). */
export function quoted(text: string, max: number): string {
  return `“${excerptLine(text, max)}”`;
}
