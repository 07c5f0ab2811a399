import type { App } from '@slack/bolt';
import type { Logger } from '../../../src/core/ports.ts';
import { NOT_HEED } from '../ids.ts';
import { logId, str } from './payload.ts';

/**
 * On heed's own App, every action and modal whose id is not heed's is acknowledged at once (so Slack
 * does not show the user a timeout) and logged. On the team's App those ids belong to the team's own
 * handlers, so this is not registered there.
 */
export function ackForeignIds(app: App, logger: Logger): void {
  app.action(NOT_HEED, async ({ ack, action }) => {
    await ack();
    const id = str(action, 'action_id') ?? str(action, 'callback_id');
    logger.warn({ actionId: logId(id) }, 'ignored an action that is not heed’s');
  });
  app.view(NOT_HEED, async ({ ack, view }) => {
    await ack();
    logger.warn({ callbackId: logId(view.callback_id) }, 'ignored a modal that is not heed’s');
  });
}
