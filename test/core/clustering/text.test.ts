import { describe, expect, it } from 'vitest';
import { charNgrams } from '../../../src/core/text/char-ngrams.ts';
import { normalizeText } from '../../../src/core/text/normalize.ts';
import { stem } from '../../../src/core/text/stem.ts';
import { tokenize } from '../../../src/core/text/tokenize.ts';

describe('text utilities', () => {
  it('normalises case, accents and chat noise', () => {
    expect(normalizeText('  Café <@U123ABC> see https://x.io/a  NOW ')).toBe('cafe see now');
  });

  it('tokenises into words with lemmas and stop-word flags, dropping punctuation', () => {
    const tokens = tokenize("What's the Spanish word for pastas?");
    expect(tokens.map((t) => t.word)).toEqual(['what', 'is', 'the', 'spanish', 'word', 'for', 'pastas']);
    expect(tokens.find((t) => t.word === 'pastas')?.lemma).toBe('pasta');
    expect(tokens.filter((t) => t.stop).map((t) => t.word)).toEqual(['what', 'is', 'the', 'for']);
    // "say" is on wink-nlp's stop list but decides what a question is about.
    expect(tokenize('how do you say fly')[3]).toMatchObject({ word: 'say', stop: false });
    expect(tokenize('?!')).toEqual([]);
  });

  it('stems with the Porter stemmer', () => {
    expect(stem('accounts')).toBe('account');
    expect(stem('resetting')).toBe('reset');
  });

  it('makes boundary-marked character n-grams', () => {
    expect(charNgrams('card', 3, 3)).toEqual(['<ca', 'car', 'ard', 'rd>']);
    expect(charNgrams('ab', 3, 4)).toEqual(['<ab', 'ab>', '<ab>']);
  });
});
