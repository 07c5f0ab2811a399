import { AsyncLocalStorage } from 'node:async_hooks';
import { createAnswerer } from '../../src/answerer/index.ts';
import { FeedbackCore } from '../../src/core/feedback-core.ts';
import type { Clock } from '../../src/core/ports.ts';
import type { Heed } from '../../src/main.ts';
import type { MongoFeedbackStore } from '../../src/store/mongo-feedback-store.ts';
import { manyQuestions } from '../faults/outage-scenario.ts';
import { memoryLogger } from '../helpers/fakes.ts';
import { bulkSeeder } from './scale-bulk.ts';

const DAY = 86_400_000;
const REACTIONS_PER_INTERACTION = 5;
const CORRECTIONS = [
  'The setting moved to Admin → Security last month.',
  'You need the owner role for this; members cannot change it.',
  'This only works on the Business plan.',
];

export interface SeedState {
  questions: string[];
  /** interaction id → its question, for everything seeded so far. */
  interactions: { id: string; question: string }[];
  feedback: number;
}

export interface SeedReport {
  method: 'api' | 'direct' | 'bulk';
  interactions: number;
  reactions: number;
  seconds: number;
  reactionsPerSecond: number;
  answersPerSecond: number;
}

/** Runs `fn` over `items` with `concurrency` workers. */
async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Seeds feedback the way traffic writes it. `api`: the core's own write path in process (answer, then
 * recordFeedback — trigger window, reviews, review posts to the attached platforms), each call at its own
 * time spread over the last four weeks (a per-call clock). `direct`: the repositories only (no review
 * logic), for speed; `bulk`: insertMany in the repositories' document shape (scale-bulk.ts), for 1M. Realistic mix: many patterns, one in ten a bad pattern with runs of 👎 that raise
 * reviews, one reaction in seven a correction.
 */
export async function seedFeedback(
  heed: Heed,
  state: SeedState,
  target: number,
  opts: { method: 'api' | 'direct' | 'bulk'; concurrency?: number; spanDays?: number },
): Promise<SeedReport> {
  const concurrency = opts.concurrency ?? 20;
  const at = new AsyncLocalStorage<Date>();
  const clock: Clock = { now: () => at.getStore() ?? new Date() };
  const logger = memoryLogger();
  const { store } = heed;
  const answerer = createAnswerer({ config: heed.config, store, logger });
  const core = new FeedbackCore({ store, answerer, logger, clock, policy: heed.core.policy });
  for (const p of heed.core.platforms.all()) core.attachPlatform(p);

  const toAdd = Math.max(0, target - state.feedback);
  const newInteractions = Math.ceil(toAdd / REACTIONS_PER_INTERACTION);
  const wanted = Math.max(200, Math.ceil(target / 500));
  if (state.questions.length < wanted) state.questions = manyQuestions(wanted);
  const span = (opts.spanDays ?? 28) * DAY;
  const end = Date.now() - 60_000;
  const base = state.interactions.length;
  const total = base + newInteractions;
  const timeOf = (j: number) => new Date(end - span + Math.floor(((j + 0.5) / total) * span));

  const t0 = performance.now();
  const created: { id: string; question: string; j: number }[] = [];
  const bulk = opts.method === 'bulk' ? await bulkSeeder(store, (store as MongoFeedbackStore).db) : null;
  if (bulk) {
    const js = Array.from({ length: newInteractions }, (_, k) => base + k);
    const items = await Promise.all(
      js.map(async (j) => {
        const question = state.questions[j % state.questions.length]!;
        return { question, patternKey: await core.patternKey(question), createdAt: timeOf(j), j };
      }),
    );
    const ids = await bulk.interactions(items);
    items.forEach((it, k) => void created.push({ id: ids[k]!, question: it.question, j: it.j }));
  } else
    await pool(
      Array.from({ length: newInteractions }, (_, k) => base + k),
      concurrency,
      async (j) => {
        const question = state.questions[j % state.questions.length]!;
        const ref = { platform: 'slack' as const, userId: `UASK${j % 97}`, channelId: 'CGENERAL' };
        const when = timeOf(j);
        const interaction =
          opts.method === 'api'
            ? await at.run(when, () => core.answer(question, ref))
            : await store.interactions.insert({
                patternKey: await core.patternKey(question),
                question,
                answer: 'Seeded answer.',
                ref,
                answerer: 'seed',
                sources: [],
                failed: false,
                createdAt: when,
              });
        created.push({ id: interaction.id, question, j });
      },
    );
  const answered = performance.now();

  const reactions = created
    .flatMap((c) =>
      Array.from({ length: REACTIONS_PER_INTERACTION }, (_, k) => ({ ...c, k, n: c.j * 10 + k })),
    )
    .slice(0, toAdd);
  const planOf = (r: (typeof reactions)[number]) => {
    const bad = (r.j % state.questions.length) % 10 === 0;
    const when = new Date(timeOf(r.j).getTime() + (r.k + 1) * 60_000);
    const event =
      r.n % 7 === 3
        ? { kind: 'correction' as const, value: CORRECTIONS[r.n % CORRECTIONS.length]! }
        : {
            kind: 'vote' as const,
            value: (bad ? r.k % 4 !== 0 : r.n % 10 === 1) ? ('down' as const) : ('up' as const),
          };
    return { when, event, userId: `US${r.j}x${r.k}` };
  };
  if (bulk)
    for (let k = 0; k < reactions.length; k += 10_000) {
      const items = await Promise.all(
        reactions.slice(k, k + 10_000).map(async (r) => {
          const { when, event, userId } = planOf(r);
          return {
            interactionId: r.id,
            patternKey: await core.patternKey(r.question),
            userId,
            ...event,
            createdAt: when,
          };
        }),
      );
      await bulk.reactions(items);
    }
  else
    await pool(reactions, concurrency, async (r) => {
      const { when, event, userId } = planOf(r);
      const common = { interactionId: r.id, platform: 'slack' as const, userId };
      if (opts.method === 'api') await at.run(when, () => core.recordFeedback({ ...common, ...event }));
      else
        await store.feedback.upsert(
          { ...common, ...event, patternKey: await core.patternKey(r.question), reasons: [] },
          when,
        );
    });
  const done = performance.now();
  // A loop, not push(...): a spread of 180k arguments overflows the stack at 1M.
  for (const { id, question } of created) state.interactions.push({ id, question });
  state.feedback += reactions.length;
  const seconds = (done - t0) / 1000;
  return {
    method: opts.method,
    interactions: created.length,
    reactions: reactions.length,
    seconds,
    reactionsPerSecond: reactions.length / ((done - answered) / 1000),
    answersPerSecond: created.length / ((answered - t0) / 1000),
  };
}
