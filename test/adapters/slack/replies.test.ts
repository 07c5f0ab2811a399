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
  selectChange,
  submitOpenedModal,
  user,
} from '../../helpers/slack-payloads.ts';

/** What a person is told after each click or form, word for word: the presentation layer's sentences. */

const h = await startSlackHarness({ prefix: 'slack_replies' });
h.fake.members = ['UMOD'];

async function answer(question: string) {
  await h.slack.event(eventCallback(appMention({ user: 'U1', text: `<@UBOT> ${question}` })));
  return interactionIdOf(h.fake.callsTo('chat.postMessage').at(-1)!);
}
const lastEphemeral = () => h.fake.callsTo('chat.postEphemeral').at(-1)!;
const lastReply = () => String(lastEphemeral().args.text);
const lastOpened = () => h.fake.callsTo('views.open').at(-1)!;

describe('Slack replies: the shared wording', () => {
  it('a vote is thanked by what it changed; a 👎 asks why, with its button', async () => {
    const id = await answer('where is the printer?');
    await h.slack.interactive(feedbackClick({ user: user('U2') }, `up:${id}`));
    expect(lastReply()).toBe('Thanks — your 👍 is recorded.');
    await h.slack.interactive(feedbackClick({ user: user('U2') }, `up:${id}`));
    expect(lastReply()).toBe('You already voted 👍; nothing changed.');
    await h.slack.interactive(feedbackClick({ user: user('U2') }, `down:${id}`));
    expect(lastReply()).toBe('Your vote is now 👎. Want to tell us what was wrong?');
    const blocks = blocksOf(lastEphemeral()) as { type: string; text?: { text: string } }[];
    expect(blocks[0]!.text!.text).toBe('Your vote is now 👎. Want to tell us what was wrong?');
    expect(blocks.some((b) => b.type === 'actions')).toBe(true);
    await h.slack.interactive(feedbackClick({ user: user('U3') }, `down:${id}`));
    expect(lastReply()).toBe('Thanks — your 👎 is recorded. Want to tell us what was wrong?');
  });

  it('a rating and the reasons form are thanked with what was given', async () => {
    const id = await answer('when does the canteen open?');
    await h.slack.interactive(selectChange({ user: user('U2') }, 'heed_rate', `4:${id}`));
    expect(lastReply()).toBe('Thanks — you rated this answer 4/5.');

    await h.slack.interactive(feedbackClick({ user: user('U2') }, `down:${id}`));
    await h.slack.interactive(buttonClick({ user: user('U2') }, 'heed_why', id));
    const form = lastOpened();
    await h.slack.interactive(
      submitOpenedModal(
        form,
        user('U2'),
        modalState({ heed_comment: '' }, { heed_reasons: ['outdated', 'incomplete'] }),
      ),
    );
    expect(lastReply()).toBe('Thanks — noted: outdated, incomplete.');
    await h.slack.interactive(submitOpenedModal(form, user('U2'), modalState({ heed_comment: 'moved' })));
    expect(lastReply()).toBe('Thanks — noted.');
  });

  it('a correction says whether it went to the moderators', async () => {
    const id = await answer('how do I book a room?');
    await h.slack.interactive(buttonClick({ user: user('U2') }, 'heed_correct', id));
    const form = lastOpened();
    const submit = () =>
      h.slack.interactive(
        submitOpenedModal(form, user('U2'), modalState({ heed_text: 'Use the Rooms app.' })),
      );
    await submit();
    expect(lastReply()).toBe('Thanks! Your correction was sent to the moderators for review.');
    // The same text again changes nothing, so nothing new reaches the moderators.
    await submit();
    expect(lastReply()).toBe('Thanks! Your correction is recorded.');
  });

  it('a click on a closed review says who closed it, by name (escaped), never as a mention', async () => {
    const id = await answer('is there a gym?');
    await h.slack.interactive(buttonClick({ user: user('U2') }, 'heed_correct', id));
    await h.slack.interactive(
      submitOpenedModal(lastOpened(), user('U2'), modalState({ heed_text: 'Yes, floor 2.' })),
    );
    const root = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === MODS && !c.args.thread_ts)
      .at(-1)!;
    const reviewId = reviewIdOf(root);
    const mod = user('UMOD', 'mo <&>');
    await h.slack.interactive(buttonClick({ user: mod, channel: MODS }, 'heed_review_dismiss', reviewId));
    await h.slack.interactive(submitOpenedModal(lastOpened(), mod, modalState({ heed_note: '' })));
    expect((await h.core.getReviewView(reviewId)).review.status).toBe('dismissed');

    await h.slack.interactive(buttonClick({ user: mod, channel: MODS }, 'heed_review_apply', reviewId));
    expect(lastReply()).toBe('This review was already dismissed by mo &lt;&amp;&gt;.');
  });
});
