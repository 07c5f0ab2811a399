import {
  DiscordAPIError,
  type Interaction,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import type { DiscordConfig } from '../../src/config.ts';
import { errorMessage, isUserFacing } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/ports.ts';
import { refusalText } from './moderators.ts';
import type { MessageRow } from './render/components.ts';
import { clip, DISCORD, NO_MENTIONS } from './render/limits.ts';

/** Acknowledges within Discord's 3 seconds; the answer follows with `replyPrivately`. */
export function deferPrivately(i: RepliableInteraction): Promise<unknown> {
  return i.deferReply({ flags: MessageFlags.Ephemeral });
}

/** An ephemeral answer, whatever has been sent for this interaction so far. */
export async function replyPrivately(
  i: RepliableInteraction,
  content: string,
  components: MessageRow[] = [],
) {
  const body = { content: clip(content, DISCORD.content), components, allowedMentions: NO_MENTIONS };
  if (i.deferred && !i.replied) await i.editReply(body);
  else if (i.replied) await i.followUp({ ...body, flags: MessageFlags.Ephemeral });
  else await i.reply({ ...body, flags: MessageFlags.Ephemeral });
}

const GONE: unknown[] = [
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
];

/**
 * The one place a failed interaction ends up: logs with context (never the token), tells the user
 * what happened when Discord still lets us, and never throws.
 */
export async function reportFailure(
  i: Interaction,
  err: unknown,
  ctx: { logger: Logger; config: DiscordConfig },
  what: string,
): Promise<void> {
  const code = err instanceof DiscordAPIError ? err.code : undefined;
  const context = { interactionId: i.id, what, userId: i.user.id, code, err: errorMessage(err) };
  if (GONE.includes(code)) {
    ctx.logger.warn(
      context,
      'interaction expired or already answered; the user saw Discord\'s "interaction failed"',
    );
    return;
  }
  if (isUserFacing(err)) ctx.logger.info(context, 'interaction refused');
  else ctx.logger.error(context, 'interaction failed');
  if (!i.isRepliable()) return;
  try {
    await replyPrivately(i, userText(err, ctx.config));
  } catch (replyErr) {
    ctx.logger.warn(
      { ...context, replyErr: errorMessage(replyErr) },
      'could not tell the user about the failure',
    );
  }
}

function userText(err: unknown, config: DiscordConfig): string {
  if (!isUserFacing(err)) return 'Sorry — something went wrong on our side. Please try again in a moment.';
  if (err.code === 'forbidden') return refusalText(config);
  if (err.code === 'invalid_input') return `That did not work: ${err.message}. Nothing was saved.`;
  return err.message;
}
