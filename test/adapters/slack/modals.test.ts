import { describe, expect, it } from 'vitest';
import type { SlackCall } from '../../helpers/fake-slack.ts';
import { MODS, startSlackHarness, storedCounts } from '../../helpers/slack-harness.ts';
import {
  appMention,
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

const h = await startSlackHarness({ prefix: 'slack_modals', config: { moderatorIds: ['UADMIN'] } });
h.fake.members = ['UMOD'];

type ModalView = {
  title: { text: string };
  blocks: { type: string; block_id?: string; optional?: boolean; element?: Record<string, unknown> }[];
};
const viewOf = (call: SlackCall) => call.args.view as ModalView;
const lastOpened = () => h.fake.callsTo('views.open').at(-1)!;

async function answer(question: string) {
  await h.slack.event(eventCallback(appMention({ user: 'U1', text: `<@UBOT> ${question}` })));
  return interactionIdOf(h.fake.callsTo('chat.postMessage').at(-1)!);
}
async function openCorrection(interactionId: string, u = 'U2') {
  await h.slack.interactive(buttonClick({ user: user(u) }, 'heed_correct', interactionId));
  return lastOpened();
}
/** A review raised by a correction (every correction is reviewed); returns its id and root ts. */
async function reviewFor(question: string) {
  const id = await answer(question);
  await h.slack.interactive(
    submitOpenedModal(await openCorrection(id), user('U2'), modalState({ heed_text: `Fixed: ${question}` })),
  );
  const root = h.fake
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === MODS && !c.args.thread_ts)
    .at(-1)!;
  return {
    reviewId: reviewIdOf(root),
    rootTs: String((await h.store.reviews.get(reviewIdOf(root)))!.threads[0]!.messageId),
  };
}
const moderatorClick = (u: string, actionId: string, reviewId: string) =>
  h.slack.interactive(buttonClick({ user: user(u), channel: MODS }, actionId, reviewId));

describe('Slack adapter: modals', () => {
  it('the correction modal shows the original answer and a required input of at most 3000 chars', async () => {
    const opened = await openCorrection(await answer('how do I rotate my api key?'));
    const view = viewOf(opened);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(view.blocks)).toContain('Reset it from Settings');
    const input = view.blocks.find((b) => b.block_id === 'heed_text')!;
    expect(input.optional).toBe(false);
    expect(input.element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
  });

  it('an empty or too-long correction gets a field error and nothing is stored', async () => {
    const opened = await openCorrection(await answer('what is the guest wifi?'));
    const before = await storedCounts(h.store);
    for (const text of [null, '   \n ', 'x'.repeat(3001)]) {
      const res = await h.slack.interactive(
        submitOpenedModal(opened, user('U2'), modalState({ heed_text: text })),
      );
      expect(res.status).toBe(200);
      const body = res.json() as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(body.errors.heed_text).toMatch(/Please/);
    }
    expect(await storedCounts(h.store)).toEqual(before);
  });

  it('after 👎 "Tell us why" opens the reasons modal; submitting updates that vote', async () => {
    const id = await answer('when is the next holiday?');
    await h.slack.interactive(feedbackClick({ user: user('U3') }, `down:${id}`));
    const prompt = h.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(textOf(prompt)).toContain('heed_why');
    await h.slack.interactive(buttonClick({ user: user('U3') }, 'heed_why', id));
    const view = viewOf(lastOpened());
    const boxes = view.blocks.find((b) => b.block_id === 'heed_reasons')!.element as {
      options: { value: string }[];
    };
    expect(boxes.options.map((o) => o.value)).toEqual([
      'inaccurate',
      'outdated',
      'incomplete',
      'irrelevant',
      'unsafe',
      'other',
    ]);

    const tooLong = await h.slack.interactive(
      submitOpenedModal(
        lastOpened(),
        user('U3'),
        modalState({ heed_comment: 'y'.repeat(1001) }, { heed_reasons: ['outdated'] }),
      ),
    );
    expect(tooLong.json()).toMatchObject({ response_action: 'errors' });
    const res = await h.slack.interactive(
      submitOpenedModal(
        lastOpened(),
        user('U3'),
        modalState({ heed_comment: 'It moved to May.' }, { heed_reasons: ['outdated', 'not-a-reason'] }),
      ),
    );
    expect(res.status).toBe(200);
    const votes = await h.store.db.collection('feedback').find({ interactionId: id, kind: 'vote' }).toArray();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ value: 'down', reasons: ['outdated'], comment: 'It moved to May.' });
  });

  it('a non-moderator who submits a resolve modal anyway gets a field error; nothing changes', async () => {
    const { reviewId } = await reviewFor('how do I book a room?');
    await moderatorClick('UMOD', 'heed_review_apply', reviewId);
    const opened = lastOpened();
    const res = await h.slack.interactive(
      submitOpenedModal(opened, user('UNOBODY'), modalState({ heed_text: 'Use the app.' })),
    );
    expect(res.json()).toMatchObject({
      response_action: 'errors',
      errors: { heed_text: 'Only moderators can resolve reviews.' },
    });
    expect((await h.core.getReviewView(reviewId)).review.status).toBe('open');
    const empty = await h.slack.interactive(
      submitOpenedModal(opened, user('UMOD'), modalState({ heed_text: ' ' })),
    );
    expect(empty.json()).toMatchObject({ response_action: 'errors' });
    expect(await h.store.knowledge.listLatest()).toHaveLength(0);
  });

  it('"Update instructions" is pre-filled with the current instructions (split into ≤3000-char parts) → new version', async () => {
    const current = `${'Be concise. '.repeat(290)}Always cite the handbook.`; // ~3500 chars
    await h.store.instructions.add(current, undefined, undefined, h.clock.now());
    const { reviewId, rootTs } = await reviewFor('what is the parental leave policy?');
    await moderatorClick('UADMIN', 'heed_review_instructions', reviewId); // listed in SLACK_MODERATOR_IDS
    const view = viewOf(lastOpened());
    const parts = view.blocks.filter((b) => b.block_id?.startsWith('heed_part_'));
    expect(parts.length).toBe(3); // two filled, one spare
    const initial = parts.map((p) => String(p.element?.initial_value ?? '')).join('');
    expect(initial).toBe(current);
    for (const p of parts) expect(p.element?.max_length).toBe(3000);
    const next = `${current} Mention the HR portal for leave questions.`;
    const res = await h.slack.interactive(
      submitOpenedModal(
        lastOpened(),
        user('UADMIN'),
        modalState({ heed_part_0: next.slice(0, 3000), heed_part_1: next.slice(3000), heed_part_2: '' }),
      ),
    );
    expect(res.status).toBe(200);
    expect(await h.core.currentInstructions()).toBe(next);
    const update = h.fake.callsTo('chat.update').at(-1)!;
    expect(update.args.ts).toBe(rootTs);
    expect(textOf(update)).toContain("updated the assistant's instructions (version 2)");
  });

  it('"Dismiss" takes an optional note and closes the review', async () => {
    const { reviewId, rootTs } = await reviewFor('is there a gym?');
    await moderatorClick('UMOD', 'heed_review_dismiss', reviewId);
    await h.slack.interactive(
      submitOpenedModal(
        lastOpened(),
        user('UMOD', 'mo'),
        modalState({ heed_note: 'Duplicate of an old ticket' }),
      ),
    );
    const view = await h.core.getReviewView(reviewId);
    expect(view.review.status).toBe('dismissed');
    expect(view.review.resolution).toMatchObject({ action: 'dismiss', note: 'Duplicate of an old ticket' });
    const update = h.fake.callsTo('chat.update').at(-1)!;
    expect(update.args.ts).toBe(rootTs);
    expect(textOf(update)).toContain('dismissed this review: Duplicate of an old ticket');
    // A stale modal submitted after the close changes nothing and says why.
    const again = await h.slack.interactive(
      submitOpenedModal(lastOpened(), user('UMOD'), modalState({ heed_note: '' })),
    );
    expect(again.json()).toMatchObject({
      response_action: 'errors',
      errors: { heed_note: 'This review was already dismissed.' },
    });
  });

  it('re-reads the moderators channel after the ~60 s cache: a removed member loses the right to act', async () => {
    const { reviewId } = await reviewFor('where are the spare keys?');
    h.fake.members = ['UMOD', 'UTEMP'];
    h.clock.advance(61_000);
    await moderatorClick('UTEMP', 'heed_review_dismiss', reviewId);
    expect(h.fake.callsTo('views.open').at(-1)!.args.view).toMatchObject({ callback_id: 'heed_resolve' });
    const opened = lastOpened();
    h.fake.members = ['UMOD'];
    h.clock.advance(61_000);
    const res = await h.slack.interactive(
      submitOpenedModal(opened, user('UTEMP'), modalState({ heed_note: '' })),
    );
    expect(res.json()).toMatchObject({ response_action: 'errors' });
    expect((await h.core.getReviewView(reviewId)).review.status).toBe('open');
  });
});
