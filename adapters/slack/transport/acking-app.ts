import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import { errorMessage } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports.ts';

/**
 * Bolt's App with a catch-all after every listener: a request that no listener acknowledged (a
 * shortcut, a closed modal, an options request, a body Bolt cannot classify, …) is acknowledged as soon
 * as Bolt is done with it, instead of waiting for the receiver's 3-second "not acknowledged" 404 — which
 * Slack would retry. Listeners keep acknowledging first themselves; this only fills the gap.
 */
export class AckingApp extends App {
  private readonly unhandledLogger: Logger;

  constructor(options: AppOptions, logger: Logger) {
    super(options);
    this.unhandledLogger = logger;
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    let acked = false;
    const ack: ReceiverEvent['ack'] = (response) => {
      acked = true;
      return event.ack(response);
    };
    try {
      await super.processEvent({ ...event, ack });
    } finally {
      if (!acked) await this.ackUnhandled(event);
    }
  }

  private async ackUnhandled(event: ReceiverEvent): Promise<void> {
    const body = event.body as Record<string, unknown> | undefined;
    const inner = body?.event as Record<string, unknown> | undefined;
    this.unhandledLogger.debug(
      {
        type: clip(body?.type),
        ...(inner ? { eventType: clip(inner.type) } : {}),
        ...(body?.callback_id !== undefined ? { callbackId: clip(body.callback_id) } : {}),
      },
      'acknowledged a Slack request no heed listener handled',
    );
    try {
      await event.ack();
    } catch (err) {
      // The receiver already answered (its timeout fired during a very slow run): nothing left to do.
      this.unhandledLogger.debug({ err: errorMessage(err) }, 'late acknowledgement skipped');
    }
  }
}

const clip = (v: unknown) => (typeof v === 'string' ? v.slice(0, 80) : typeof v);
