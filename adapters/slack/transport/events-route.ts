import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger, Metrics } from '../../../src/core/ports.ts';
import type { HttpRoute } from '../../adapter.ts';
import { SLACK_EVENTS_PATH } from './bolt-app.ts';
import { gateSlackRequest } from './request-gate.ts';

export interface EventsRouteOptions {
  receiver: HTTPReceiver;
  signingSecret: string;
  bodyLimit: number;
  metrics: Metrics;
  logger: Logger;
  /** False until the adapter started (and again after it stopped): Slack is answered 503 meanwhile. */
  started: () => boolean;
}

/** HTTP mode's `/slack/events` on heed's shared listener: heed's request gate, then Bolt's receiver. */
export function slackEventsRoute(opts: EventsRouteOptions): HttpRoute {
  const { receiver, logger } = opts;
  const gate = { signingSecret: opts.signingSecret, bodyLimit: opts.bodyLimit, metrics: opts.metrics };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    if (!opts.started()) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Slack adapter not started');
      return;
    }
    // heed's gate first (401 counted, 4xx for what is no Slack payload), then Bolt's own handling:
    // url_verification, routing, acks (the signature was checked here, so Bolt does not again).
    const refused = await gateSlackRequest(req, gate);
    if (refused) {
      logger[refused.status === 401 ? 'warn' : 'debug'](
        { status: refused.status, reason: refused.reason },
        'Slack request refused',
      );
      res.writeHead(refused.status, { 'content-type': 'text/plain' }).end(refused.reason);
      return;
    }
    await new Promise<void>((resolve) => {
      res.once('close', () => resolve());
      receiver.requestListener(req, res);
    });
  };
  return { method: 'POST', path: SLACK_EVENTS_PATH, handler };
}
