import { describe, expect, it } from 'vitest';
import { signal, verdict } from '../../../src/core/datasets/verdict.ts';

const up = (userId: string) => ({ kind: 'vote' as const, value: 'up' as const, userId });
const down = (userId: string) => ({ kind: 'vote' as const, value: 'down' as const, userId });
const rating = (userId: string, value: number) => ({ kind: 'rating' as const, value, userId });
const correction = (userId: string) => ({ kind: 'correction' as const, value: 'use X', userId });

describe('the conflicting-votes rule', () => {
  it('signals: 👍 / 4–5 up, 👎 / 1–2 / a correction down, 3 neutral', () => {
    expect([up('a'), rating('a', 5), rating('a', 4)].map(signal)).toEqual([1, 1, 1]);
    expect([down('a'), rating('a', 2), rating('a', 1), correction('a')].map(signal)).toEqual([
      -1, -1, -1, -1,
    ]);
    expect(signal(rating('a', 3))).toBe(0);
  });

  it('majority of people; a tie or no opinion is null', () => {
    expect(verdict([up('a'), up('b'), down('c')])).toBe('up');
    expect(verdict([down('a'), correction('b'), up('c')])).toBe('down');
    expect(verdict([up('a'), down('b')])).toBeNull();
    expect(verdict([rating('a', 3)])).toBeNull();
    expect(verdict([])).toBeNull();
  });

  it('each person counts once, by the sign of their own signals', () => {
    // One person's 👍 and 5 do not outvote two people's 👎.
    expect(verdict([up('a'), rating('a', 5), down('b'), down('c')])).toBe('down');
    // A 👎 with a suggested correction from one person is one "down" against two "up".
    expect(verdict([down('a'), correction('a'), up('b'), up('c')])).toBe('up');
    // Mixed signals from one person cancel out.
    expect(verdict([up('a'), rating('a', 1), down('b')])).toBe('down');
  });
});
