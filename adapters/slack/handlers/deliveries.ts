import { atBoundary } from '../boundary.ts';
import type { SlackContext } from './context.ts';
import { obj, str } from './payload.ts';

/**
 * The key a Slack delivery is de-duplicated by, read from the request body Bolt hands a listener:
 * an Events API callback by its event id, a slash command by its trigger id, a block action by who
 * clicked which element when (Slack re-sends the same action_ts on a retry). Undefined for what is
 * never de-duplicated: modal submissions (their input is validated and their writes are idempotent),
 * and bodies missing the id, which could only collide with each other.
 */
export function deliveryKey(body: unknown): string | undefined {
  const type = str(body, 'type');
  if (type === 'event_callback') {
    const eventId = str(body, 'event_id');
    return eventId ? `slack:event:${eventId}` : undefined;
  }
  if (type === 'block_actions') {
    const actions = (body as { actions?: unknown }).actions;
    const action = Array.isArray(actions) ? actions[0] : undefined;
    const userId = str(obj(body, 'user'), 'id');
    const actionId = str(action, 'action_id');
    const actionTs = str(action, 'action_ts');
    return userId && actionId && actionTs ? `slack:action:${userId}:${actionId}:${actionTs}` : undefined;
  }
  if (type === undefined && str(body, 'command')) {
    const triggerId = str(body, 'trigger_id');
    return triggerId ? `slack:command:${triggerId}` : undefined;
  }
  return undefined;
}

export interface DeliveryScope {
  /** What is being handled, for the log ("app_mention", "/ask", "action vote" …). */
  what: string;
  /** Log context (channel, user, event id); never tokens. */
  context: Record<string, unknown>;
  /** How to tell the person about a failure, where they can be told. */
  reply?: (message: string) => Promise<void>;
}

/**
 * The one place Slack deliveries are claimed (`core.claimDelivery`, durable across restarts and
 * instances): every heed listener runs its work through here, after its ack, so a redelivery (a
 * retry after a slow ack, a Socket Mode reconnect) does nothing twice. The claim runs inside the
 * boundary and after the ack, so a slow or unavailable database delays no ack and its user is told.
 */
export async function runDelivery(
  ctx: Pick<SlackContext, 'core' | 'logger'>,
  body: unknown,
  scope: DeliveryScope,
  run: () => Promise<void>,
): Promise<void> {
  const key = deliveryKey(body);
  await atBoundary(
    ctx.logger,
    scope.what,
    scope.context,
    async () => {
      if (key && !(await ctx.core.claimDelivery(key))) return;
      await run();
    },
    scope.reply,
  );
}
