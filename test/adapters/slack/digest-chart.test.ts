import { describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { FeedbackCore } from '../../../src/core/feedback-core.ts';
import { runDigestJob } from '../../../src/scheduler/index.ts';
import { createDigestRepository } from '../../../src/store/digests-repo.ts';
import { fixedAnswerer, memoryLogger } from '../../helpers/fakes.ts';
import { pngInfo } from '../../helpers/png.ts';
import { BOT_TOKEN, startSlackHarness } from '../../helpers/slack-harness.ts';
import { TEST_SIGNING_SECRET } from '../../helpers/slack-signer.ts';

const h = await startSlackHarness({ prefix: 'slack_digest_chart' });
const digests = createDigestRepository(h.store.db);
const schedule = { cron: '0 9 * * 1', timezone: 'UTC' };

/** A week of votes ending on the Monday `monday` 09:00 UTC: `up` 👍 and `down` 👎 on one answer. */
async function seedWeek(monday: string, up: number, down: number) {
  h.clock.set(new Date(new Date(`${monday}T09:00:00Z`).getTime() - 3 * 86_400_000));
  const i = await h.core.answer('How do I reset my password?', {
    platform: 'slack',
    userId: 'U-ASK',
    channelId: 'C1',
  });
  for (let n = 0; n < up + down; n++)
    await h.core.recordFeedback({
      interactionId: i.id,
      platform: 'slack',
      userId: `U${monday}-${n}`,
      kind: 'vote',
      value: n < up ? 'up' : 'down',
    });
  h.clock.set(new Date(`${monday}T09:00:01Z`));
}

const run = (core = h.core) =>
  runDigestJob({ core, digests, logger: h.logger, clock: h.clock, owner: 'test', schedule });
const digestPosts = (since = 0) =>
  h.fake.calls.slice(since).filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'CDIGEST');

describe('Slack digest: the trend chart goes up with files.uploadV2', () => {
  it('posts the digest once, then uploads the chart PNG into the digest channel', async () => {
    await seedWeek('2026-11-02', 3, 1);
    const since = h.fake.calls.length;
    const result = await run();
    expect(result.results.map((r) => r.outcome)).toEqual(['posted']);
    const calls = h.fake.calls.slice(since).map((c) => c.method);
    expect(calls).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(digestPosts(since)).toHaveLength(1);
    // The text trend is in the message either way.
    expect(JSON.stringify(digestPosts(since)[0]!.args.blocks)).toContain('*Trend:*');
    const [upload] = h.fake.uploadsTo('CDIGEST');
    expect(upload).toBeDefined();
    expect(upload!.filename).toBe('heed-trend.png');
    expect(upload!.completed?.title).toMatch(/^Trend: positive rate and feedback/);
    const info = pngInfo(upload!.bytes);
    expect(info).toMatchObject({ signature: true });
    expect(info.width).toBeGreaterThan(1000);
    expect(info.height).toBeGreaterThan(400);
    expect(upload!.bytes.length).toBeGreaterThan(15_000);
    const getUrl = h.fake.callsTo('files.getUploadURLExternal').at(-1)!;
    expect(Number(getUrl.args.length)).toBe(upload!.bytes.length);
    expect(String(getUrl.args.alt_text)).toContain('75%');
    // A second run finds the period posted: no message, no second chart.
    const again = h.fake.calls.length;
    expect((await run()).results.map((r) => r.outcome)).toEqual(['already_posted']);
    expect(h.fake.calls.length).toBe(again);
  });

  it('a failed upload leaves the text digest, posted exactly once, and is logged', async () => {
    await seedWeek('2026-11-09', 1, 1);
    h.fake.uploadStatus = 500;
    const since = h.fake.calls.length;
    const uploadsBefore = h.fake.uploadsTo('CDIGEST').length;
    try {
      const result = await run();
      expect(result.results.map((r) => r.outcome)).toEqual(['posted']);
    } finally {
      h.fake.uploadStatus = 200;
    }
    expect(digestPosts(since)).toHaveLength(1);
    expect(h.fake.callsTo('upload').length).toBeGreaterThan(0);
    expect(h.fake.calls.slice(since).some((c) => c.method === 'files.completeUploadExternal')).toBe(false);
    expect(h.fake.uploadsTo('CDIGEST')).toHaveLength(uploadsBefore);
    expect(h.logger.lines.some((l) => l.msg?.startsWith('digest chart not posted'))).toBe(true);
    expect((await run()).results.map((r) => r.outcome)).toEqual(['already_posted']);
    expect(digestPosts(since)).toHaveLength(1);
  });

  it('files.getUploadURLExternal refused (missing files:write) or the render failing: text digest once', async () => {
    await seedWeek('2026-11-16', 2, 0);
    h.fake.fail('files.getUploadURLExternal', { error: 'missing_scope' });
    const since = h.fake.calls.length;
    try {
      expect((await run()).results.map((r) => r.outcome)).toEqual(['posted']);
    } finally {
      h.fake.clearFailures();
    }
    expect(digestPosts(since)).toHaveLength(1);
    expect(h.fake.calls.slice(since).map((c) => c.method)).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
    ]);

    // Another instance whose chart renderer throws.
    await seedWeek('2026-11-23', 1, 0);
    const logger = memoryLogger();
    const core = new FeedbackCore({ store: h.store, answerer: fixedAnswerer(), clock: h.clock, logger });
    const broken = createSlackAdapter({
      config: {
        botToken: BOT_TOKEN,
        signingSecret: TEST_SIGNING_SECRET,
        apiUrl: h.fake.apiUrl,
        digestChannel: 'CDIGEST',
        moderatorIds: [],
      },
      core,
      logger,
      bolt: { retryConfig: { retries: 0 } },
      chart: async () => {
        throw new Error('no pixels today');
      },
    });
    core.attachPlatform(broken);
    const mark = h.fake.calls.length;
    expect((await run(core)).results.map((r) => r.outcome)).toEqual(['posted']);
    expect(h.fake.calls.slice(mark).map((c) => c.method)).toEqual(['chat.postMessage']);
    expect(logger.lines.find((l) => l.msg?.startsWith('digest chart not posted'))?.obj).toMatchObject({
      stage: 'render',
      err: 'no pixels today',
    });
  });
});
