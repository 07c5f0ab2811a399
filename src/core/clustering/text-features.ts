import { charNgrams } from '../text/char-ngrams.ts';
import { stem } from '../text/stem.ts';
import { tokenize } from '../text/tokenize.ts';

export interface FeatureOptions {
  /**
   * Weight of a function word relative to a content word; 0 drops function words. On CLINC150 full
   * weight works best ("how much", "what is my" carry intent) once similarity is gated (similarity-matrix.ts).
   */
  stopWordWeight: number;
  /** Add stemmed content-word bigrams ("reset password"). */
  bigrams: boolean;
  /** Character n-gram lengths taken from each content word; charMax 0 turns them off. */
  charMin: number;
  charMax: number;
  /** Reduce words to Porter stems of their lemmas; false keeps the lower-case surface form. */
  stemming: boolean;
}

export const DEFAULT_FEATURES: FeatureOptions = {
  stopWordWeight: 1,
  bigrams: true,
  charMin: 3,
  charMax: 5,
  stemming: true,
};

/** Raw term counts of one text in three blocks: content words, function words, character n-grams. */
export interface TextFeatures {
  words: Map<string, number>;
  stops: Map<string, number>;
  chars: Map<string, number>;
}

function add(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

export function textFeatures(text: string, opts: FeatureOptions = DEFAULT_FEATURES): TextFeatures {
  const f: TextFeatures = { words: new Map(), stops: new Map(), chars: new Map() };
  const content: string[] = [];
  for (const t of tokenize(text)) {
    const s = opts.stemming ? stem(t.lemma) : t.word;
    if (t.stop) {
      if (opts.stopWordWeight > 0) add(f.stops, s);
      continue;
    }
    add(f.words, s);
    content.push(s);
    if (opts.charMax > 0) for (const g of charNgrams(t.word, opts.charMin, opts.charMax)) add(f.chars, g);
  }
  if (opts.bigrams) for (let i = 1; i < content.length; i++) add(f.words, `${content[i - 1]} ${content[i]}`);
  return f;
}
