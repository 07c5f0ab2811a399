import {
  DiscordAPIError,
  type Interaction,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import { errorMessage, isUserFacing } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { DiscordContext } from './handlers/router.ts';
import type { MessageRow } from './render/components.ts';
import { clip, DISCORD, NO_MENTIONS } from './render/limits.ts';
import { refusalText } from './render/replies.ts';

type BoundaryContext = Pick<DiscordContext, 'logger' | 'platform'>;

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

/**
 * The dispatch boundary: runs heed's part of one interaction; whatever it throws ends up in
 * `reportFailure`, so nothing escapes to the gateway.
 */
export async function atBoundary(
  i: Interaction,
  what: string,
  ctx: BoundaryContext,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    await reportFailure(i, err, ctx, what);
  }
}

/** Last resort for the client's listener: a failure that got past `atBoundary` is still only logged. */
export function logEscaped(logger: Logger, err: unknown): void {
  logger.error({ err: errorMessage(err) }, 'interaction handler escaped the boundary');
}

const GONE: unknown[] = [
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
];

/**
 * The one place a failed interaction ends up: logs with context (never the token), tells the user
 * what happened when Discord still lets us, and never throws. What the user caused (a refusal,
 * invalid input) is a warning; anything else is an error.
 */
async function reportFailure(i: Interaction, err: unknown, ctx: BoundaryContext, what: string) {
  const code = err instanceof DiscordAPIError ? err.code : undefined;
  const context = { interactionId: i.id, what, userId: i.user.id, code, err: errorMessage(err) };
  if (GONE.includes(code)) {
    // Discord's 3-second window closed (or another instance answered): nothing left to tell the user.
    ctx.logger.warn(
      context,
      'interaction expired or already answered; the user saw Discord\'s "interaction failed"',
    );
    return;
  }
  if (isUserFacing(err)) ctx.logger.warn(context, 'interaction refused');
  else ctx.logger.error(context, 'interaction failed');
  if (!i.isRepliable()) return;
  try {
    await replyPrivately(i, userText(err, ctx.platform.config));
  } catch (replyErr) {
    ctx.logger.warn(
      { ...context, replyErr: errorMessage(replyErr) },
      'could not tell the user about the failure',
    );
  }
}

function userText(err: unknown, config: DiscordContext['platform']['config']): string {
  if (!isUserFacing(err)) return 'Sorry — something went wrong on our side. Please try again in a moment.';
  if (err.code === 'forbidden') return refusalText(config);
  if (err.code === 'invalid_input') return `That did not work: ${err.message}. Nothing was saved.`;
  return err.message;
}
