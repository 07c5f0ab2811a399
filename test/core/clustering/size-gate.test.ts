import { describe, expect, it } from 'vitest';
import { bcubed } from '../../../src/core/clustering/bcubed.ts';
import { clusterTexts, PREVIOUS_CLUSTER_OPTIONS } from '../../../src/core/clustering/cluster-texts.ts';
import { similarityMatrix } from '../../../src/core/clustering/similarity-matrix.ts';
import { DEFAULT_TFIDF, TfIdfModel } from '../../../src/core/clustering/tfidf.ts';
import { loadClinc, sampleIntents, splitIntents } from '../../bench/clinc-data.ts';

const HOW_DO_I = [
  'how do I reset my password',
  'how do I get a refund',
  'how do I install the app',
  'how can I reset my password',
  'how do I get my refund',
];

describe('function-word gate', () => {
  const vectors = new TfIdfModel(DEFAULT_TFIDF).fitTransform(['how do I reset it', 'how do I pay']);
  const at = (gate: boolean | number) => similarityMatrix(vectors, gate)[1]!;

  it('weighs function words between texts sharing no content word from 0 (gated) to 1 (ungated)', () => {
    expect(at(true)).toBe(0);
    expect(at(false)).toBeGreaterThan(0.1);
    expect(at(0.5)).toBeCloseTo(at(false) / 2, 5);
    expect(at(0)).toBe(at(true));
  });

  it('keeps a few "how do I …" questions apart that share only function words', () => {
    expect(clusterTexts(HOW_DO_I)).toEqual([0, 1, 2, 0, 1]);
    // Ungated, the shared "how do I" lumps them all together on an input this small.
    expect(new Set(clusterTexts(HOW_DO_I, { gated: false })).size).toBe(1);
    expect(clusterTexts(['what is my balance', 'what is the weather', 'what is my account balance'])).toEqual(
      [0, 1, 0],
    );
  });
});

describe('held-out split of CLINC150', () => {
  it('splits the 150 intents into two fixed, disjoint halves of 75', async () => {
    const all = await loadClinc();
    const a = splitIntents(all);
    expect(splitIntents(all).tuningIntents).toEqual(a.tuningIntents);
    expect(a.tuningIntents).toHaveLength(75);
    expect(a.heldOutIntents).toHaveLength(75);
    expect(a.tuningIntents.filter((i) => a.heldOutIntents.includes(i))).toEqual([]);
    expect(a.tuning.length + a.heldOut.length).toBe(all.length);
    expect(splitIntents(all, 7).tuningIntents).not.toEqual(a.tuningIntents);
    const sample = sampleIntents(a.heldOut, 101, 20);
    expect(new Set(sample.map((x) => x.intent)).size).toBe(20);
    expect(sample.every((x) => a.heldOutIntents.includes(x.intent))).toBe(true);
  });

  it('the defaults beat the previous settings on a tuning-half sample', async () => {
    const { tuning } = splitIntents(await loadClinc());
    const items = sampleIntents(tuning, 1, 20);
    const texts = items.map((x) => x.text);
    const gold = items.map((x) => x.intent);
    const now = bcubed(clusterTexts(texts), gold).f1;
    const before = bcubed(clusterTexts(texts, PREVIOUS_CLUSTER_OPTIONS), gold).f1;
    expect(now).toBeGreaterThan(before);
  });
});
