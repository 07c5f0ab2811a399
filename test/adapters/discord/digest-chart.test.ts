import { describe, expect, it, onTestFinished } from 'vitest';
import { createDiscordAdapter } from '../../../adapters/discord/index.ts';
import { FeedbackCore } from '../../../src/core/feedback-core.ts';
import { runDigestJob } from '../../../src/scheduler/index.ts';
import { createDigestRepository } from '../../../src/store/digests-repo.ts';
import { startDiscordHarness } from '../../helpers/discord-harness.ts';
import { DISCORD_IDS, type RestCall } from '../../helpers/fake-discord.ts';
import { fixedAnswerer, memoryLogger } from '../../helpers/fakes.ts';
import { pngInfo } from '../../helpers/png.ts';

const h = await startDiscordHarness('discord_digest_chart', { start: false });
const digests = createDigestRepository(h.store.db);
const schedule = { cron: '0 9 * * 1', timezone: 'UTC' };

async function seedWeek(monday: string, up: number, down: number) {
  h.clock.set(new Date(new Date(`${monday}T09:00:00Z`).getTime() - 3 * 86_400_000));
  const i = await h.core.answer('Where is the office?', {
    platform: 'discord',
    userId: 'D-ASK',
    channelId: 'C',
  });
  for (let n = 0; n < up + down; n++)
    await h.core.recordFeedback({
      interactionId: i.id,
      platform: 'discord',
      userId: `D${monday}-${n}`,
      kind: 'vote',
      value: n < up ? 'up' : 'down',
    });
  h.clock.set(new Date(`${monday}T09:00:01Z`));
}
const run = (core = h.core) =>
  runDigestJob({ core, digests, logger: h.logger, clock: h.clock, owner: 'test', schedule });
const isDigestPost = (c: RestCall) =>
  c.method === 'POST' && c.path === `/channels/${DISCORD_IDS.digest}/messages`;
const succeeded = (c: RestCall) => typeof c.response?.id === 'string';

describe('Discord digest: the trend chart is an attachment shown in the overview embed', () => {
  it('posts the digest once with trend.png attached and referenced as the embed image', async () => {
    await seedWeek('2026-11-02', 3, 1);
    const since = h.fake.mark();
    expect((await run()).results.map((r) => r.outcome)).toEqual(['posted']);
    const posts = h.fake.find(isDigestPost, since);
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post!.files).toHaveLength(1);
    const [file] = post!.files!;
    expect(file).toMatchObject({ field: 'files[0]', name: 'trend.png', contentType: 'image/png' });
    const info = pngInfo(file!.bytes);
    expect(info.signature).toBe(true);
    expect(info.width).toBeGreaterThan(1000);
    expect(file!.bytes.length).toBeGreaterThan(15_000);
    expect(post!.body.attachments).toEqual([
      { id: 0, filename: 'trend.png', description: 'Positive rate and feedback per week' },
    ]);
    expect(post!.body.embeds[0].image).toEqual({ url: 'attachment://trend.png' });
    expect(post!.body.allowed_mentions).toEqual({ parse: [] });
    // The text trend is still in the embed.
    expect(post!.body.embeds[0].fields.map((f: { name: string }) => f.name)).toContain('Trend');
    expect(post!.response.attachments[0].filename).toBe('trend.png');
    expect((await run()).results.map((r) => r.outcome)).toEqual(['already_posted']);
    expect(h.fake.find(isDigestPost, since)).toHaveLength(1);
  });

  it('Discord refusing the attachment: the same digest without the chart, posted exactly once', async () => {
    await seedWeek('2026-11-09', 1, 1);
    h.fake.failWhen((c) => isDigestPost(c) && (c.files?.length ?? 0) > 0, 413, {
      message: 'Request entity too large',
      code: 40005,
    });
    const since = h.fake.mark();
    expect((await run()).results.map((r) => r.outcome)).toEqual(['posted']);
    const posts = h.fake.find(isDigestPost, since);
    expect(posts.map((c) => [Boolean(c.files), succeeded(c)])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(posts[1]!.body.embeds[0].image).toBeUndefined();
    expect(posts[1]!.body.embeds[0].title).toBe(posts[0]!.body.embeds[0].title);
    expect(h.logger.lines.find((l) => l.msg?.startsWith('digest chart not attached'))?.obj).toMatchObject({
      stage: 'upload',
    });
    expect((await run()).results.map((r) => r.outcome)).toEqual(['already_posted']);
    expect(h.fake.find(isDigestPost, since).filter(succeeded)).toHaveLength(1);
  });

  it('a chart that fails to render: the text digest, once, without an attachment', async () => {
    await seedWeek('2026-11-16', 2, 0);
    const logger = memoryLogger();
    const core = new FeedbackCore({ store: h.store, answerer: fixedAnswerer(), clock: h.clock, logger });
    const broken = createDiscordAdapter({
      config: h.config,
      core,
      logger,
      rest: { retries: 0 },
      chart: async () => {
        throw new Error('no pixels today');
      },
    });
    onTestFinished(() => broken.stop());
    core.attachPlatform(broken);
    const since = h.fake.mark();
    expect((await run(core)).results.map((r) => r.outcome)).toEqual(['posted']);
    const posts = h.fake.find(isDigestPost, since);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.files).toBeUndefined();
    expect(logger.lines.find((l) => l.msg?.startsWith('digest chart not attached'))?.obj).toMatchObject({
      stage: 'render',
      err: 'no pixels today',
    });
  });
});
