import type { ItsFunction } from 'wink-nlp';
import { nlp } from './nlp.ts';
import { normalizeText } from './normalize.ts';
import { isStopWord } from './stop-words.ts';

export interface Token {
  /** Lower-case surface form with contractions expanded ("what's" → "what", "is"). */
  word: string;
  /** Dictionary form ("running" → "run", "cards" → "card"). */
  lemma: string;
  /** A function word that carries little meaning on its own ("the", "would", "my"). */
  stop: boolean;
}

const KEPT_TYPES = new Set(['word', 'number', 'alpha_numeric', 'hashtag']);

/** Word tokens of a text: normalised, punctuation, symbols and emoji dropped. */
export function tokenize(text: string): Token[] {
  const normalized = normalizeText(text);
  if (normalized === '') return [];
  const { its } = nlp();
  const tokens = nlp().readDoc(normalized).tokens();
  const types = tokens.out(its.type);
  const words = tokens.out(its.normal);
  const lemmas = tokens.out(its.lemma as ItsFunction<string>);
  const stops = tokens.out(its.stopWordFlag);
  const out: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!KEPT_TYPES.has(String(types[i]))) continue;
    const word = String(words[i]).replace(/^#/, '');
    const lemma = String(lemmas[i]).toLowerCase();
    out.push({ word, lemma, stop: isStopWord(lemma, stops[i] === true) });
  }
  return out;
}
