import { startAckFront } from '../adapters/slack/transport/ack-front.ts';
import { isLoopbackHost } from '../adapters/web/index.ts';
import { loadSeedKnowledge } from './answerer/index.ts';
import { attachAdapters, buildCore } from './compose.ts';
import { type Config, loadConfig } from './config.ts';
import { errorMessage, HeedError } from './core/errors.ts';
import type { FeedbackCore } from './core/feedback-core.ts';
import { type OpsCounts, opsCounts } from './core/insights/ops-counts.ts';
import type { FeedbackStore, Logger } from './core/ports.ts';
import { startHttpServer } from './http/http-server.ts';
import { PromMetrics } from './http/metrics.ts';
import { opsRoutes } from './http/ops-routes.ts';
import { createLogger } from './logger.ts';
import { BACKGROUND_NICE, lowerAllBut } from './process-priority.ts';
import { startScheduler } from './scheduler/index.ts';
import { childrenOf, databaseProcesses } from './store/db-processes.ts';
import { watchDatabase } from './store/db-watchdog.ts';
import { openDatabase } from './store/open-database.ts';

/** How often the embedded PostgreSQL's new backends are put behind the Slack ack front. */
const BACKEND_PRIORITY_MS = 1000;
export interface Heed {
  url: string;
  config: Config;
  core: FeedbackCore;
  /** The store the core was built on (operations and tests; adapters only talk to the core). */
  store: FeedbackStore;
  stop(): Promise<void>;
}

/** The one composition root: config → store → core → adapters → HTTP listener → scheduler. */
export async function startHeed(
  opts: {
    env?: NodeJS.ProcessEnv;
    logger?: Logger;
    /** Called once when the embedded database's process died (npm start: exit non-zero). */
    onDatabaseLost?: (message: string) => void;
    /**
     * Slack HTTP mode: acknowledge clicks from a thread of their own (adapters/slack/transport/
     * ack-front.ts) that owns the public port; heed itself then listens on loopback behind it. When
     * the thread dies, `onDatabaseLost` is called too (heed no longer listens). `prioritize` also puts
     * every other thread of this process, and the embedded database, at nice 10 (process-priority.ts).
     * npm start turns both on.
     */
    ackFront?: { prioritize?: boolean };
  } = {},
): Promise<Heed> {
  const env = opts.env ?? process.env;
  const config = loadConfig(env);
  // The playground has no login: with no platform to serve, listen on loopback only.
  const host = config.slack || config.discord ? '0.0.0.0' : '127.0.0.1';
  if (config.playground && !isLoopbackHost(host) && !config.playgroundToken)
    throw new HeedError(
      'config',
      `Invalid configuration: HEED_PLAYGROUND_TOKEN is required when the playground listens beyond loopback (heed listens on ${host} because Slack or Discord is configured). Set it to a random secret of at least 16 characters, or set HEED_PLAYGROUND=0.`,
    );
  const logger = opts.logger ?? createLogger(config.logLevel);
  // Created first so the store can count its retries; its database gauges read the core once it exists.
  let counts: () => Promise<OpsCounts> = () => Promise.reject(new Error('heed is starting'));
  const metrics = new PromMetrics(() => counts(), logger);
  const database = await openDatabase(config.mongo, logger, env, { metrics });
  const cleanups: (() => Promise<void>)[] = [() => database.close()];
  if (database.embedded) {
    const onLost = opts.onDatabaseLost ?? (() => {});
    const watchdog = watchDatabase({ uri: database.embedded.uri, logger, onLost });
    cleanups.push(async () => watchdog.stop());
  }
  const stop = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((err) => logger.error({ err: errorMessage(err) }, 'stop failed'));
  };
  try {
    const { store } = database;
    const { core, answerer } = buildCore(config, store, logger, metrics);
    counts = () => opsCounts(store, core.clock.now());
    const seeded = await loadSeedKnowledge({
      dir: config.knowledgeDir,
      store,
      patternKey: (q) => core.patternKey(q),
      logger,
    });
    logger.info(
      { answerer: answerer.describe(), ...seeded, errors: seeded.errors.length },
      'knowledge ready',
    );

    const adapters = await attachAdapters(config, core, logger, { playground: config.playground, metrics });
    const signingSecret = opts.ackFront && !config.slack?.appToken ? config.slack?.signingSecret : undefined;
    const server = await startHttpServer({
      // Behind the ack front, heed's own listener is loopback only (the playground then needs its
      // token anyway: Slack is configured, so the front listens beyond loopback).
      port: signingSecret ? 0 : config.port,
      host: signingSecret ? '127.0.0.1' : host,
      routes: [...opsRoutes({ ping: () => store.ping(), metrics }), ...adapters.flatMap((a) => a.routes())],
      logger,
    });
    cleanups.push(() => server.close());
    for (const adapter of adapters) {
      await adapter.start();
      cleanups.push(() => adapter.stop());
    }
    // Cleanups run in reverse: the pending review refreshes go out while the platforms and store are up.
    cleanups.push(() => core.close());
    let url = server.url;
    if (signingSecret) {
      const front = await startAckFront({
        port: config.port,
        host,
        innerPort: server.port,
        signingSecret,
        metrics,
        logger,
        onLost: opts.onDatabaseLost ?? (() => {}),
      });
      // First to close: no new click is acknowledged once heed starts stopping.
      cleanups.push(() => front.close());
      url = front.url;
      const db = database.embedded ? await databaseProcesses(database.embedded.uri) : [];
      const lowered = front.tid
        ? lowerAllBut(
            front.tid,
            db.map((p) => p.pid),
          ).threads
        : 0;
      // PostgreSQL forks a backend per new connection, each in a scheduling group of its own.
      if (front.tid && db.length > 0) {
        const servers = db.filter((p) => p.role !== 'backend').map((p) => p.pid);
        let known = new Set(db.map((p) => p.pid));
        const again = setInterval(() => {
          void childrenOf(servers).then((backends) => {
            const fresh = backends.filter((pid) => !known.has(pid));
            known = new Set(backends);
            if (fresh.length > 0) lowerAllBut(front.tid!, fresh);
          });
        }, BACKEND_PRIORITY_MS).unref();
        cleanups.push(async () => clearInterval(again));
      }
      logger.info(
        { threads: lowered, nice: BACKGROUND_NICE },
        'Slack clicks are acknowledged from a thread of their own; heed and its embedded database run behind it',
      );
    }
    // Last: its start-up catch-up may post a missed digest, which needs the platforms connected.
    const scheduler = startScheduler({ config, core, store, logger });
    cleanups.push(() => scheduler.stop());
    return { url, config, core, store, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function main(): Promise<void> {
  let heed: Heed;
  try {
    heed = await startHeed({
      ackFront: { prioritize: true },
      onDatabaseLost(message) {
        console.error(message);
        // Stop what still runs (HTTP listener, the rest of the database stack), but exit regardless.
        setTimeout(() => process.exit(1), 5000).unref();
        void heed?.stop().finally(() => process.exit(1));
      },
    });
  } catch (err) {
    console.error(`heed could not start: ${errorMessage(err)}`);
    process.exit(1);
  }
  const platforms = heed.core.platforms.all().map((p) => p.platform);
  console.error(`heed is running on ${heed.url} (platforms: ${platforms.join(', ') || 'none'})`);
  if (heed.config.playground) console.error(`playground: ${heed.url}/`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping heed`);
    heed.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
