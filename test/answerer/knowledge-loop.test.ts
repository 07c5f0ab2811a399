import { describe, expect, it } from 'vitest';
import { createAnswerer, DONT_KNOW, loadSeedKnowledge } from '../../src/answerer/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { FeedbackStore } from '../../src/core/ports.ts';
import { asker, makeCore } from '../helpers/core.ts';
import { openTestStore } from '../helpers/db.ts';
import { memoryLogger } from '../helpers/fakes.ts';

const store = await openTestStore('kbloop');
const logger = memoryLogger();
const config = loadConfig({});
const answerer = createAnswerer({ config, store, logger });
const { core } = makeCore(store, { answerer });
const moderator = { platform: 'slack' as const, userId: 'U-MOD', name: 'Mo', isModerator: true };
const seeded = await loadSeedKnowledge({
  dir: 'knowledge',
  store,
  patternKey: (q) => core.patternKey(q),
  logger,
});

/** A correction by a user, then a moderator approving `text` on the review it raised. */
async function correctAndApprove(interactionId: string, text: string) {
  const outcome = await core.recordFeedback({
    interactionId,
    platform: 'slack',
    userId: 'U-FIX',
    kind: 'correction',
    value: text,
  });
  expect(outcome.review?.id).toBeDefined();
  return core.resolveReview({
    reviewId: outcome.review!.id,
    actor: moderator,
    action: 'apply_correction',
    text,
  });
}

describe('offline knowledge-base answerer with the real core and database', () => {
  it('is the default when no LLM is configured, and answers from the shipped seed knowledge', async () => {
    expect(answerer.describe()).toMatch(/offline knowledge-base/);
    expect(seeded.errors).toEqual([]);
    const i = await core.answer('What is heed?', asker());
    expect(i.answer).toMatch(/^heed is a human-feedback loop/);
    expect(i.answerer).toBe('knowledge-base');
    expect(i.failed).toBe(false);
    const entry = await store.knowledge.latestForPattern(i.patternKey);
    expect(i.sources).toEqual([{ knowledgeId: entry!.id, version: 1, title: 'What is heed?' }]);
    const paraphrase = await core.answer('how do I set up heed with discord', asker());
    expect(paraphrase.answer).toMatch(/DISCORD_TOKEN/);
  });

  it('says honestly that it does not know, then answers with the approved correction — also a paraphrase', async () => {
    const before = await core.answer('How can I change my password?', asker());
    expect(before.answer).toBe(DONT_KNOW);
    expect(before.sources).toEqual([]);
    expect((await core.answer('how do i reset my password', asker())).answer).toBe(DONT_KNOW);

    const corrected = 'Open Settings → Account → Security and pick a new one; IT never asks for it.';
    const view = await correctAndApprove(before.id, corrected);
    const knowledgeId = view.review.resolution?.knowledgeId;
    expect(knowledgeId).toBeDefined();

    const same = await core.answer('How can I change my password?', asker('U-2'));
    const paraphrase = await core.answer('how do i reset my password', asker('U-3'));
    for (const after of [same, paraphrase]) {
      expect(after.answer).toBe(corrected);
      expect(after.sources).toEqual([{ knowledgeId, version: 1, title: 'How can I change my password?' }]);
    }
    expect(paraphrase.patternKey).not.toBe(same.patternKey); // found by search, not by its pattern key
  });

  it('replaces an old answer: the latest approved version wins, older ones stay for audit', async () => {
    const key = await core.patternKey('How do I book a meeting room?');
    const old = await store.knowledge.seed(
      { patternKey: key, question: 'How do I book a meeting room?', answer: 'Email the office manager.' },
      new Date(),
    );
    const before = await core.answer('How do I book a meeting room?', asker());
    expect(before.answer).toBe('Email the office manager.');
    expect((await core.answer('booking meeting rooms?', asker())).answer).toBe('Email the office manager.');

    const corrected = 'Use the Rooms tab in the intranet; the office manager no longer books rooms.';
    await correctAndApprove(before.id, corrected);

    const same = await core.answer('How do I book a meeting room?', asker());
    const paraphrase = await core.answer('booking meeting rooms?', asker());
    expect(same.answer).toBe(corrected);
    expect(paraphrase.answer).toBe(corrected);
    expect(same.sources[0]?.version).toBe(2);
    expect((await store.knowledge.history(key)).map((e) => e.id)).toContain(old.id);
  });

  it('sees an approval made through another instance on the next question, rebuilding only on change', async () => {
    let listings = 0;
    const counted: FeedbackStore = {
      ...store,
      knowledge: {
        ...store.knowledge,
        listLatest: () => {
          listings++;
          return store.knowledge.listLatest();
        },
      },
    };
    const other = createAnswerer({ config, store: counted, logger });
    const ask = (question: string) =>
      core.patternKey(question).then((patternKey) => other.answer({ question, patternKey }));

    expect((await ask('Where do I park my bike?')).text).toBe(DONT_KNOW);
    expect((await ask('Where is the bike parking?')).text).toBe(DONT_KNOW);
    expect((await ask('What is heed?')).sources).toHaveLength(1);
    expect(listings).toBe(1); // knowledge unchanged: one index for three questions

    // Another instance (its own core, same database) approves a correction.
    const elsewhere = makeCore(store, { answerer: createAnswerer({ config, store, logger }) }).core;
    const asked = await elsewhere.answer('Where do I park my bike?', asker());
    const fix = await elsewhere.recordFeedback({
      interactionId: asked.id,
      platform: 'slack',
      userId: 'U-BIKE',
      kind: 'correction',
      value: 'In the courtyard behind building B.',
    });
    await elsewhere.resolveReview({
      reviewId: fix.review!.id,
      actor: moderator,
      action: 'apply_correction',
      text: 'In the courtyard behind building B.',
    });

    expect((await ask('Where is the bike parking?')).text).toBe('In the courtyard behind building B.');
    expect(listings).toBe(2);
  });
});
