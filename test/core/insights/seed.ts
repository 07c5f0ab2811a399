import type { FeedbackCore } from '../../../src/core/feedback-core.ts';
import type { Platform } from '../../../src/core/types.ts';
import type { ManualClock } from '../../helpers/fakes.ts';

export const RANGE = { from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-09T00:00:00Z') };
export const PREVIOUS = { from: new Date('2026-10-26T00:00:00Z'), to: RANGE.from };

type Reaction =
  | { user: string; vote: 'up' | 'down'; comment?: string; reasons?: string[] }
  | { user: string; correction: string; name?: string }
  | { user: string; rating: number };

/** Asks `question` at `at` and records the reactions an hour apart; returns the interaction id. */
export async function ask(
  core: FeedbackCore,
  clock: ManualClock,
  at: string,
  question: string,
  reactions: Reaction[],
  platform: Platform = 'slack',
): Promise<string> {
  clock.set(new Date(at));
  const interaction = await core.answer(question, { platform, userId: 'U-ASK', channelId: 'C1' });
  for (const r of reactions) {
    clock.advance(3_600_000);
    const base = { interactionId: interaction.id, platform, userId: r.user };
    if ('vote' in r)
      await core.recordFeedback({
        ...base,
        kind: 'vote',
        value: r.vote,
        ...(r.comment ? { comment: r.comment } : {}),
        ...(r.reasons ? { reasons: r.reasons } : {}),
      });
    else if ('correction' in r)
      await core.recordFeedback({ ...base, kind: 'correction', value: r.correction, userName: r.name });
    else await core.recordFeedback({ ...base, kind: 'rating', value: r.rating });
  }
  return interaction.id;
}

/**
 * Previous week: 1 👍 / 3 👎 on office hours (opens a review that stays open: stale by the range end).
 * This week (RANGE): 15 feedback — 11 votes (6 👍 / 5 👎), 2 corrections, 2 ratings (2 and 5); slack 10, discord 5;
 * 5 answers; reviews opened on password reset, refunds and SSO; the SSO one resolved 5 h later.
 */
export async function seedWeek(core: FeedbackCore, clock: ManualClock): Promise<{ ssoReviewId: string }> {
  await ask(core, clock, '2026-10-28T10:00:00Z', 'What are the office hours?', [
    { user: 'P1', vote: 'up' },
    { user: 'P2', vote: 'down' },
    { user: 'P3', vote: 'down' },
    { user: 'P4', vote: 'down' },
  ]);
  await ask(core, clock, '2026-11-03T09:00:00Z', 'How do I reset my password?', [
    { user: 'U1', vote: 'down', comment: 'the reset link expired' },
    { user: 'U2', vote: 'down', comment: 'link never arrives' },
    { user: 'U3', vote: 'down', reasons: ['outdated'] },
    { user: 'U4', vote: 'up' },
  ]);
  await ask(core, clock, '2026-11-03T15:00:00Z', 'password reset is not working', [
    { user: 'U15', vote: 'down', comment: 'reset email never came' },
  ]);
  await ask(
    core,
    clock,
    '2026-11-04T09:00:00Z',
    'What is the refund policy?',
    [
      { user: 'U5', vote: 'down', comment: 'refund window is 30 days not 14' },
      { user: 'U6', correction: 'Refunds are possible within 30 days.', name: 'Ada' },
      { user: 'U7', rating: 2 },
      { user: 'U8', rating: 5 },
      { user: 'U9', vote: 'up' },
    ],
    'discord',
  );
  await ask(core, clock, '2026-11-05T09:00:00Z', 'Where is the office?', [
    { user: 'U10', vote: 'up' },
    { user: 'U11', vote: 'up' },
    { user: 'U12', vote: 'up' },
    { user: 'U14', vote: 'up' },
  ]);
  await ask(core, clock, '2026-11-04T10:30:00Z', 'Which plan includes SSO?', [
    { user: 'U13', correction: 'The Enterprise plan includes SSO.', name: 'Grace' },
  ]);
  const [sso] = await core.listReviews('open', 10).then((rs) => rs.filter((r) => r.question.includes('SSO')));
  clock.set(new Date('2026-11-04T16:30:00Z')); // opened 11:30 (the correction), resolved 5 h later
  await core.resolveReview({
    reviewId: sso!.id,
    actor: { platform: 'slack', userId: 'UMOD', name: 'Mo', isModerator: true },
    action: 'apply_correction',
    text: 'The Enterprise plan includes SSO.',
  });
  return { ssoReviewId: sso!.id };
}
