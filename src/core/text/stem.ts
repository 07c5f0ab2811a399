import { stemmer } from 'stemmer';

const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Porter stem of a lower-case word ("accounts" → "account"), memoised because vocabularies repeat. */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, s);
  }
  return s;
}
