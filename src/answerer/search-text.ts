import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';

/** Words that say nothing about what a question is about ("how do I …"). */
const STOP_WORDS = new Set(
  (
    'a an the is are was were be been being am do does did doing done i me my mine we us our ours you your ' +
    'yours he she they them their it its this that these those there here of to in on for with at by from ' +
    'into onto about as and or but if so than then too very can could would should will shall may might ' +
    'must have has had having how what when where which who whom whose why please hi hello hey thanks ' +
    'thank tell know want need get got just any some all also not no yes ok okay one use using used'
  ).split(' '),
);

const defaultTokenize: (text: string) => string[] = MiniSearch.getDefault('tokenize');

/** Splits text into words the same way for documents and queries (MiniSearch's Unicode tokenizer). */
export function tokenize(text: string): string[] {
  return defaultTokenize(text);
}

/** Lower-cases, drops stop words and stems, so "resetting passwords" and "reset password" meet. */
export function processTerm(term: string): string | null {
  // Markdown and quote marks cling to words ("`digest"): keep letters, digits and emoji.
  const lower = term
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}\p{So}]+|[^\p{L}\p{N}\p{So}\p{Mn}]+$/gu, '');
  if (lower.length === 0 || STOP_WORDS.has(lower)) return null;
  return /^\p{L}+$/u.test(lower) ? stemmer(lower) : lower;
}

/** The distinct processed terms of a text: what a query is actually asking about. */
export function significantTerms(text: string): string[] {
  const terms = tokenize(text)
    .map(processTerm)
    .filter((t): t is string => t !== null);
  return [...new Set(terms)];
}
