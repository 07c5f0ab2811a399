import { describe, expect, it } from 'vitest';
import { waitingByReview } from '../../../src/core/insights/opportunities.ts';
import type { PendingCorrection } from '../../../src/core/insights/types.ts';

const pending = (reviewId: string, question: string, minute: number): PendingCorrection => ({
  reviewId,
  feedbackId: `f-${reviewId}-${minute}`,
  question,
  text: 'a fix',
  at: new Date(Date.UTC(2025, 0, 1, 0, minute)),
});

describe('corrections waiting for approval, per review', () => {
  it('counts each review once, in the order its first correction waits', () => {
    expect(
      waitingByReview([
        pending('r2', 'Refunds?', 1),
        pending('r1', 'Office?', 2),
        pending('r2', 'Refunds?', 3),
        pending('r2', 'Refunds?', 4),
      ]),
    ).toEqual([
      { reviewId: 'r2', question: 'Refunds?', count: 3 },
      { reviewId: 'r1', question: 'Office?', count: 1 },
    ]);
    expect(waitingByReview([])).toEqual([]);
  });
});
