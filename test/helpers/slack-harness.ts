import { afterAll } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/index.ts';
import type { BoltTuning } from '../../adapters/slack/transport/bolt-app.ts';
import type { SlackConfig } from '../../src/config.ts';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Answerer, Metrics } from '../../src/core/ports.ts';
import type { ReviewPolicyConfig } from '../../src/core/review-policy.ts';
import { startHttpServer } from '../../src/http/http-server.ts';
import type { MongoFeedbackStore } from '../../src/store/mongo-feedback-store.ts';
import { openTestStore } from './db.ts';
import { FakeSlack } from './fake-slack.ts';
import { fixedAnswerer, ManualClock, memoryLogger } from './fakes.ts';
import { SlackHttpClient, TEST_SIGNING_SECRET } from './slack-signer.ts';

export const MODS = 'CMODS';
export const BOT_TOKEN = 'xoxb-test-bot-token-1234';
export const APP_TOKEN = 'xapp-1-test-app-token-5678';

export interface SlackHarness {
  store: MongoFeedbackStore;
  core: FeedbackCore;
  clock: ManualClock;
  logger: ReturnType<typeof memoryLogger>;
  fake: FakeSlack;
  adapter: SlackAdapter;
  /** HTTP mode only: signed requests to heed's /slack/events on the shared listener. */
  slack: SlackHttpClient;
}

/**
 * The real heed Slack adapter (real Bolt) over a real core and database, talking to a fake Slack Web
 * API on 127.0.0.1. Call at a test file's top level (it opens the file's database); closed after the file.
 */
export async function startSlackHarness(opts: {
  prefix: string;
  mode?: 'http' | 'socket';
  config?: Partial<SlackConfig>;
  answerer?: Answerer;
  policy?: ReviewPolicyConfig;
  /** Transport overrides; the default waits for handlers (processBeforeResponse: true). */
  bolt?: BoltTuning;
  metrics?: Metrics;
}): Promise<SlackHarness> {
  const store = await openTestStore(opts.prefix);
  const fake = await new FakeSlack().start();
  const socket = opts.mode === 'socket';
  if (socket) await fake.socketMode();
  const clock = new ManualClock();
  const logger = memoryLogger();
  const core = new FeedbackCore({
    store,
    answerer: opts.answerer ?? fixedAnswerer('Reset it from Settings → Security.'),
    clock,
    logger,
    policy: opts.policy,
    // The adapter's own tests see every root refresh (the throttle is the core's, tested there).
    reviewRefreshMs: 0,
  });
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    signingSecret: TEST_SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    moderatorsChannel: MODS,
    digestChannel: 'CDIGEST',
    moderatorIds: [],
    ...(socket ? { appToken: APP_TOKEN } : {}),
    ...opts.config,
  };
  const adapter = createSlackAdapter({
    config,
    core,
    logger,
    bolt: { processBeforeResponse: true, retryConfig: { retries: 0 }, ...opts.bolt },
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
  });
  core.attachPlatform(adapter);
  await adapter.start();
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes: adapter.routes(), logger });
  afterAll(async () => {
    await adapter.stop();
    await server.close();
    await fake.close();
  });
  return {
    store,
    core,
    clock,
    logger,
    fake,
    adapter,
    slack: new SlackHttpClient(`http://127.0.0.1:${server.port}/slack/events`),
  };
}

/** Everything heed stored, for "nothing stored" assertions. */
export async function storedCounts(store: MongoFeedbackStore) {
  const [interactions, feedback, reviews, knowledge, instructions] = await Promise.all(
    ['interactions', 'feedback', 'reviews', 'knowledge', 'instructions'].map((c) =>
      store.db.collection(c).countDocuments({}),
    ),
  );
  return { interactions, feedback, reviews, knowledge, instructions };
}
