import { describe, expect, it, vi } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/ids.ts';
import { startDiscordHarness } from '../../helpers/discord-harness.ts';
import { buttonClick, discordUser, modalSubmit, slashCommand } from '../../helpers/discord-payloads.ts';
import { DISCORD_IDS } from '../../helpers/fake-discord.ts';

const { fake, store, core } = await startDiscordHarness('discord_loop');
const MODS = DISCORD_IDS.moderators;
const moderator = discordUser(90, { globalName: 'Mo Derator', roles: [DISCORD_IDS.moderatorRole] });
const bystander = discordUser(91);

// Shared by the steps below, which run in order: one /ask → review → resolution story.
const state = { interactionId: '', answerMessageId: '', reviewId: '', reviewMessageId: '', threadId: '' };
const voteDown = () => encodeCustomId({ kind: 'vote', interactionId: state.interactionId, value: 'down' });
const reviewButton = (action: 'apply' | 'instructions' | 'dismiss') =>
  encodeCustomId({ kind: 'review', reviewId: state.reviewId, action });

describe('Discord adapter: the full loop over the real discord.js client', () => {
  it('answers /ask (deferred, then edited) with 👍 👎 ✏️ and a 1–5 rating control', async () => {
    const ask = slashCommand(discordUser(1), 'ask', { question: 'What is the refund policy?' });
    const callback = await fake.dispatchInteraction(ask);
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 0 } }); // deferred, public
    const edit = await fake.originalEditFor(ask);
    expect(edit.body.embeds[0]).toMatchObject({
      title: 'What is the refund policy?',
      description: 'The answer.',
    });
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    const [buttons, rating] = edit.body.components;
    const ids = buttons.components.map((c: { custom_id: string }) => decodeCustomId(c.custom_id));
    expect(ids.map((id: { kind: string }) => id.kind)).toEqual(['vote', 'vote', 'correct']);
    expect(buttons.components.map((c: { emoji: { name: string } }) => c.emoji.name)).toEqual([
      '👍',
      '👎',
      '✏️',
    ]);
    expect(rating.components[0]).toMatchObject({ type: 3, min_values: 1, max_values: 1 });
    expect(rating.components[0].options.map((o: { value: string }) => o.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    state.interactionId = ids[0].interactionId;
    state.answerMessageId = edit.response.id;
    // The message ref is written right after the edit went out.
    await vi.waitFor(async () =>
      expect((await store.interactions.get(state.interactionId))?.ref.messageId).toBe(state.answerMessageId),
    );
    const stored = await store.interactions.get(state.interactionId);
    expect(stored?.ref).toMatchObject({
      platform: 'discord',
      userId: discordUser(1).id,
      userName: 'User 1',
      channelId: DISCORD_IDS.channel,
      guildId: DISCORD_IDS.guild,
      messageId: state.answerMessageId,
    });
  });

  it('three users 👎 the pattern → one review message with a thread in the moderators channel', async () => {
    for (const n of [2, 3, 4]) {
      const click = buttonClick(discordUser(n), voteDown(), { messageId: state.answerMessageId });
      expect((await fake.dispatchInteraction(click)).body).toEqual({ type: 5, data: { flags: 64 } });
      const ack = await fake.originalEditFor(click);
      expect(ack.body.content).toContain('your 👎 is recorded');
      expect(decodeCustomId(ack.body.components[0].components[0].custom_id)).toEqual({
        kind: 'why',
        interactionId: state.interactionId,
      });
    }
    const posts = fake.find((c) => c.method === 'POST' && c.path === `/channels/${MODS}/messages`);
    expect(posts).toHaveLength(1);
    const embed = posts[0]!.body.embeds[0];
    expect(embed.title).toContain('What is the refund policy?');
    expect(embed.color).toBe(0xf39c12); // medium priority
    const field = (name: string) => embed.fields.find((f: { name: string }) => f.name === name)?.value;
    expect(field('Negative feedback')).toBe('3 of the last 3 (window 10)');
    expect(field('Answer (excerpt)')).toBe('The answer.');
    expect(field('Suggested action')).toBe('Review and update prompt/instructions');
    const actions = posts[0]!.body.components[0].components.map((c: { custom_id: string }) =>
      decodeCustomId(c.custom_id),
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['apply', 'instructions', 'dismiss']);

    state.reviewMessageId = posts[0]!.response.id;
    const threads = fake.find((c) => c.method === 'POST' && c.path.endsWith('/threads'));
    expect(threads.map((t) => t.path)).toEqual([
      `/channels/${MODS}/messages/${state.reviewMessageId}/threads`,
    ]);
    expect(threads[0]!.body.name).toBe('Review: What is the refund policy?');
    state.threadId = threads[0]!.response.id;
    const [review] = await core.listReviews('open');
    state.reviewId = review!.id;
    expect(review!.threads).toEqual([
      { platform: 'discord', channelId: MODS, messageId: state.reviewMessageId, threadId: state.threadId },
    ]);
  });

  it('a correction via ✏️ goes into the review thread', async () => {
    const user = discordUser(5, { globalName: 'Ada' });
    const click = buttonClick(user, encodeCustomId({ kind: 'correct', interactionId: state.interactionId }));
    const modal = await fake.dispatchInteraction(click);
    expect(modal.body.type).toBe(9);
    expect(modal.body.data.components[0].component).toMatchObject({
      type: 4,
      style: 2,
      required: true,
      max_length: 4000,
    });
    const since = fake.mark();
    const submit = modalSubmit(user, modal.body.data.custom_id, { correction: 'Refunds within 30 days.' });
    await fake.dispatchInteraction(submit);
    expect((await fake.originalEditFor(submit)).body.content).toContain('sent to the moderators');
    const inThread = fake.find(
      (c) => c.method === 'POST' && c.path === `/channels/${state.threadId}/messages`,
      since,
    );
    expect(inThread.map((c) => c.body.content)).toEqual([
      'Ada suggested a correction: "Refunds within 30 days."',
    ]);
    const refreshed = fake.find(
      (c) => c.method === 'PATCH' && c.path === `/channels/${MODS}/messages/${state.reviewMessageId}`,
      since,
    );
    expect(
      refreshed.at(-1)!.body.embeds[0].fields.find((f: { name: string }) => f.name === 'Corrections').value,
    ).toBe('• “Refunds within 30 days.” — Ada');
  });

  it("a non-moderator's review actions are refused ephemerally and change nothing", async () => {
    const since = fake.mark();
    const apply = buttonClick(bystander, reviewButton('apply'), { channelId: MODS });
    const refused = await fake.dispatchInteraction(apply);
    expect(refused.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(refused.body.data.content).toContain('Only moderators can act on reviews');

    const dismiss = buttonClick(bystander, reviewButton('dismiss'), { channelId: MODS });
    await fake.dispatchInteraction(dismiss);
    expect((await fake.originalEditFor(dismiss)).body.content).toContain(
      'Only moderators can act on reviews',
    );

    // A forged form submission is refused by the core as well.
    const forged = modalSubmit(
      bystander,
      encodeCustomId({ kind: 'review-modal', reviewId: state.reviewId, action: 'apply' }),
      { answer: 'Hijacked answer' },
      { channelId: MODS },
    );
    await fake.dispatchInteraction(forged);
    expect((await fake.originalEditFor(forged)).body.content).toContain('Only moderators');

    expect((await core.getReviewView(state.reviewId)).review.status).toBe('open');
    expect(
      await store.knowledge.history((await core.getInteraction(state.interactionId)).patternKey),
    ).toEqual([]);
    expect(fake.find((c) => c.path.startsWith('/channels/'), since)).toEqual([]);
  });

  it('a moderator applies the correction via the pre-filled modal → knowledge stored, message edited, thread archived', async () => {
    const click = buttonClick(moderator, reviewButton('apply'), { channelId: MODS });
    const modal = await fake.dispatchInteraction(click);
    expect(modal.body.type).toBe(9);
    expect(modal.body.data.components[0].component).toMatchObject({
      value: 'Refunds within 30 days.',
      required: true,
    });
    const since = fake.mark();
    const submit = modalSubmit(
      moderator,
      modal.body.data.custom_id,
      { answer: 'Refunds are possible within 30 days of purchase.' },
      { channelId: MODS },
    );
    await fake.dispatchInteraction(submit);
    expect((await fake.originalEditFor(submit)).body.content).toContain('knowledge entry v1');

    const patternKey = (await core.getInteraction(state.interactionId)).patternKey;
    const entry = await store.knowledge.latestForPattern(patternKey);
    expect(entry).toMatchObject({
      answer: 'Refunds are possible within 30 days of purchase.',
      source: 'correction',
      version: 1,
      approvedBy: { platform: 'discord', userId: moderator.id, name: 'Mo Derator', isModerator: true },
    });

    const edited = fake.find(
      (c) => c.method === 'PATCH' && c.path === `/channels/${MODS}/messages/${state.reviewMessageId}`,
      since,
    );
    expect(edited).toHaveLength(1);
    expect(edited[0]!.body.components).toEqual([]);
    const resolution = edited[0]!.body.embeds[0].fields.find(
      (f: { name: string }) => f.name === 'Resolution',
    );
    const applied = `Mo Derator (<@${moderator.id}>) applied the correction to the knowledge base (version 1).`;
    expect(resolution.value.split('\n')[0]).toBe(applied);
    const outcome = fake.find(
      (c) => c.method === 'POST' && c.path === `/channels/${state.threadId}/messages`,
      since,
    );
    expect(outcome.map((c) => c.body.content.split('\n')[0])).toEqual([applied]);
    const archived = fake.find(
      (c) => c.method === 'PATCH' && c.path === `/channels/${state.threadId}`,
      since,
    );
    expect(archived.map((c) => c.body)).toEqual([{ archived: true }]);
    expect((await core.getReviewView(state.reviewId)).review.status).toBe('resolved');
  });

  it('a second resolution attempt is told the review is closed', async () => {
    const click = buttonClick(moderator, reviewButton('instructions'), { channelId: MODS });
    const reply = await fake.dispatchInteraction(click);
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.body.data.content).toBe(
      `This review was already resolved by Mo Derator (<@${moderator.id}>).`,
    );
  });
});
