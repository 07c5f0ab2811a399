import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId } from '../../../adapters/discord/ids.ts';
import type { Answerer } from '../../../src/core/ports.ts';
import { startDiscordHarness } from '../../helpers/discord-harness.ts';
import { discordUser, selectChoice, slashCommand } from '../../helpers/discord-payloads.ts';

// The one boundary of the Discord adapter: what the user caused is a warning, anything else an error;
// either way the user is told ephemerally and the adapter goes on.
const answerer: Answerer = {
  answer: async ({ question }) => {
    if (question.includes('explode')) throw new Error('answerer exploded');
    return { text: 'Fine.', sources: [], answerer: 'fixed' };
  },
};
const { fake, logger } = await startDiscordHarness('discord_boundary', { answerer });
const linesFor = (interactionId: string) =>
  logger.lines.filter((l) => (l.obj as { interactionId?: string }).interactionId === interactionId);

describe('Discord boundary: log levels and what the user is told', () => {
  it('a user-caused failure (an invalid rating) logs "interaction refused" at warn', async () => {
    const ask = slashCommand(discordUser(1), 'ask', { question: 'How are you?' });
    await fake.dispatchInteraction(ask);
    const edit = await fake.originalEditFor(ask);
    const { interactionId } = decodeCustomId(edit.body.components[0].components[0].custom_id) as {
      interactionId: string;
    };
    const bad = selectChoice(discordUser(2), encodeCustomId({ kind: 'rate', interactionId }), ['9']);
    await fake.dispatchInteraction(bad);
    expect((await fake.originalEditFor(bad)).body.content).toContain('Nothing was saved');
    const refused = linesFor(bad.id).filter((l) => l.msg === 'interaction refused');
    expect(refused.map((l) => l.level)).toEqual(['warn']);
    expect(linesFor(bad.id).some((l) => l.level === 'error')).toBe(false);
  });

  it('any other failure logs "interaction failed" at error and tells the user to try again', async () => {
    const ask = slashCommand(discordUser(3), 'ask', { question: 'Please explode now' });
    await fake.dispatchInteraction(ask);
    expect((await fake.originalEditFor(ask)).body.content).toBe(
      'Sorry — something went wrong on our side. Please try again in a moment.',
    );
    const failed = linesFor(ask.id).filter((l) => l.msg === 'interaction failed');
    expect(failed.map((l) => [l.level, (l.obj as { err?: string }).err])).toEqual([
      ['error', 'answerer exploded'],
    ]);
  });
});
