import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answerer/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { Answerer } from '../../src/core/ports.ts';
import { MODS, startSlackHarness } from '../helpers/slack-harness.ts';
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
} from '../helpers/slack-payloads.ts';

// The real offline knowledge-base answerer over the harness's database (created after the harness).
let real: Answerer | undefined;
const h = await startSlackHarness({ prefix: 'e2e_loop', answerer: { answer: (req) => real!.answer(req) } });
real = createAnswerer({ config: loadConfig({}), store: h.store, logger: h.logger });
h.fake.members = ['UMOD'];

async function ask(u: string, question: string) {
  const event = appMention({ user: u, text: `<@UBOT> ${question}` });
  expect((await h.slack.event(eventCallback(event))).status).toBe(200);
  const posted = h.fake.callsTo('chat.postMessage').at(-1)!;
  return { threadTs: event.ts, interactionId: interactionIdOf(posted), text: textOf(posted) };
}

describe('end to end through Slack: ask → 👎/✏️ → review → moderator applies → corrected answer', () => {
  it('closes the loop for the same question and a paraphrase', async () => {
    const first = await ask('U1', 'How do I export my invoices?');
    expect(first.text).toMatch(/don't know/i);

    for (const u of ['U1', 'U2', 'U3']) {
      const a = u === 'U1' ? first : await ask(u, 'how can I export invoices');
      await h.slack.interactive(
        feedbackClick({ user: user(u), threadTs: a.threadTs }, `down:${a.interactionId}`),
      );
    }
    // A correction through the ✏️ modal joins the review.
    await h.slack.interactive(buttonClick({ user: user('U4', 'dana') }, 'heed_correct', first.interactionId));
    const correctionModal = h.fake.callsTo('views.open').at(-1)!;
    await h.slack.interactive(
      submitOpenedModal(
        correctionModal,
        user('U4', 'dana'),
        modalState({ heed_text: 'Billing → Invoices → Export CSV.' }),
      ),
    );
    const roots = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === MODS && !c.args.thread_ts);
    expect(roots).toHaveLength(1);
    const reviewId = reviewIdOf(roots[0]!);

    // The moderator edits the suggested text and applies it.
    await h.slack.interactive(
      buttonClick({ user: user('UMOD', 'mo'), channel: MODS }, 'heed_review_apply', reviewId),
    );
    const applyModal = h.fake.callsTo('views.open').at(-1)!;
    expect(JSON.stringify(applyModal.args.view)).toContain('Billing → Invoices → Export CSV.');
    const corrected = 'Open Billing → Invoices and press "Export CSV" (admins only).';
    await h.slack.interactive(
      submitOpenedModal(applyModal, user('UMOD', 'mo'), modalState({ heed_text: corrected })),
    );
    expect((await h.core.getReviewView(reviewId)).review.status).toBe('resolved');

    const again = await ask('U5', 'How do I export my invoices?');
    expect(again.text).toContain(corrected);
    const paraphrase = await ask('U6', 'exporting invoices — how does that work?');
    expect(paraphrase.text).toContain(corrected);
    const stored = await h.store.interactions.get(paraphrase.interactionId);
    expect(stored?.answerer).toBe('knowledge-base');
    expect(stored?.sources[0]).toMatchObject({ version: 1 });
  });
});
