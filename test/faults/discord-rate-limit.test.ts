import { describe, expect, it } from 'vitest';
import { startDiscordHarness } from '../helpers/discord-harness.ts';
import { DISCORD_IDS } from '../helpers/fake-discord-rest.ts';

// The real discord.js client (REST with its own 429 buckets) against a fake Discord that answers one 429.
const h = await startDiscordHarness('fault_d429');

describe('Discord answers 429 while heed posts a review', () => {
  it('discord.js waits out retry_after and the review is posted once', async () => {
    const ref = { platform: 'discord' as const, userId: 'D-ASK', channelId: DISCORD_IDS.channel };
    const a = await h.core.answer('Why does the export stop at 1000 rows?', ref);
    const isRootPost = (c: { method: string; path: string }) =>
      c.method === 'POST' && c.path === `/channels/${DISCORD_IDS.moderators}/messages`;
    const since = h.fake.mark();
    h.fake.failWhen(isRootPost, 429, {
      message: 'You are being rate limited.',
      retry_after: 0.5,
      global: false,
    });
    let outcome: Awaited<ReturnType<typeof h.core.recordFeedback>> | undefined;
    for (const u of ['D1', 'D2', 'D3'])
      outcome = await h.core.recordFeedback({
        interactionId: a.id,
        platform: 'discord',
        userId: u,
        kind: 'vote',
        value: 'down',
      });
    expect(outcome?.review?.created).toBe(true);
    const posts = h.fake.find(isRootPost, since);
    // The refused attempt and one accepted post: not lost, not duplicated.
    expect(posts.map((p) => (p.response as { id?: string } | undefined)?.id !== undefined)).toEqual([
      false,
      true,
    ]);
    const review = await h.store.reviews.get(outcome!.review!.id);
    expect(review?.threads).toHaveLength(1);
    expect(review?.threads[0]?.platform).toBe('discord');
  }, 30_000);
});
