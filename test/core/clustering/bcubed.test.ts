import { describe, expect, it } from 'vitest';
import { bcubed } from '../../../src/core/clustering/bcubed.ts';

describe('bcubed', () => {
  it('matches a hand-computed example', () => {
    // Cluster 0 = {1,2,3}, cluster 1 = {4,5}; class a = {1,2}, class b = {3,4,5}.
    // Precision per item: 2/3, 2/3, 1/3, 1, 1 → 11/15. Recall: 1, 1, 1/3, 2/3, 2/3 → 11/15.
    const r = bcubed([0, 0, 0, 1, 1], ['a', 'a', 'b', 'b', 'b']);
    expect(r.precision).toBeCloseTo(11 / 15, 10);
    expect(r.recall).toBeCloseTo(11 / 15, 10);
    expect(r.f1).toBeCloseTo(11 / 15, 10);
  });

  it('gives all-singletons full precision and partial recall', () => {
    // Recall per item: 1/2, 1/2, 1 → 2/3; F1 = 2 · 1 · 2/3 / (5/3) = 0.8.
    const r = bcubed([0, 1, 2], ['a', 'a', 'b']);
    expect(r.precision).toBe(1);
    expect(r.recall).toBeCloseTo(2 / 3, 10);
    expect(r.f1).toBeCloseTo(0.8, 10);
  });

  it('gives one big cluster full recall and partial precision', () => {
    // Precision per item: 2/3, 2/3, 1/3 → 5/9; F1 = 2 · 5/9 / (14/9) = 5/7.
    const r = bcubed(['x', 'x', 'x'], [1, 1, 2]);
    expect(r.precision).toBeCloseTo(5 / 9, 10);
    expect(r.recall).toBe(1);
    expect(r.f1).toBeCloseTo(5 / 7, 10);
  });

  it('scores a perfect clustering 1 whatever the labels are called', () => {
    expect(bcubed([5, 5, 7, 9], ['x', 'x', 'y', 'z'])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('does not confuse labels that print the same', () => {
    // 1 and '1' are different clusters.
    const r = bcubed<number | string, string>([1, '1'], ['a', 'a']);
    expect(r.precision).toBe(1);
    expect(r.recall).toBe(0.5);
  });

  it('rejects label lists of different lengths', () => {
    expect(() => bcubed([0, 1], ['a'])).toThrow(RangeError);
  });
});
