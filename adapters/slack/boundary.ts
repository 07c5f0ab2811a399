import type { webApi } from '@slack/bolt';
import { isUserFacing } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { KnownBlock } from './render/text.ts';
import { errorContext, slackErrorInfo } from './transport/slack-errors.ts';

export interface Recipient {
  userId: string;
  channelId?: string;
  threadTs?: string;
}

/**
 * Tells one person something only they see: an ephemeral message where they are, else a DM. A failure
 * here is logged and swallowed: the reply is a courtesy, the recorded data stands.
 */
export async function tellUser(
  client: webApi.WebClient,
  logger: Logger,
  to: Recipient,
  text: string,
  blocks?: KnownBlock[],
): Promise<void> {
  if (to.channelId) {
    try {
      await client.chat.postEphemeral({
        channel: to.channelId,
        user: to.userId,
        text,
        ...(blocks ? { blocks } : {}),
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
      });
      return;
    } catch (err) {
      logger.warn({ ...errorContext(err), channel: to.channelId, user: to.userId }, 'ephemeral reply failed');
    }
  }
  try {
    await client.chat.postMessage({ channel: to.userId, text, ...(blocks ? { blocks } : {}) });
  } catch (err) {
    logger.warn({ ...errorContext(err), user: to.userId }, 'direct-message reply failed');
  }
}

/**
 * The one place where a Slack handler's failure is caught: logged with context (never tokens), the user
 * told clearly where possible, and the process kept alive.
 */
export async function atBoundary(
  logger: Logger,
  what: string,
  context: Record<string, unknown>,
  run: () => Promise<void>,
  reply?: (message: string) => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (err) {
    // A user's own mistake (too long, unknown id) is a warning; anything else is ours to look at.
    const level = isUserFacing(err) ? 'warn' : 'error';
    logger[level]({ ...errorContext(err), what, ...context }, 'slack handler failed');
    if (!reply) return;
    try {
      await reply(userMessageFor(err));
    } catch (replyErr) {
      logger.warn(
        { ...errorContext(replyErr), what, ...context },
        'could not tell the user about the failure',
      );
    }
  }
}

const SLACK_MESSAGES: Record<string, string> = {
  not_in_channel: 'I am not a member of this channel. Invite me with `/invite @heed` and try again.',
  channel_not_found: 'I cannot see that channel. Invite me to it (or ask an admin to) and try again.',
  ratelimited: 'Slack is rate-limiting me right now. Please try again in a minute.',
  invalid_auth: 'heed cannot authenticate with Slack right now; an admin has been told (see heed logs).',
  not_authed: 'heed cannot authenticate with Slack right now; an admin has been told (see heed logs).',
  token_revoked: 'heed cannot authenticate with Slack right now; an admin has been told (see heed logs).',
  expired_trigger_id: 'That took too long. Please click the button again.',
};

/** What to tell the person whose click / message / command failed. */
function userMessageFor(err: unknown): string {
  if (isUserFacing(err)) return err.message;
  const slack = slackErrorInfo(err);
  // Slack's error code is outside input: an own-key check keeps `constructor` and the like out.
  const code = slack?.slackError;
  const known = code && Object.hasOwn(SLACK_MESSAGES, code) ? SLACK_MESSAGES[code] : undefined;
  return known ?? 'Sorry, something went wrong on heed’s side. Please try again in a moment.';
}
