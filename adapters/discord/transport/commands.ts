import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type REST,
  type RESTPutAPIApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import type { DiscordConfig } from '../../../src/config.ts';
import { errorMessage } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports.ts';
import { LIMITS } from '../../../src/core/schemas.ts';

export const ASK = { name: 'ask', option: 'question' } as const;

/** heed's slash commands, as Discord's bulk-overwrite endpoint takes them. */
export const COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    type: ApplicationCommandType.ChatInput,
    name: ASK.name,
    description: 'Ask the assistant a question',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: ASK.option,
        description: 'What do you want to know?',
        required: true,
        max_length: LIMITS.question,
      },
    ],
  },
];

/**
 * Registers the commands with a bulk overwrite (idempotent: the same body leaves the same commands):
 * guild-scoped when DISCORD_GUILD_ID is set (visible at once), global otherwise. A failure is logged
 * and start-up goes on: commands registered earlier keep working.
 */
export async function registerCommands(rest: REST, config: DiscordConfig, logger: Logger): Promise<boolean> {
  const scope = config.guildId ? 'guild' : 'global';
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  try {
    await rest.put(route, { body: COMMANDS });
    logger.info(
      { scope, guildId: config.guildId, commands: COMMANDS.map((c) => c.name) },
      'slash commands registered',
    );
    return true;
  } catch (err) {
    logger.error({ scope, err: errorMessage(err) }, 'could not register slash commands');
    return false;
  }
}
