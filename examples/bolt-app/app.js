// A team's own Bolt app with heed attached: heed adds its feedback controls, review threads for
// moderators and the knowledge loop; the app keeps its own handlers. Run: node app.js
import { App } from '@slack/bolt';
import { createHeed } from 'heed';

/** Stand-in for your agent: any function from a question (and heed's approved knowledge) to text. */
async function agent(question, knowledge) {
  return knowledge[0]?.answer ?? `My best guess about "${question}": see the handbook.`;
}

export async function startBot(env = process.env, boltOptions = {}) {
  const heed = await createHeed({
    mongodbUri: env.MONGODB_URI,
    slack: { moderatorsChannel: env.SLACK_MODERATORS_CHANNEL },
    env, // everything else (MONGODB_DB, REVIEW_*, DIGEST_*, LOG_LEVEL) as for `npm start`
  });
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    ...boltOptions,
  });
  heed.slack.register(app);

  app.event('app_mention', async ({ event, client }) => {
    const question = event.text.replace(/<@[^>]+>/g, '').trim();
    if (!question) return;
    const knowledge = await heed.knowledge.search(question);
    const answer = await agent(question, knowledge);
    const where = { client, channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    await heed.slack.recordAnswer({ ...where, userId: event.user, question, answer, sources: knowledge });
  });
  // The team's own button: heed handles only ids starting with heed_, so this one stays theirs.
  app.action('team_refresh', async ({ ack, body, client }) => {
    await ack();
    await client.chat.postMessage({ channel: body.channel.id, text: 'Refreshed.' });
  });

  const server = await app.start(Number(env.PORT ?? 3000));
  return {
    app,
    heed,
    server,
    stop: async () => {
      await app.stop();
      await heed.stop();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await startBot();
