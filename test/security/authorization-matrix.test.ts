// discord.js first: under vitest's module runner, vega-lite (loaded through the playground's insights)
// evaluated before discord.js breaks discord.js's bundled inspect. Plain node is not affected.
import 'discord.js';
import { describe, expect, it } from 'vitest';
import { encodeCustomId } from '../../adapters/discord/ids.ts';
import { reviewActionId, VIEW } from '../../adapters/slack/ids.ts';
import { fieldFor } from '../../adapters/slack/render/modals.ts';
import type { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Platform, ResolutionAction } from '../../src/core/types.ts';
import type { MongoFeedbackStore } from '../../src/store/mongo-feedback-store.ts';
import { call, startPlayground } from '../adapters/web/harness.ts';
import { startDiscordHarness } from '../helpers/discord-harness.ts';
import { buttonClick as discordClick, discordUser, modalSubmit } from '../helpers/discord-payloads.ts';
import { DISCORD_IDS } from '../helpers/fake-discord.ts';
import { MODS, startSlackHarness } from '../helpers/slack-harness.ts';
import { buttonClick, modalState, user, viewSubmission } from '../helpers/slack-payloads.ts';

/**
 * Every moderator action × every surface × a non-moderator: refused, nothing changed (the review stays
 * open, no knowledge entry, no instructions version), and the refusal is in the review's audit trail.
 */
const ACTIONS: ResolutionAction[] = ['apply_correction', 'update_instructions', 'dismiss'];
const TOPICS = ['refund policy window', 'vpn client setup', 'parental leave length'];

const slack = await startSlackHarness({ prefix: 'authz_slack' });
slack.fake.members = ['UMOD']; // the moderators' channel; U-BYSTANDER is not in it
const discord = await startDiscordHarness('authz_discord');
const web = await startPlayground('authz_web');

/** A review raised through the core: three 👎 on one question. */
async function raiseReview(core: FeedbackCore, platform: Platform, question: string) {
  const i = await core.answer(question, { platform, userId: 'asker', channelId: 'C-ASK' });
  for (const u of ['v1', 'v2', 'v3'])
    await core.recordFeedback({ interactionId: i.id, platform, userId: u, kind: 'vote', value: 'down' });
  const review = await core.openReview(i.patternKey);
  if (!review) throw new Error('no review raised');
  return review;
}

async function expectNothingChanged(store: MongoFeedbackStore, reviewId: string, userId: string) {
  const review = (await store.reviews.get(reviewId))!;
  expect(review.status).toBe('open');
  expect(await store.knowledge.history(review.patternKey)).toEqual([]);
  expect(await store.instructions.current()).toBeNull();
  expect(await store.db.collection('resolutions').countDocuments({ _id: reviewId as never })).toBe(0);
  const refused = (await store.reviews.auditTrail(reviewId)).filter((e) => e.event === 'refused');
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((e) => e.actor?.userId === userId)).toBe(true);
  return refused;
}

const text = (action: ResolutionAction) => (action === 'dismiss' ? 'not a problem' : 'Hijacked text.');

describe('authorization matrix: a non-moderator can do nothing to a review', () => {
  ACTIONS.forEach((action, n) => {
    it(`Slack × ${action}: the button and a forged modal submission are refused and audited`, async () => {
      const review = await raiseReview(slack.core, 'slack', `slack ${TOPICS[n]}?`);
      const who = user('U-BYSTANDER');
      const click = await slack.slack.interactive(
        buttonClick({ user: who, channel: MODS }, reviewActionId(action), review.id),
      );
      expect(click.status).toBe(200);
      expect(String(slack.fake.callsTo('chat.postEphemeral').at(-1)!.args.text)).toContain('Only moderators');
      expect(
        slack.fake.callsTo('views.open').filter((c) => JSON.stringify(c.args).includes(review.id)),
      ).toEqual([]);
      const forged = await slack.slack.interactive(
        viewSubmission({
          user: who,
          callbackId: VIEW.resolve,
          privateMetadata: JSON.stringify({ kind: 'resolve', action, reviewId: review.id, channelId: MODS }),
          state: modalState({ [fieldFor(action)]: text(action) }),
        }),
      );
      expect(forged.json()).toMatchObject({
        response_action: 'errors',
        errors: { [fieldFor(action)]: 'Only moderators can resolve reviews.' },
      });
      const refused = await expectNothingChanged(slack.store, review.id, 'U-BYSTANDER');
      expect(refused.map((e) => e.detail)).toEqual([action, action]);
    });

    it(`Discord × ${action}: the button and a forged form are refused and audited`, async () => {
      const review = await raiseReview(discord.core, 'discord', `discord ${TOPICS[n]}?`);
      const bystander = discordUser(70 + n);
      const short =
        action === 'apply_correction' ? 'apply' : action === 'dismiss' ? 'dismiss' : 'instructions';
      const click = discordClick(
        bystander,
        encodeCustomId({ kind: 'review', reviewId: review.id, action: short }),
        {
          channelId: DISCORD_IDS.moderators,
        },
      );
      await discord.fake.dispatchInteraction(click);
      const told =
        action === 'dismiss'
          ? (await discord.fake.originalEditFor(click)).body.content
          : (await discord.fake.callbackFor(click)).body.data.content;
      expect(told).toContain('Only moderators');
      let audited = 1;
      if (action !== 'dismiss') {
        const fields: Record<string, string> =
          action === 'apply_correction'
            ? { answer: text(action) }
            : { instructions1: text(action), instructions2: '' };
        const forged = modalSubmit(
          bystander,
          encodeCustomId({
            kind: 'review-modal',
            reviewId: review.id,
            action: short as 'apply' | 'instructions',
          }),
          fields,
          { channelId: DISCORD_IDS.moderators },
        );
        await discord.fake.dispatchInteraction(forged);
        expect((await discord.fake.originalEditFor(forged)).body.content).toContain('Only moderators');
        audited = 2;
      }
      const refused = await expectNothingChanged(discord.store, review.id, bystander.id);
      expect(refused.map((e) => e.detail)).toEqual(Array(audited).fill(action));
    });

    it(`playground × ${action}: refused without the switch/token, even with isModerator in the body`, async () => {
      const review = await raiseReview(web.core, 'web', `web ${TOPICS[n]}?`);
      const body = {
        action,
        userId: 'web-eve',
        isModerator: true,
        ...(action === 'dismiss' ? { note: text(action) } : { text: text(action) }),
      };
      const res = await call(web.url, `/api/reviews/${review.id}/resolve`, { body });
      expect(res).toEqual({ status: 403, body: { error: 'Only moderators can resolve reviews.' } });
      const refused = await expectNothingChanged(web.store, review.id, 'web-eve');
      expect(refused.map((e) => e.detail)).toEqual([action]);
    });
  });

  it('an unknown review id writes no audit entry (nothing for hostile ids to fill)', async () => {
    const ghost = 'a'.repeat(24);
    const res = await call(web.url, `/api/reviews/${ghost}/resolve`, {
      body: { action: 'dismiss', userId: 'web-eve' },
    });
    expect(res.status).toBe(403);
    expect(await web.store.db.collection('review_audit').countDocuments({ reviewId: ghost })).toBe(0);
  });
});
