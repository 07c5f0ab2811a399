import { describe, expect, it } from 'vitest';
import {
  digestRateTrend,
  hoursText,
  NO_PREVIOUS,
  percent,
  percentPoints,
  plural,
  signedPoints,
  trendArrow,
  trendVs,
} from '../../../src/core/presentation/index.ts';

const digest = (positiveRate: number, previousPositiveRate: number | null, votes = 10) => ({
  positiveRate,
  previousPositiveRate,
  totals: { feedback: votes, up: votes, down: 0, corrections: 0, ratings: 0, interactions: votes },
});

describe('percent', () => {
  it('rounds to whole percents and shows a dash where there is no rate', () => {
    expect(percent(0.554)).toBe('55%');
    expect(percent(0.555)).toBe('56%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
    expect(percent(null, 'no votes')).toBe('no votes');
    expect(percent(Number.NaN)).toBe('—');
  });

  it('measures a change as the difference of the percents shown', () => {
    // 0.555 → 56 %, 0.444 → 44 %: the raw difference rounds to 11, the shown numbers differ by 12.
    expect(percentPoints(0.555, 0.444)).toBe(12);
    expect(percentPoints(0.5, null)).toBeNull();
  });
});

describe('trend', () => {
  it('draws an arrow with the points, = for no change, nothing without a comparison', () => {
    expect(trendArrow(0.77, 0.7)).toBe('▲ 7 pts');
    expect(trendArrow(0.6, 0.7)).toBe('▼ 10 pts');
    expect(trendArrow(0.701, 0.7)).toBe('= 0 pts');
    expect(trendArrow(0.7, null)).toBe('');
    expect(trendArrow(null, 0.7)).toBe('');
  });

  it('compares against the previous rate or a named period', () => {
    expect(trendVs(0.77, 0.7)).toBe('▲ 7 pts vs 70%');
    expect(trendVs(0.6, 0.7, 'the 7 days before')).toBe('▼ 10 pts vs the 7 days before');
    expect(trendVs(0.6, null)).toBe(NO_PREVIOUS);
    expect(trendVs(null, 0.5)).toBe('no votes this period');
  });

  it('signs the points for the insights text', () => {
    expect(signedPoints(0.5454, 0.25)).toBe('+30 pts');
    expect(signedPoints(0.2, 0.25)).toBe('-5 pts');
    expect(signedPoints(0.25, 0.25)).toBe('+0 pts');
    expect(signedPoints(0.25, null)).toBe('');
  });

  it("states a digest's rate with its change, and says so when the period had no votes", () => {
    expect(digestRateTrend(digest(0.77, 0.7))).toBe('77% (▲ 7 pts vs 70%)');
    expect(digestRateTrend(digest(0.73, 0.65))).toBe('73% (▲ 8 pts vs 65%)');
    expect(digestRateTrend(digest(0.5, null))).toBe('50% (no previous period)');
    expect(digestRateTrend(digest(0, 0.65, 0))).toBe('no votes this period');
  });
});

describe('counts and durations', () => {
  it('pluralises and groups thousands', () => {
    expect(plural(1, 'correction')).toBe('1 correction');
    expect(plural(3, 'correction')).toBe('3 corrections');
    expect(plural(1204, 'reply', 'replies')).toBe('1,204 replies');
  });

  it('sizes hours for people', () => {
    expect(hoursText(null)).toBe('—');
    expect(hoursText(0.01)).toBe('1 min');
    expect(hoursText(0.5)).toBe('30 min');
    expect(hoursText(5)).toBe('5 h');
    expect(hoursText(4.25)).toBe('4.3 h');
    expect(hoursText(5.5)).toBe('5.5 h');
    expect(hoursText(72)).toBe('3 days');
  });
});
