import { describe, expect, it, vi } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/ids.ts';
import { REASONS } from '../../../src/core/types.ts';
import { startDiscordHarness } from '../../helpers/discord-harness.ts';
import {
  buttonClick,
  discordUser,
  MANAGE_MESSAGES,
  modalSubmit,
  selectChoice,
  slashCommand,
} from '../../helpers/discord-payloads.ts';
import { DISCORD_IDS } from '../../helpers/fake-discord.ts';

const { fake, store, core, logger } = await startDiscordHarness('discord_react');

let questions = 0;
/** A fresh answered question (its own pattern), as a user would get it from /ask. */
async function ask(): Promise<string> {
  const payload = slashCommand(discordUser(1), 'ask', {
    question: `Question number ${++questions} about topic ${questions}`,
  });
  await fake.dispatchInteraction(payload);
  const edit = await fake.originalEditFor(payload);
  return (decodeCustomId(edit.body.components[0].components[0].custom_id) as { interactionId: string })
    .interactionId;
}
const vote = (interactionId: string, value: 'up' | 'down') =>
  encodeCustomId({ kind: 'vote', interactionId, value });
const feedbackOf = async (interactionId: string) =>
  store.feedback.recentForPattern((await core.getInteraction(interactionId)).patternKey, 50);
const sawLog = (msg: string, interactionId: string) =>
  logger.lines.some(
    (l) => l.msg === msg && (l.obj as { interactionId?: string }).interactionId === interactionId,
  );

describe('Discord adapter: reactions', () => {
  it('the same INTERACTION_CREATE delivered twice counts once', async () => {
    const id = await ask();
    const click = buttonClick(discordUser(2), vote(id, 'down'));
    await fake.dispatchInteraction(click);
    await fake.originalEditFor(click);
    fake.dispatch('INTERACTION_CREATE', click);
    await vi.waitFor(() => expect(sawLog('duplicate interaction delivery ignored', click.id)).toBe(true));
    const callbacks = fake.find((c) => c.path === `/interactions/${click.id}/${click.token}/callback`);
    expect(callbacks).toHaveLength(1);
    const rows = await feedbackOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'vote',
      value: 'down',
      userId: discordUser(2).id,
      platform: 'discord',
    });
  });

  it('a changed vote replaces the old one', async () => {
    const id = await ask();
    const up = buttonClick(discordUser(3), vote(id, 'up'));
    await fake.dispatchInteraction(up);
    expect((await fake.originalEditFor(up)).body).toMatchObject({
      content: 'Thanks — your 👍 is recorded.',
      components: [],
    });
    const down = buttonClick(discordUser(3), vote(id, 'down'));
    await fake.dispatchInteraction(down);
    expect((await fake.originalEditFor(down)).body.content).toContain('Your vote is now 👎.');
    const again = buttonClick(discordUser(3), vote(id, 'down'));
    await fake.dispatchInteraction(again);
    expect((await fake.originalEditFor(again)).body.content).toContain('nothing changed');
    const rows = await feedbackOf(id);
    expect(rows.map((r) => [r.userId, r.value])).toEqual([[discordUser(3).id, 'down']]);
  });

  it('ignores custom_ids and commands that are not heed’s, without answering or throwing', async () => {
    const id = await ask();
    const foreign = [
      buttonClick(discordUser(4), 'other-bot:approve'),
      buttonClick(discordUser(4), `heed:v:${'z'.repeat(24)}:up`), // not a store id
      buttonClick(discordUser(4), `heed:v:${id}:sideways`),
      buttonClick(discordUser(4), `heed:zz:${id}`),
      selectChoice(discordUser(4), vote(id, 'up'), ['1']), // a vote id on a select: not ours either
      slashCommand(discordUser(4), 'other', { question: 'x' }),
    ];
    for (const p of foreign) fake.dispatch('INTERACTION_CREATE', p);
    for (const p of foreign)
      await vi.waitFor(() => expect(sawLog('interaction not for heed; ignored', p.id)).toBe(true));
    expect(fake.find((c) => foreign.some((p) => c.path.includes(p.token)))).toEqual([]);
    expect(await feedbackOf(id)).toEqual([]);
  });

  it('✏️ with empty or oversized text → ephemeral error, nothing stored', async () => {
    const id = await ask();
    const modalId = encodeCustomId({ kind: 'correct-modal', interactionId: id });
    for (const text of ['   ', 'x'.repeat(4001)]) {
      const submit = modalSubmit(discordUser(5), modalId, { correction: text });
      expect((await fake.dispatchInteraction(submit)).body).toEqual({ type: 5, data: { flags: 64 } });
      const reply = (await fake.originalEditFor(submit)).body.content;
      expect(reply).toContain('Nothing was saved');
      expect(reply).toMatch(/must not be empty|at most 4000/);
    }
    expect(await feedbackOf(id)).toEqual([]);
    expect(await core.listReviews('open')).toEqual([]);
  });

  it('rates 1–5 through the select; an invalid rating is refused', async () => {
    const id = await ask();
    const rate = encodeCustomId({ kind: 'rate', interactionId: id });
    const bad = selectChoice(discordUser(6), rate, ['9']);
    await fake.dispatchInteraction(bad);
    expect((await fake.originalEditFor(bad)).body.content).toContain('Nothing was saved');
    const good = selectChoice(discordUser(6), rate, ['4']);
    await fake.dispatchInteraction(good);
    expect((await fake.originalEditFor(good)).body.content).toBe('Thanks — you rated this answer 4/5.');
    expect((await feedbackOf(id)).map((f) => [f.kind, f.value])).toEqual([['rating', 4]]);
  });

  it('👎 → "Tell us why" opens a reasons form; the reasons and comment are stored, unknown reasons refused', async () => {
    const id = await ask();
    const user = discordUser(7);
    const why = buttonClick(user, encodeCustomId({ kind: 'why', interactionId: id }));
    const modal = (await fake.dispatchInteraction(why)).body;
    expect(modal.type).toBe(9);
    const [reasons, comment] = modal.data.components;
    expect(reasons.component.options.map((o: { value: string }) => o.value)).toEqual([...REASONS]);
    expect(comment.component).toMatchObject({ type: 4, required: false, max_length: 1000 });

    const bogus = modalSubmit(user, modal.data.custom_id, { reasons: ['bogus'], comment: '' });
    await fake.dispatchInteraction(bogus);
    expect((await fake.originalEditFor(bogus)).body.content).toContain('Nothing was saved');
    expect(await feedbackOf(id)).toEqual([]);

    const submit = modalSubmit(user, modal.data.custom_id, {
      reasons: ['outdated', 'incomplete'],
      comment: 'The 2023 policy changed.',
    });
    await fake.dispatchInteraction(submit);
    expect((await fake.originalEditFor(submit)).body.content).toBe('Thanks — noted: outdated, incomplete.');
    expect(await feedbackOf(id)).toMatchObject([
      {
        kind: 'vote',
        value: 'down',
        reasons: ['outdated', 'incomplete'],
        comment: 'The 2023 policy changed.',
      },
    ]);
  });

  it('an expired interaction (Unknown interaction, 10062) is logged, stores nothing, and the adapter goes on', async () => {
    const id = await ask();
    const click = buttonClick(discordUser(8), vote(id, 'up'));
    fake.failWhen((c) => c.path === `/interactions/${click.id}/${click.token}/callback`, 404, {
      message: 'Unknown interaction',
      code: 10062,
    });
    await fake.dispatchInteraction(click);
    await vi.waitFor(() =>
      expect(
        sawLog(
          'interaction expired or already answered; the user saw Discord\'s "interaction failed"',
          click.id,
        ),
      ).toBe(true),
    );
    expect(await feedbackOf(id)).toEqual([]);
    const next = buttonClick(discordUser(8), vote(id, 'up'));
    await fake.dispatchInteraction(next);
    expect((await fake.originalEditFor(next)).body.content).toContain('recorded');
  });

  it('Manage Messages in the moderators channel counts as moderator: dismiss closes the review', async () => {
    const id = await ask();
    const correction = modalSubmit(
      discordUser(9),
      encodeCustomId({ kind: 'correct-modal', interactionId: id }),
      {
        correction: 'Better text.',
      },
    );
    await fake.dispatchInteraction(correction);
    expect((await fake.originalEditFor(correction)).body.content).toBe(
      'Thanks! Your correction was sent to the moderators for review.',
    );
    const [review] = (await core.listReviews('open')).filter((r) => r.interactionId === id);
    const dismiss = encodeCustomId({ kind: 'review', reviewId: review!.id, action: 'dismiss' });

    // Manage Messages elsewhere (not in the moderators channel) is not enough.
    const elsewhere = buttonClick(discordUser(10, { permissions: MANAGE_MESSAGES }), dismiss);
    await fake.dispatchInteraction(elsewhere);
    expect((await fake.originalEditFor(elsewhere)).body.content).toContain('Only moderators');

    const since = fake.mark();
    const click = buttonClick(discordUser(10, { permissions: MANAGE_MESSAGES }), dismiss, {
      channelId: DISCORD_IDS.moderators,
    });
    await fake.dispatchInteraction(click);
    expect((await fake.originalEditFor(click)).body.content).toBe('Done — the review is dismissed.');
    expect((await core.getReviewView(review!.id)).review).toMatchObject({
      status: 'dismissed',
      resolution: { action: 'dismiss', actor: { userId: discordUser(10).id, isModerator: true } },
    });
    const edit = fake.find(
      (c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${DISCORD_IDS.moderators}/messages/`),
      since,
    );
    expect(edit.map((c) => c.body.components)).toEqual([[]]);
  });

  it('a REST error while posting the review is logged; votes are stored and every user still gets the ack', async () => {
    const id = await ask();
    fake.failWhen(
      (c) => c.method === 'POST' && c.path === `/channels/${DISCORD_IDS.moderators}/messages`,
      500,
      { message: 'Internal Server Error', code: 0 },
    );
    for (const n of [11, 12, 13]) {
      const click = buttonClick(discordUser(n), vote(id, 'down'));
      await fake.dispatchInteraction(click);
      expect((await fake.originalEditFor(click)).body.content).toContain('your 👎 is recorded');
    }
    expect(await feedbackOf(id)).toHaveLength(3);
    const [review] = (await core.listReviews('open')).filter((r) => r.interactionId === id);
    expect(review!.threads).toEqual([]);
    expect(
      logger.lines.some(
        (l) => l.msg === 'platform call failed' && (l.obj as { what?: string }).what === 'postReview',
      ),
    ).toBe(true);
  });

  it('Update instructions: long instructions span two pre-filled inputs; the submission becomes the next version', async () => {
    const id = await ask();
    const correction = modalSubmit(
      discordUser(14),
      encodeCustomId({ kind: 'correct-modal', interactionId: id }),
      {
        correction: 'Something else.',
      },
    );
    await fake.dispatchInteraction(correction);
    await fake.originalEditFor(correction);
    const [review] = (await core.listReviews('open')).filter((r) => r.interactionId === id);
    const before = await store.instructions.add(`${'I'.repeat(4500)}`, undefined, undefined, new Date());

    const moderator = discordUser(15, { roles: [DISCORD_IDS.moderatorRole] });
    const where = { channelId: DISCORD_IDS.moderators };
    const open = buttonClick(
      moderator,
      encodeCustomId({ kind: 'review', reviewId: review!.id, action: 'instructions' }),
      where,
    );
    const modal = (await fake.dispatchInteraction(open)).body;
    expect(modal.type).toBe(9);
    const [first, second] = modal.data.components.map((c: { component: { value?: string } }) => c.component);
    expect(first.value).toBe('I'.repeat(4000));
    expect(second).toMatchObject({ value: 'I'.repeat(500), required: false, max_length: 4000 });

    const submit = modalSubmit(
      moderator,
      modal.data.custom_id,
      { instructions1: 'I'.repeat(4000), instructions2: 'J'.repeat(500) },
      where,
    );
    await fake.dispatchInteraction(submit);
    expect((await fake.originalEditFor(submit)).body.content).toBe(
      `Done — the assistant's instructions are now version ${before.version + 1}.`,
    );
    expect(await core.currentInstructions()).toBe(`${'I'.repeat(4000)}${'J'.repeat(500)}`);
    expect((await core.getReviewView(review!.id)).review.status).toBe('resolved');
  });
});
