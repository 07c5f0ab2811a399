import { describe, expect, it } from 'vitest';
import { startDiscordHarness } from '../../helpers/discord-harness.ts';
import { DISCORD_IDS, type RestCall } from '../../helpers/fake-discord.ts';

// The ChatPlatform error contract (src/core/ports.ts) through the real adapter and discord.js REST:
// a failed main call throws and the core logs it once, keeping its data; a failed courtesy step after
// a main call that landed is logged by the adapter and the call counts as done.
const { fake, store, core, adapter, logger } = await startDiscordHarness('discord_outbound', {
  start: false,
});
const MODS = DISCORD_IDS.moderators;
const ERROR_500 = { message: 'Internal Server Error', code: 0 };

let questions = 0;
/** A fresh pattern with an open review (a correction opens one at once), posted by the adapter. */
async function openReview() {
  const q = `Outbound question ${++questions} about subject ${questions}`;
  const i = await core.answer(q, { platform: 'discord', userId: 'D-ASK', channelId: DISCORD_IDS.channel });
  const out = await correct(i.id, 'D-FIRST', 'First correction.');
  return { interactionId: i.id, reviewId: out.review!.id };
}
const correct = (interactionId: string, userId: string, value: string) =>
  core.recordFeedback({ interactionId, platform: 'discord', userId, kind: 'correction', value });
const whatOf = (l: { obj: object }) => (l.obj as { what?: string }).what;
const threadsOf = async (reviewId: string) => (await store.reviews.get(reviewId))!.threads;
const platformFailures = (what: string, since: number) =>
  logger.lines.slice(since).filter((l) => l.msg === 'platform call failed' && whatOf(l) === what);
const courtesyFailures = (what: string, since: number) =>
  logger.lines.slice(since).filter((l) => l.msg === 'Discord review update failed' && whatOf(l) === what);
const isRootEdit = (c: RestCall) => c.method === 'PATCH' && c.path.startsWith(`/channels/${MODS}/messages/`);
const moderator = { platform: 'discord', userId: 'D-MOD', name: 'Mo', isModerator: true } as const;

describe('Discord outbound: the ChatPlatform error contract', () => {
  it('postReview: a thread Discord refuses is a courtesy — the review is posted, replies go under its root', async () => {
    fake.failWhen((c) => c.method === 'POST' && c.path.endsWith('/threads'), 500, ERROR_500);
    const log = logger.lines.length;
    const { interactionId, reviewId } = await openReview();
    const [thread] = await threadsOf(reviewId);
    expect(thread).toMatchObject({ platform: 'discord', channelId: MODS });
    expect(thread!.threadId).toBeUndefined();
    expect(courtesyFailures('create review thread', log)).toHaveLength(1);
    expect(platformFailures('postReview', log)).toEqual([]);

    const since = fake.mark();
    await correct(interactionId, 'D-SECOND', 'Second correction.');
    const replies = fake.find((c) => c.method === 'POST' && c.path === `/channels/${MODS}/messages`, since);
    expect(replies.map((c) => c.body.message_reference?.message_id)).toEqual([thread!.messageId]);
  });

  it('appendToReview: a refused thread post throws; the core logs it once and keeps the feedback', async () => {
    const { interactionId, reviewId } = await openReview();
    const [thread] = await threadsOf(reviewId);
    const inThread = (c: RestCall) =>
      c.method === 'POST' && c.path === `/channels/${thread!.threadId}/messages`;
    fake.failWhen(inThread, 500, ERROR_500);
    const log = logger.lines.length;
    const since = fake.mark();
    const out = await correct(interactionId, 'D-SECOND', 'Second correction.');
    expect(out.review?.id).toBe(reviewId);
    expect(platformFailures('appendToReview', log)).toHaveLength(1);
    expect(platformFailures('appendToReview', log)[0]!.level).toBe('error');
    // The item is stored and linked, so the root still shows the stored numbers.
    expect(fake.find(isRootEdit, since)).toHaveLength(1);
    expect((await core.getReviewView(reviewId)).corrections.map((c) => c.text)).toContain(
      'Second correction.',
    );

    // Called directly, the adapter throws instead of swallowing.
    fake.failWhen(inThread, 500, ERROR_500);
    const view = await core.getReviewView(reviewId);
    const window = view.window;
    const item = { reviewId, feedback: view.related[0]!, summary: 'again', window };
    await expect(adapter.appendToReview(thread!, item)).rejects.toThrow();
  });

  it('refreshReview: a root edit Discord refuses throws; the core logs it once and the thread reply stands', async () => {
    const { interactionId, reviewId } = await openReview();
    const [thread] = await threadsOf(reviewId);
    fake.failWhen(isRootEdit, 500, ERROR_500);
    const log = logger.lines.length;
    const since = fake.mark();
    await correct(interactionId, 'D-SECOND', 'Second correction.');
    expect(platformFailures('refreshReview', log)).toHaveLength(1);
    expect(platformFailures('appendToReview', log)).toEqual([]);
    const inThread = fake.find(
      (c) => c.method === 'POST' && c.path === `/channels/${thread!.threadId}/messages`,
      since,
    );
    expect(inThread).toHaveLength(1);
    fake.failWhen(isRootEdit, 500, ERROR_500);
    await expect(adapter.refreshReview(thread!, await core.getReviewView(reviewId))).rejects.toThrow();
  });

  it('markResolved: a refused root edit throws; the review is resolved anyway and the core logs it once', async () => {
    const { reviewId } = await openReview();
    const [thread] = await threadsOf(reviewId);
    fake.failWhen(isRootEdit, 500, ERROR_500);
    const log = logger.lines.length;
    const since = fake.mark();
    const view = await core.resolveReview({ reviewId, actor: moderator, action: 'dismiss' });
    expect(view.review.status).toBe('dismissed');
    expect((await store.reviews.get(reviewId))?.status).toBe('dismissed');
    expect(platformFailures('markResolved', log)).toHaveLength(1);
    // No outcome post or archive after a main call that did not land.
    expect(fake.find((c) => c.path.startsWith(`/channels/${thread!.threadId}`), since)).toEqual([]);

    fake.failWhen(isRootEdit, 500, ERROR_500);
    await expect(adapter.markResolved(thread!, view)).rejects.toThrow();
  });

  it('markResolved: the outcome post and the archive are courtesies after the root edit', async () => {
    const { reviewId } = await openReview();
    const [thread] = await threadsOf(reviewId);
    fake.failWhen(
      (c) => c.method === 'POST' && c.path === `/channels/${thread!.threadId}/messages`,
      500,
      ERROR_500,
    );
    fake.failWhen((c) => c.method === 'PATCH' && c.path === `/channels/${thread!.threadId}`, 500, ERROR_500);
    const log = logger.lines.length;
    expect((await core.resolveReview({ reviewId, actor: moderator, action: 'dismiss' })).review.status).toBe(
      'dismissed',
    );
    expect(courtesyFailures('post review outcome', log)).toHaveLength(1);
    expect(courtesyFailures('archive review thread', log)).toHaveLength(1);
    expect(platformFailures('markResolved', log)).toEqual([]);
  });
});
