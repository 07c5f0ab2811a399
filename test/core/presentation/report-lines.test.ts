import { describe, expect, it } from 'vitest';
import {
  byPlatformLine,
  commonIssueLine,
  medianToResolve,
  numberedLines,
} from '../../../src/core/presentation/index.ts';

describe('the plain-text reports’ shared lines', () => {
  it('platforms with their feedback and positive rate; a dash where there were no votes', () => {
    expect(
      byPlatformLine([
        { platform: 'slack', feedback: 3, positiveRate: 0.666 },
        { platform: 'discord', feedback: 1, positiveRate: null },
      ]),
    ).toBe('By platform: slack 3 (67% 👍) · discord 1 (— 👍)');
  });

  it('a common issue with its comments, quoted as given; none, no dash', () => {
    expect(commonIssueLine({ representative: 'Reset?', frequency: 3, samples: ['too long', 'wrong'] })).toBe(
      '“Reset?” ×3 — “too long”, “wrong”',
    );
    expect(commonIssueLine({ representative: 'Office?', frequency: 1, samples: [] })).toBe('“Office?” ×1');
  });

  it('the median time to resolve, nothing when no review was resolved', () => {
    expect(medianToResolve(5.5)).toBe(', median 5.5 h to resolve');
    expect(medianToResolve(0.25)).toBe(', median 15 min to resolve');
    expect(medianToResolve(null)).toBe('');
  });

  it('numbers a list’s items from 1, indented', () => {
    expect(numberedLines(['a', 'b'])).toEqual(['  1. a', '  2. b']);
    expect(numberedLines([])).toEqual([]);
  });
});
