import type { FeedbackValue } from '../types.ts';

/** +1 for 👍 or a rating of 4–5, −1 for 👎, a rating of 1–2 or a suggested correction, 0 otherwise. */
export function signal(f: FeedbackValue): -1 | 0 | 1 {
  if (f.kind === 'vote') return f.value === 'up' ? 1 : -1;
  if (f.kind === 'rating') return f.value >= 4 ? 1 : f.value <= 2 ? -1 : 0;
  return -1;
}

/**
 * What the people who reacted to one answer said, by majority of people. Each person counts once: the
 * sign of the sum of their own signals (a 👍 and a rating of 5 from one person is one "up"). More people
 * up than down → 'up', more down than up → 'down'; a tie (👍 and 👎 from different people, or nobody
 * with a clear opinion) → null, and the answer is left out of every training dataset.
 */
export function verdict(feedback: readonly (FeedbackValue & { userId: string })[]): 'up' | 'down' | null {
  const byPerson = new Map<string, number>();
  for (const f of feedback) byPerson.set(f.userId, (byPerson.get(f.userId) ?? 0) + signal(f));
  let up = 0;
  let down = 0;
  for (const sum of byPerson.values()) {
    if (sum > 0) up++;
    else if (sum < 0) down++;
  }
  return up > down ? 'up' : down > up ? 'down' : null;
}
