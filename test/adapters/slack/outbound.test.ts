import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { BOT_TOKEN, MODS, startSlackHarness } from '../../helpers/slack-harness.ts';
import { TEST_SIGNING_SECRET } from '../../helpers/slack-signer.ts';

// The ChatPlatform error contract (src/core/ports.ts) on the real adapter against the fake Slack API.
const h = await startSlackHarness({ prefix: 'slack_outbound' });
afterEach(() => h.fake.clearFailures());

async function openReview(question: string) {
  const a = await h.core.answer(question, { platform: 'slack', userId: 'UASK', channelId: 'CGENERAL' });
  let last: Awaited<ReturnType<typeof h.core.recordFeedback>> | undefined;
  for (const userId of ['UO1', 'UO2', 'UO3'])
    last = await h.core.recordFeedback({
      interactionId: a.id,
      platform: 'slack',
      userId,
      kind: 'vote',
      value: 'down',
    });
  const view = await h.core.getReviewView(last!.review!.id);
  const thread = view.review.threads[0]!;
  const window = { negative: 3, total: 3, size: 10 };
  return {
    view,
    thread,
    item: { reviewId: view.review.id, feedback: last!.feedback, summary: 'one more 👎', window },
  };
}
const adapterLogs = (msg: string) => h.logger.lines.filter((l) => l.msg === msg);

describe('Slack outbound: main calls throw for the core to log, courtesy steps are logged and swallowed', () => {
  it('a refused thread reply throws HeedError(platform) and the adapter logs nothing itself', async () => {
    const { thread, item } = await openReview('why does export time out?');
    const before = h.logger.lines.length;
    h.fake.fail('chat.postMessage', { error: 'not_in_channel', channel: MODS });
    await expect(h.adapter.appendToReview(thread, item)).rejects.toMatchObject({
      code: 'platform',
      message: `Slack appendToReview failed in ${MODS}: not_in_channel`,
    });
    expect(h.logger.lines.slice(before).filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a refused root refresh throws HeedError(platform); through the core it is logged once and the reply stands', async () => {
    const { view, thread } = await openReview('why is the invoice total wrong?');
    h.fake.fail('chat.update', { error: 'message_not_found' });
    await expect(h.adapter.refreshReview(thread, view)).rejects.toMatchObject({
      code: 'platform',
      message: `Slack refreshReview failed in ${MODS}: message_not_found`,
    });
    const replies = () => h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts);
    const before = { replies: replies().length, lines: h.logger.lines.length };
    h.fake.fail('chat.update', { error: 'message_not_found' });
    const joined = await h.core.recordFeedback({
      interactionId: view.review.interactionId,
      platform: 'slack',
      userId: 'UO4',
      kind: 'vote',
      value: 'down',
    });
    expect(joined.review).toEqual({ id: view.review.id, created: false });
    expect(replies()).toHaveLength(before.replies + 1);
    const failed = h.logger.lines.slice(before.lines).filter((l) => l.msg === 'platform call failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', obj: { what: 'refreshReview' } });
    expect(JSON.stringify(failed[0]!.obj)).toContain('message_not_found');
  });

  it('markResolved throws when the root cannot be updated, but not when only the outcome reply fails', async () => {
    const { view, thread } = await openReview('why are reports in the wrong time zone?');
    h.fake.fail('chat.update', { error: 'channel_not_found' });
    await expect(h.adapter.markResolved(thread, view)).rejects.toMatchObject({ code: 'platform' });
    h.fake.clearFailures();
    h.fake.fail('chat.postMessage', { error: 'not_in_channel', channel: MODS });
    await expect(h.adapter.markResolved(thread, view)).resolves.toBeUndefined();
    expect(h.fake.callsTo('chat.update').at(-1)!.args).toMatchObject({ channel: MODS, ts: thread.messageId });
    expect(adapterLogs('Slack follow-up failed; the main post stands').at(-1)).toMatchObject({
      level: 'warn',
      obj: { what: 'markResolved' },
    });
  });

  it('postReview is null only without a moderators channel', async () => {
    const { view } = await openReview('why is sso failing?');
    const noMods = createSlackAdapter({
      config: {
        botToken: BOT_TOKEN,
        signingSecret: TEST_SIGNING_SECRET,
        apiUrl: h.fake.apiUrl,
        moderatorIds: [],
      },
      core: h.core,
      logger: h.logger,
    });
    await expect(noMods.postReview(view)).resolves.toBeNull();
    h.fake.fail('chat.postMessage', { error: 'channel_not_found', channel: MODS });
    await expect(h.adapter.postReview(view)).rejects.toMatchObject({ code: 'platform' });
  });
});
