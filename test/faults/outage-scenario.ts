import type { Db } from 'mongodb';
import type { ConversationRef } from '../../src/core/types.ts';
import { type ClickPlan, type ClickResult, openLoop, sendClick } from './click-load.ts';
import { type ClickOutcomes, settleClicks } from './click-outcomes.ts';
import { pauseDatabase } from './db-pause.ts';
import type { SlackHeed } from './slack-heed.ts';

export const QUESTIONS = [
  'How do I reset my password?',
  'Where do I find the billing invoices?',
  'How do I invite a teammate to the workspace?',
  'Can I export my data as CSV?',
];

const TOPICS = [
  'password',
  'invoice',
  'teammate',
  'export',
  'webhook',
  'calendar',
  'billing plan',
  'API token',
  'single sign-on',
  'audit log',
  'data retention',
  'mobile app',
  'dark mode',
  'notifications',
  'refund',
  'custom domain',
  'backup',
  'two-factor login',
  'shared inbox',
  'time zone',
  'report schedule',
  'guest access',
  'file upload limit',
  'integration with Jira',
  'keyboard shortcuts',
];
const FORMS = [
  'How do I change the {t}?',
  'Why does the {t} not work?',
  'Where is the {t} setting?',
  'Can I turn off the {t}?',
];

/** `n` questions about different things (so they fall into many patterns). */
export function manyQuestions(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!;
    const form = FORMS[Math.floor(i / TOPICS.length) % FORMS.length]!;
    const round = Math.floor(i / (TOPICS.length * FORMS.length));
    return form.replace('{t}', round ? `${topic} ${round}` : topic);
  });
}

/** `perPattern` interactions for each question, answered through heed's core (the real answer path). */
export async function answerQuestions(
  sh: SlackHeed,
  perPattern: number,
  tag: string,
  questions: string[] = QUESTIONS,
): Promise<string[]> {
  const ids: string[] = [];
  const ref: ConversationRef = { platform: 'slack', userId: `UASK${tag}`, channelId: 'CGENERAL' };
  for (let k = 0; k < perPattern; k++)
    for (const q of questions) ids.push((await sh.heed.core.answer(q, ref)).id);
  return ids;
}

/** Distinct users, so every click is a real vote; the first two patterns mostly 👎 (they raise reviews). */
export function plansFor(interactions: string[], n: number, tag: string): ClickPlan[] {
  return Array.from({ length: n }, (_, i) => {
    const interactionId = interactions[i % interactions.length]!;
    const pattern = (i % interactions.length) % QUESTIONS.length;
    const value: 'up' | 'down' = pattern < 2 ? (i % 5 === 0 ? 'up' : 'down') : i % 3 === 0 ? 'down' : 'up';
    return { userId: `U${tag}${i}`, interactionId, value };
  });
}

export interface OutageResult {
  outcomes: ClickOutcomes;
  clicksDuringOutage: number;
  healthDuring: number[];
  healthAfter: number;
  /** Seconds from the database's return until every click was decided. */
  recoverSeconds: number;
  results: ClickResult[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** /healthz's status, or 0 when it did not answer within `timeoutMs`. */
async function health(base: string, timeoutMs = 4000): Promise<number> {
  try {
    return (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(timeoutMs) })).status;
  } catch {
    return 0;
  }
}

/**
 * Clicks keep arriving through the real Slack endpoint at `rate`/s while the database is paused
 * (SIGSTOP) for `outageMs`, starting `startAfterMs` into the run.
 */
export async function runOutage(
  sh: SlackHeed,
  opts: { plans: ClickPlan[]; rate: number; outageMs: number; startAfterMs: number; settleMs: number },
): Promise<OutageResult> {
  const startIndex = Math.floor((opts.startAfterMs / 1000) * opts.rate);
  const endIndex = Math.floor(((opts.startAfterMs + opts.outageMs) / 1000) * opts.rate);
  const healthDuring: number[] = [];
  let resumedAt = 0;
  let outage: Promise<void> | undefined;
  const { results } = await openLoop({
    plans: opts.plans,
    rate: opts.rate,
    maxInFlight: 20,
    send: (c) => sendClick(sh.slack, c),
    onTick: async (i) => {
      if (i !== startIndex) return;
      const paused = await pauseDatabase(sh.uri);
      outage = (async () => {
        // /healthz while the database is away: each probe gets 2 s to answer.
        const probes: Promise<void>[] = [];
        for (let t = 1000; t + 2000 < opts.outageMs; t += 2500)
          probes.push(sleep(t).then(async () => void healthDuring.push(await health(sh.base, 2000))));
        await sleep(opts.outageMs);
        paused.resume();
        resumedAt = performance.now();
        await Promise.all(probes);
      })();
    },
  });
  await outage;
  const status = new Map(results.map((r) => [r.userId, r.status]));
  const clicks = opts.plans.map((p) => ({ ...p, status: status.get(p.userId) ?? 0 }));
  const { outcomes, settledAt } = await settleClicks(sh.db as Db, sh.fake, clicks, opts.settleMs);
  let healthAfter = await health(sh.base);
  for (let i = 0; i < 50 && healthAfter !== 200; i++) {
    await sleep(200);
    healthAfter = await health(sh.base);
  }
  return {
    outcomes,
    clicksDuringOutage: Math.max(0, Math.min(endIndex, opts.plans.length) - startIndex),
    healthDuring,
    healthAfter,
    recoverSeconds: Math.max(0, (settledAt - resumedAt) / 1000),
    results,
  };
}
