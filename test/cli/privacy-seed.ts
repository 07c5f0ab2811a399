import type { Answerer, FeedbackStore } from '../../src/core/ports.ts';
import type { Platform } from '../../src/core/types.ts';
import { makeCore } from '../helpers/core.ts';

/** Each question gets its own answer, so a pair's rejected text can be told apart. */
export const ANSWERS: Record<string, string> = {
  'How do I rotate the signing key?': 'Delete the key file and hope for the best.',
  'Where are the audit logs stored?': 'Audit logs are kept in the audit_logs table for 90 days.',
  'Can I export my billing invoices?': 'Invoices can be downloaded from Billing > History.',
  'How do I enable single sign-on?': 'Single sign-on is not supported.',
};
const answerer: Answerer = {
  answer: async ({ question }) => ({
    text: ANSWERS[question] ?? 'I do not know.',
    sources: [],
    answerer: 'fixed',
  }),
};

export const ALICE = { id: 'U0ALICE42', name: 'Alice Example' };
export const MOD = {
  platform: 'slack' as const,
  userId: 'U0MODERATOR',
  name: 'Moe Derator',
  isModerator: true,
};
export const TEXT = {
  instructionsV1: 'You are the heed helper. Be concise.',
  instructionsV2: 'You are the heed helper. Be concise and cite the docs.',
  aliceCorrection: 'Rotate it with the rotate-key command before it expires.',
  approved: 'Run `heed keys rotate`, then restart every instance within an hour.',
  bobComment: 'these "rotation" steps, if followed,\nwould break production',
  daveCorrection: 'Turn on SSO under Settings > Security.',
};
const H = 3_600_000;

/**
 * Through the real core: Q1 (Alice, slack) 👎👎 + Alice's suggested correction → review → a moderator
 * applies a different correction; Q2 (discord) 👍👍 + rating 5; Q3 (web) 👍 vs 👎 (a tie); Q4 (Alice)
 * 👎 + a correction nobody approved (its review stays open). Instructions v1 before Q1, v2 before Q2.
 */
export async function seedPrivacyData(store: FeedbackStore, start = new Date('2026-11-02T09:00:00Z')) {
  const { core, clock } = makeCore(store, {
    answerer,
    policy: { window: 10, negativeRate: 0.3, minSamples: 1 },
  });
  clock.set(start);
  await store.instructions.add(TEXT.instructionsV1, MOD, undefined, clock.now());
  const ask = async (question: string, platform: Platform, userId: string, userName?: string) => {
    clock.advance(H);
    return core.answer(question, { platform, userId, ...(userName ? { userName } : {}), channelId: 'C1' });
  };
  const vote = async (
    interactionId: string,
    platform: Platform,
    userId: string,
    value: 'up' | 'down',
    comment?: string,
  ) => {
    clock.advance(60_000);
    return core.recordFeedback({
      interactionId,
      platform,
      userId,
      kind: 'vote',
      value,
      ...(comment ? { comment } : {}),
    });
  };
  const q1 = await ask('How do I rotate the signing key?', 'slack', ALICE.id, ALICE.name);
  const first = await vote(q1.id, 'slack', 'U0BOB', 'down', TEXT.bobComment);
  await vote(q1.id, 'slack', 'U0CAROL', 'down');
  clock.advance(60_000);
  await core.recordFeedback({
    interactionId: q1.id,
    platform: 'slack',
    userId: ALICE.id,
    userName: ALICE.name,
    kind: 'correction',
    value: TEXT.aliceCorrection,
  });
  clock.advance(H);
  const reviewId = first.review!.id;
  await core.resolveReview({ reviewId, actor: MOD, action: 'apply_correction', text: TEXT.approved });
  clock.advance(H);
  await store.instructions.add(TEXT.instructionsV2, MOD, undefined, clock.now());

  const q2 = await ask('Where are the audit logs stored?', 'discord', '81234567890');
  await vote(q2.id, 'discord', '81111111111', 'up');
  await vote(q2.id, 'discord', '82222222222', 'up');
  clock.advance(60_000);
  await core.recordFeedback({
    interactionId: q2.id,
    platform: 'discord',
    userId: '83333333333',
    kind: 'rating',
    value: 5,
  });

  const q3 = await ask('Can I export my billing invoices?', 'web', 'web-erin');
  await vote(q3.id, 'web', 'web-bob', 'up');
  await vote(q3.id, 'web', 'web-carol', 'down');

  const q4 = await ask('How do I enable single sign-on?', 'slack', ALICE.id, ALICE.name);
  await vote(q4.id, 'slack', 'U0DAVE', 'down');
  clock.advance(60_000);
  await core.recordFeedback({
    interactionId: q4.id,
    platform: 'slack',
    userId: 'U0DAVE',
    kind: 'correction',
    value: TEXT.daveCorrection,
  });
  // The review roots' throttled refreshes go out now, so nothing writes behind the caller's back.
  await core.close();
  return { core, clock, q1, q2, q3, q4, reviewId, end: clock.now() };
}
