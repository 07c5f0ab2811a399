import { loadSeedKnowledge } from '../answerer/index.ts';
import { buildCore } from '../compose.ts';
import { errorMessage, HeedError } from '../core/errors.ts';
import type { FeedbackCore } from '../core/feedback-core.ts';
import type { Logger } from '../core/ports.ts';
import type { ConversationRef, Interaction } from '../core/types.ts';
import { createLogger } from '../logger.ts';
import { type PostResult, type Scheduler, startScheduler } from '../scheduler/index.ts';
import { openDatabase } from '../store/open-database.ts';
import { HeedDiscord } from './discord-binding.ts';
import { type HeedInstructions, type HeedKnowledge, instructionsFor, knowledgeFor } from './knowledge.ts';
import { libraryConfig } from './library-config.ts';
import type { HeedOptions } from './options.ts';
import { HeedSlack } from './slack-binding.ts';
import { type AnswerSource, toSourceRefs } from './sources.ts';

/** An answer your bot gave and posts itself (then add `heed.slack.controls(id)` / `heed.discord.components(id)`). */
export interface InteractionInput extends ConversationRef {
  question: string;
  answer: string;
  sources?: readonly AnswerSource[];
  /** How reviews name your agent (default "external"). */
  answerer?: string;
  model?: string;
}

/** The weekly digest of this process's scheduler. */
export interface HeedDigest {
  /** Posts the latest period's digest to every digest channel now (once per period and channel). */
  postNow(): Promise<PostResult[]>;
  /** When the schedule fires next (null with `scheduler: false`). */
  nextRun(): Date | null;
}

/** heed inside the team's own process: the same core, reviews, knowledge loop and digest as `npm start`. */
export interface Heed {
  readonly slack: HeedSlack;
  readonly discord: HeedDiscord;
  readonly knowledge: HeedKnowledge;
  readonly instructions: HeedInstructions;
  readonly digest: HeedDigest;
  /** Registers an answer your bot gave; its id goes into heed's controls. */
  recordInteraction(input: InteractionInput): Promise<Interaction>;
  /** The core itself, for what the facade does not cover (reviews, insights). */
  readonly core: FeedbackCore;
  /** Stops the scheduler, lets go of the team's App / Client, closes the database. */
  stop(): Promise<void>;
}

/**
 * Opens the database, builds the core and starts the digest scheduler. Options are the environment
 * variables of `npm start`, validated by the same schema; see the README, "Use heed with your own bot".
 */
export async function createHeed(options: HeedOptions = {}): Promise<Heed> {
  const { config, env, slack: slackSettings, discord: discordSettings, seedDir } = libraryConfig(options);
  const logger: Logger = options.logger ?? createLogger(config.logLevel);
  const database = await openDatabase(config.mongo, logger, env);
  const cleanups: (() => Promise<void>)[] = [() => database.close()];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const cleanup of cleanups.reverse())
        await cleanup().catch((err) => logger.error({ err: errorMessage(err) }, 'stop failed'));
    })();
    return stopped;
  };
  try {
    const { store } = database;
    const { core } = buildCore(config, store, logger);
    if (seedDir) {
      const seeded = await loadSeedKnowledge({
        dir: seedDir,
        store,
        patternKey: (q) => core.patternKey(q),
        logger,
      });
      logger.info({ ...seeded, errors: seeded.errors.length }, 'seed knowledge loaded');
    }
    const slack = new HeedSlack(core, slackSettings, logger.child({ platform: 'slack' }));
    const discord = new HeedDiscord(core, discordSettings, logger.child({ platform: 'discord' }));
    cleanups.push(
      () => slack.stop(),
      () => discord.stop(),
      // Cleanups run in reverse: the pending review refreshes go out while the platforms are attached.
      () => core.close(),
    );
    let scheduler: Scheduler | undefined;
    if (options.scheduler !== false) {
      // Platforms attach later (register); the scheduler's 5-minute sweep posts a digest missed meanwhile.
      const started = startScheduler({ config, core, store, logger });
      scheduler = started;
      cleanups.push(() => started.stop());
    }
    const digest: HeedDigest = {
      postNow: async () => {
        if (!scheduler)
          throw new HeedError(
            'config',
            'heed.digest.postNow needs the scheduler (createHeed without scheduler: false).',
          );
        return scheduler.runDigestNow();
      },
      nextRun: () => scheduler?.nextDigestAt() ?? null,
    };
    return {
      slack,
      discord,
      knowledge: knowledgeFor(core, store),
      instructions: instructionsFor(store),
      digest,
      core,
      recordInteraction: (input) => {
        const { question, answer, sources, answerer, model, ...ref } = input;
        return core.recordInteraction({
          question,
          answer,
          ref,
          ...(answerer ? { answerer } : {}),
          ...(model ? { model } : {}),
          sources: toSourceRefs(sources),
        });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
