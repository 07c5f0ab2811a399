import type { Client, Message, RepliableInteraction } from 'discord.js';
import type { PlatformAdapter } from '../../adapters/adapter.ts';
import { displayName } from '../../adapters/discord/handlers/actor.ts';
import { createDiscordAdapter } from '../../adapters/discord/index.ts';
import { answerMessages, feedbackControls } from '../../adapters/discord/render/answer-message.ts';
import type { MessageRow } from '../../adapters/discord/render/components.ts';
import { NO_MENTIONS } from '../../adapters/discord/render/limits.ts';
import { IdSchema, parseOrThrow } from '../core/schemas.ts';
import { AttachedBinding } from './attached-binding.ts';
import type { AttachedDiscordSettings } from './library-config.ts';
import { type AnswerSource, toSourceRefs } from './sources.ts';

/** Action rows, as discord.js's `reply({ components })` takes them. */
export type DiscordComponents = MessageRow[];

export interface DiscordAnswerInput {
  question: string;
  answer: string;
  /** Knowledge the answer used (hits from `heed.knowledge.search`): reviews show their versions. */
  sources?: readonly AnswerSource[];
  /** How reviews name your agent (default "external"). */
  answerer?: string;
  model?: string;
}

export interface DiscordAnswerPosted {
  interactionId: string;
  channelId: string;
  /** The message holding heed's controls (the last one when a long answer was split). */
  messageId: string;
}

/**
 * heed on the team's own discord.js Client: `register(client)` listens for heed's own component and
 * modal ids on your Client and posts review threads and digests over its REST; every other interaction
 * (your commands, buttons, modals) stays yours. Then heed's controls, and answers posted with them.
 */
export class HeedDiscord extends AttachedBinding<Client, AttachedDiscordSettings> {
  protected readonly names = { call: 'heed.discord.register(client)', target: 'Client', platform: 'Discord' };

  protected adapterFor(client: Client): PlatformAdapter {
    // The token and application id live in the team's client; heed never registers commands there.
    return createDiscordAdapter({
      config: { ...this.settings, token: '', applicationId: '' },
      core: this.core,
      logger: this.logger,
      client,
    });
  }

  /** heed's controls (👍 👎 ✏️ and a 1–5 rating) for an interaction, for a message you send yourself. */
  components(interactionId: string): DiscordComponents {
    return feedbackControls(parseOrThrow(IdSchema, interactionId, 'interaction id'));
  }

  /**
   * Records your bot's answer and replies with it and heed's controls: deferred first when you have
   * not answered the interaction yet, as a follow-up when you already replied.
   */
  async reply(interaction: RepliableInteraction, input: DiscordAnswerInput): Promise<DiscordAnswerPosted> {
    if (!interaction.deferred && !interaction.replied) await interaction.deferReply();
    const recorded = await this.core.recordInteraction({
      question: input.question,
      answer: input.answer,
      ref: {
        platform: 'discord',
        userId: interaction.user.id,
        userName: displayName(interaction),
        ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
        ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
      },
      ...(input.answerer ? { answerer: input.answerer } : {}),
      ...(input.model ? { model: input.model } : {}),
      sources: toSourceRefs(input.sources),
    });
    let last: Message | undefined;
    for (const part of answerMessages(recorded)) {
      const body = { ...part, allowedMentions: NO_MENTIONS };
      last = interaction.replied ? await interaction.followUp(body) : await interaction.editReply(body);
    }
    const posted = last!;
    await this.core.recordAnswerPosted(recorded.id, {
      channelId: posted.channelId,
      messageId: posted.id,
    });
    this.logger.debug({ interactionId: recorded.id }, 'external answer posted on Discord');
    return { interactionId: recorded.id, channelId: posted.channelId, messageId: posted.id };
  }
}
