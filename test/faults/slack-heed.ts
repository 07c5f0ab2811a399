import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from 'mongodb';
import { type Heed, startHeed } from '../../src/main.ts';
import type { MongoFeedbackStore } from '../../src/store/mongo-feedback-store.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { type LogLine, memoryLogger } from '../helpers/fakes.ts';
import { SlackHttpClient, TEST_SIGNING_SECRET } from '../helpers/slack-signer.ts';

const FAULT_BOT_TOKEN = 'xoxb-fault-harness-token-0001';
export const MODS_CHANNEL = 'CMODS';
export const DIGEST_CHANNEL = 'CDIGEST';
export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SlackHeed {
  heed: Heed;
  fake: FakeSlack;
  /** Signed requests to this instance's /slack/events. */
  slack: SlackHttpClient;
  /** heed's own HTTP base (127.0.0.1). */
  base: string;
  db: Db;
  /** The database address heed uses (the embedded one when no MONGODB_URI was given). */
  uri: string;
  logger: ReturnType<typeof memoryLogger>;
  stop(): Promise<void>;
}

/** The environment `npm start` gets for Slack HTTP mode against a fake Slack Web API. */
export function slackEnv(fake: FakeSlack, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.FERRETDB_BIN ? { FERRETDB_BIN: process.env.FERRETDB_BIN } : {}),
    ...(process.env.PG_BIN ? { PG_BIN: process.env.PG_BIN } : {}),
    ...(process.env.HEED_CHILD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.HEED_CHILD_NODE_OPTIONS } : {}),
    PORT: '0',
    LOG_LEVEL: 'warn',
    KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
    SLACK_BOT_TOKEN: FAULT_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_MODERATORS_CHANNEL: MODS_CHANNEL,
    SLACK_DIGEST_CHANNEL: DIGEST_CHANNEL,
    ...extra,
  };
}

/**
 * The real startHeed (src/main.ts) in Slack HTTP mode with production settings (ack before the
 * handler runs), talking to a fake Slack. Without `mongoUri` heed starts its own embedded database
 * under a fresh data directory — the one a fault test may pause or kill.
 */
export async function startSlackHeed(
  opts: {
    mongoUri?: string;
    dbName?: string;
    fake?: FakeSlack;
    env?: Record<string, string>;
    /** Keep only warnings and errors, at most 1,000 (long benches). */
    quiet?: boolean;
    /** Clicks acknowledged by the ack front thread, as npm start does (without its priorities). */
    ackFront?: boolean;
  } = {},
): Promise<SlackHeed> {
  const fake = opts.fake ?? (await new FakeSlack().start());
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'heed-fault-'));
  const logger = opts.quiet ? quietLogger() : memoryLogger();
  const env = slackEnv(fake, {
    HEED_DATA_DIR: dataDir,
    ...(opts.mongoUri ? { MONGODB_URI: opts.mongoUri } : {}),
    ...(opts.dbName ? { MONGODB_DB: opts.dbName } : {}),
    ...opts.env,
  });
  const lost: string[] = [];
  const heed = await startHeed({
    env,
    logger,
    onDatabaseLost: (m) => lost.push(m),
    ...(opts.ackFront ? { ackFront: {} } : {}),
  });
  const store = heed.store as MongoFeedbackStore;
  const base = heed.url.replace('localhost', '127.0.0.1');
  let stopped = false;
  return {
    heed,
    fake,
    base,
    slack: new SlackHttpClient(`${base}/slack/events`),
    db: store.db,
    uri: `mongodb://${store.client.options.hosts[0]!.toString()}/`,
    logger,
    async stop() {
      if (stopped) return;
      stopped = true;
      await heed.stop();
      if (!opts.fake) await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A memory logger that keeps only the first 1,000 warnings and errors. */
function quietLogger(): ReturnType<typeof memoryLogger> {
  const lines: LogLine[] = [];
  const make = (bindings: Record<string, unknown>): ReturnType<typeof memoryLogger> => {
    const keep = (level: string) => (obj: object, msg?: string) => {
      if (lines.length < 1000) lines.push({ level, obj: { ...bindings, ...obj }, msg });
    };
    return {
      lines,
      debug() {},
      info() {},
      warn: keep('warn'),
      error: keep('error'),
      child: (b) => make({ ...bindings, ...b }),
    };
  };
  return make({});
}
