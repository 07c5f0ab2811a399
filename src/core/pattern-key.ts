import type { PatternKeyer } from './ports.ts';
import { stem } from './text/stem.ts';
import { tokenize } from './text/tokenize.ts';

const MAX_KEY = 200;

/**
 * Fingerprint of a question: the stems of its content words (wink-nlp lemmas, Porter stems; function
 * words, punctuation, emoji and mentions dropped), sorted and de-duplicated. "How do I reset my
 * password?", "password reset" and "Resetting passwords?" share a key; "reset my email" does not.
 *
 * It is deliberately precise: a key decides which feedback a moderator reviews together and which
 * knowledge entry answers a question outright. Looser paraphrase matching happens in the answerer's
 * retrieval and, for insights, in the clustering (src/core/clustering), where it is measured.
 */
export function fingerprint(question: string): string {
  const tokens = tokenize(question.replace(/<[@#!][^>]*>/g, ' '));
  const content = tokens.filter((t) => !t.stop).map((t) => stem(t.lemma));
  const words = content.length > 0 ? content : tokens.map((t) => stem(t.lemma));
  const key = [...new Set(words)].sort().join(' ').slice(0, MAX_KEY);
  return key || question.trim().toLowerCase().slice(0, MAX_KEY) || '(empty)';
}

export const fingerprintKeyer: PatternKeyer = { keyFor: async (q) => fingerprint(q) };
