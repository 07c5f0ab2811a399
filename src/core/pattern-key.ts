import type { PatternKeyer } from './ports.ts';

const STOP_WORDS = new Set(
  'a an the is are was were be been am do does did i me my we our you your it its of to in on for with at by from and or can could would should will how what when where which who why please hi hello hey tell about this that there'.split(
    ' ',
  ),
);

/**
 * Fingerprint of a question: lower-cased words without punctuation, stop words or plural "s", sorted
 * and de-duplicated, so "How do I reset my password?" and "password reset how" share a key.
 */
export function fingerprint(question: string): string {
  const words = question
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/<@[^>]+>/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  const unique = [...new Set(words)].sort();
  return unique.length > 0
    ? unique.join(' ').slice(0, 200)
    : question.trim().toLowerCase().slice(0, 200) || '(empty)';
}

export const fingerprintKeyer: PatternKeyer = { keyFor: async (q) => fingerprint(q) };
