import { describe, expect, it } from 'vitest';
import { summarizeClusters } from '../../../src/core/clustering/cluster-summary.ts';
import { clusterTexts } from '../../../src/core/clustering/cluster-texts.ts';

const GROUPS = {
  password: [
    'How do I reset my password?',
    'how can i reset my password',
    'I forgot my password, how do I reset it?',
    'password reset please',
  ],
  weather: ['what is the weather like today', "what's the weather today?", 'weather forecast for today'],
  refund: ['how do I get a refund', 'what is the refund policy', 'can I get a refund for my order'],
  email: [
    'How do I change my email address?',
    'how do i change my e-mail address',
    'change the email address on my account',
  ],
};
const SINGLES = ['what is the capital of france', 'How do I install the app?'];

function idsOf(labels: number[], texts: string[], group: string[]): Set<number> {
  return new Set(group.map((t) => labels[texts.indexOf(t)]!));
}

describe('clusterTexts', () => {
  // Interleave the groups so order cannot do the work.
  const texts = [0, 1, 2, 3].flatMap((i) => Object.values(GROUPS).flatMap((g) => (g[i] ? [g[i]] : [])));
  texts.push(...SINGLES);
  const labels = clusterTexts(texts);

  it('puts paraphrases of one question in one cluster', () => {
    for (const group of Object.values(GROUPS)) expect(idsOf(labels, texts, group).size).toBe(1);
  });

  it('keeps different questions apart, also when they are phrased alike', () => {
    const groupIds = Object.values(GROUPS).map((g) => [...idsOf(labels, texts, g)][0]);
    const singleIds = SINGLES.map((t) => labels[texts.indexOf(t)]);
    const all = [...groupIds, ...singleIds];
    expect(new Set(all).size).toBe(all.length);
  });

  it('numbers clusters 0, 1, 2… in order of first appearance', () => {
    expect(labels[0]).toBe(0);
    const seen: number[] = [];
    for (const l of labels) if (!seen.includes(l)) seen.push(l);
    expect(seen).toEqual(seen.map((_, i) => i));
  });

  it('handles empty input, one text and identical texts', () => {
    expect(clusterTexts([])).toEqual([]);
    expect(clusterTexts(['hello'])).toEqual([0]);
    expect(clusterTexts(['what is it?', 'what is it?', 'refund policy'])).toEqual([0, 0, 1]);
  });

  it('makes more, tighter clusters with a higher threshold', () => {
    const strict = clusterTexts(texts, { threshold: 0.9 });
    expect(new Set(strict).size).toBeGreaterThan(new Set(labels).size);
  });
});

describe('summarizeClusters', () => {
  it('orders clusters by size, renumbers them and picks a member as representative', () => {
    const texts = ['refund policy', 'reset password', 'how to reset my password', 'password reset help'];
    const { clusters, labels } = summarizeClusters(texts, [7, 3, 3, 3]);
    expect(clusters.map((c) => c.size)).toEqual([3, 1]);
    expect(labels).toEqual([1, 0, 0, 0]);
    expect(clusters[0]!.members).toEqual([1, 2, 3]);
    expect(clusters[0]!.members).toContain(clusters[0]!.representative);
    expect(clusters[1]).toEqual({ id: 1, size: 1, representative: 0, members: [0] });
  });
});
