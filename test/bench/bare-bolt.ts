import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

// The click bench's baseline, in its own process like heed: the same Bolt version and receiver, one
// action handler that only acknowledges. Prints its port on stdout.
const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  processBeforeResponse: false,
});
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } },
});
app.action('heed_vote', async ({ ack }) => {
  await ack();
});
const server = (await app.start(0)) as unknown as { address(): AddressInfo };
process.stdout.write(`bare bolt on ${server.address().port}\n`);
process.on('SIGTERM', () => process.exit(0));
