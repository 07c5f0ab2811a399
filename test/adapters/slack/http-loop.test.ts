import { describe, expect, it } from 'vitest';
import { MODS, startSlackHarness } from '../../helpers/slack-harness.ts';
import {
  appMention,
  blocksOf,
  buttonClick,
  eventCallback,
  feedbackClick,
  interactionIdOf,
  modalState,
  reviewIdOf,
  submitOpenedModal,
  textOf,
  user,
} from '../../helpers/slack-payloads.ts';

const h = await startSlackHarness({ prefix: 'slack_loop' });
h.fake.members = ['UMOD1', 'UMOD2', 'UMOD3']; // served two per page: UMOD3 needs the second page

const mention = async (u: string, text: string) => {
  const event = appMention({ user: u, text });
  const res = await h.slack.event(eventCallback(event));
  expect(res.status).toBe(200);
  const posted = h.fake.callsTo('chat.postMessage').at(-1)!;
  expect(posted.args.thread_ts).toBe(event.ts);
  return { event, posted, interactionId: interactionIdOf(posted) };
};
const rootsInMods = () =>
  h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === MODS && !c.args.thread_ts);
const repliesInMods = () =>
  h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === MODS && c.args.thread_ts);

describe('Slack adapter, HTTP mode: the full loop', () => {
  let rootTs = '';
  let reviewId = '';
  const answers: { interactionId: string; threadTs: string }[] = [];

  it('answers a mention in its thread with the feedback controls and records where', async () => {
    const { event, posted, interactionId } = await mention('U1', '<@UBOT> How do I reset my password?');
    expect(posted.args.channel).toBe('CGENERAL');
    expect(posted.auth).toBe('Bearer xoxb-test-bot-token-1234');
    const blocks = blocksOf(posted);
    expect(blocks[0]).toMatchObject({
      type: 'section',
      text: { text: 'Reset it from Settings → Security.' },
    });
    const feedback = blocks.find((b) => b.type === 'context_actions')!.elements![0]!;
    expect(feedback).toMatchObject({
      type: 'feedback_buttons',
      positive_button: { value: `up:${interactionId}` },
      negative_button: { value: `down:${interactionId}` },
    });
    const more = blocks.find((b) => b.type === 'actions')!.elements!;
    expect(more.map((e) => e.action_id)).toEqual(['heed_correct', 'heed_rate']);
    expect(textOf(posted)).toContain('Suggest a correction');
    const stored = await h.store.interactions.get(interactionId);
    expect(stored?.question).toBe('How do I reset my password?'); // the bot mention is stripped
    expect(stored?.ref.channelId).toBe('CGENERAL');
    expect(stored?.ref.messageId).toMatch(/^1700000000\.\d{6}$/); // the posted answer's ts
    answers.push({ interactionId, threadTs: event.ts });
    expect(stored?.ref.threadId).toBe(event.ts);
  });

  it('three users 👎 answers of one pattern → exactly one review root in the moderators channel', async () => {
    for (const [u, q] of [
      ['U2', '<@UBOT> how do i reset my password'],
      ['U3', '<@UBOT> password reset?'],
    ] as const) {
      const { event, interactionId } = await mention(u, q);
      answers.push({ interactionId, threadTs: event.ts });
    }
    const patterns = await Promise.all(
      answers.map(async (a) => (await h.store.interactions.get(a.interactionId))!.patternKey),
    );
    expect(new Set(patterns).size).toBe(1);

    for (const [i, u] of ['U1', 'U2', 'U3'].entries()) {
      const a = answers[i]!;
      const res = await h.slack.interactive(
        feedbackClick({ user: user(u), threadTs: a.threadTs }, `down:${a.interactionId}`),
      );
      expect(res.status).toBe(200);
    }
    const ephemerals = h.fake.callsTo('chat.postEphemeral');
    expect(ephemerals.map((c) => c.args.user)).toEqual(['U1', 'U2', 'U3']);
    expect(textOf(ephemerals[0]!)).toContain('Tell us why');
    expect(ephemerals[0]!.args.thread_ts).toBe(answers[0]!.threadTs);

    const roots = rootsInMods();
    expect(roots).toHaveLength(1);
    reviewId = reviewIdOf(roots[0]!);
    const text = textOf(roots[0]!);
    for (const part of [
      'Review needed',
      'password reset?',
      'Reset it from Settings',
      '3 of the last 3',
      'Answered by',
      'Apply correction',
      'Update instructions',
      'Dismiss',
    ])
      expect(text).toContain(part);
    const review = await h.core.getReviewView(reviewId);
    expect(review.review.status).toBe('open');
    rootTs = review.review.threads[0]!.messageId;
    expect(review.review.threads[0]).toMatchObject({ platform: 'slack', channelId: MODS });
  });

  it('later feedback (a correction via ✏️ and its modal) is appended in the review thread, no second root', async () => {
    const a = answers[1]!;
    await h.slack.interactive(buttonClick({ user: user('U4', 'dana') }, 'heed_correct', a.interactionId));
    const opened = h.fake.callsTo('views.open').at(-1)!;
    expect(opened.args.trigger_id).toBeTruthy();
    expect(JSON.stringify(opened.args.view)).toContain('Reset it from Settings');
    const res = await h.slack.interactive(
      submitOpenedModal(
        opened,
        user('U4', 'dana'),
        modalState({ heed_text: 'Go to Settings → Security → Reset password.' }),
      ),
    );
    expect(res.status).toBe(200);
    expect(rootsInMods()).toHaveLength(1);
    const reply = repliesInMods().at(-1)!;
    expect(reply.args.thread_ts).toBe(rootTs);
    expect(textOf(reply)).toContain('suggested a correction');
    // The root is refreshed: the correction changed the suggested action; the buttons stay while open.
    const refresh = h.fake.callsTo('chat.update').at(-1)!;
    expect(refresh.args).toMatchObject({ channel: MODS, ts: rootTs });
    expect(textOf(refresh)).toContain('Update knowledge base with corrections');
    expect(blocksOf(refresh).some((b) => b.type === 'actions')).toBe(true);
    const view = await h.core.getReviewView(reviewId);
    expect(view.corrections[0]).toMatchObject({
      text: 'Go to Settings → Security → Reset password.',
      userId: 'U4',
    });
  });

  it("refuses a non-moderator's Apply correction: ephemeral refusal, no modal, review still open", async () => {
    const opensBefore = h.fake.callsTo('views.open').length;
    await h.slack.interactive(
      buttonClick({ user: user('U9'), channel: MODS, messageTs: rootTs }, 'heed_review_apply', reviewId),
    );
    const refusal = h.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(refusal.args).toMatchObject({ channel: MODS, user: 'U9' });
    expect(String(refusal.args.text)).toContain('Only moderators');
    expect(h.fake.callsTo('views.open')).toHaveLength(opensBefore);
    expect((await h.core.getReviewView(reviewId)).review.status).toBe('open');
  });

  it('a moderator applies the corrected text via the modal → knowledge entry, root updated, outcome in thread', async () => {
    const mod = user('UMOD3', 'mo');
    await h.slack.interactive(
      buttonClick({ user: mod, channel: MODS, messageTs: rootTs }, 'heed_review_apply', reviewId),
    );
    const opened = h.fake.callsTo('views.open').at(-1)!;
    expect(JSON.stringify(opened.args.view)).toContain(
      '"initial_value":"Go to Settings → Security → Reset password."',
    );
    const pages = h.fake.callsTo('conversations.members');
    expect(pages.length).toBeGreaterThanOrEqual(2); // paginated
    const res = await h.slack.interactive(
      submitOpenedModal(
        opened,
        mod,
        modalState({ heed_text: 'Settings → Security → "Reset password", then check your email.' }),
      ),
    );
    expect(res.status).toBe(200);
    const view = await h.core.getReviewView(reviewId);
    expect(view.review.status).toBe('resolved');
    expect(view.review.resolution?.actor).toMatchObject({ userId: 'UMOD3', isModerator: true });
    const entry = await h.store.knowledge.latestForPattern(view.review.patternKey);
    expect(entry?.answer).toBe('Settings → Security → "Reset password", then check your email.');
    expect(entry?.approvedBy?.userId).toBe('UMOD3');

    const update = h.fake.callsTo('chat.update').at(-1)!;
    expect(update.args).toMatchObject({ channel: MODS, ts: rootTs });
    expect(blocksOf(update).some((b) => b.type === 'actions')).toBe(false);
    expect(textOf(update)).toContain('<@UMOD3> applied the correction to the knowledge base');
    const outcome = repliesInMods().at(-1)!;
    expect(outcome.args.thread_ts).toBe(rootTs);
    expect(textOf(outcome)).toContain('applied the correction');
  });

  it('a second click on the resolved review only tells the moderator it is closed', async () => {
    const updatesBefore = h.fake.callsTo('chat.update').length;
    await h.slack.interactive(
      buttonClick({ user: user('UMOD1'), channel: MODS }, 'heed_review_dismiss', reviewId),
    );
    expect(String(h.fake.callsTo('chat.postEphemeral').at(-1)!.args.text)).toContain('already resolved');
    expect(h.fake.callsTo('chat.update')).toHaveLength(updatesBefore);
  });

  it('never logs the bot token or the signing secret', () => {
    const all = JSON.stringify(h.logger.lines);
    expect(all).not.toContain('xoxb-test-bot-token-1234');
    expect(all).not.toContain('test-signing-secret');
  });
});
