/**
 * Grouping of similar questions, measured on CLINC150 (test split, `oos` left out), with a held-out
 * protocol: the 150 intents are split once (clinc-data.ts, fixed seed) into a tuning half and a
 * held-out half of 75 intents each. Settings are chosen on the tuning half only; the held-out half is
 * only reported on.
 *
 *   npx tsx test/bench/clustering-bench.ts          (just grouping; `npm run bench` runs it too)
 *
 * Scored with B-cubed P/R/F1 against the intent labels:
 *   baseline    plain TF-IDF (surface words) + spherical k-means told the true k
 *   fingerprint src/core/pattern-key.ts: same sorted content words ⇒ same group
 *   previous    clusterTexts() with the settings it had before this protocol (tuned on all 150)
 *   clusterer   clusterTexts() with today's defaults: not told k
 *   embeddings  only with EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL set: clusterVectors() on the
 *               provider's embeddings (no lexical fallback here: a failure fails the bench)
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BCubed, bcubed } from '../../src/core/clustering/bcubed.ts';
import { clusterTexts, PREVIOUS_CLUSTER_OPTIONS } from '../../src/core/clustering/cluster-texts.ts';
import { CachedEmbedder, type Embedder, InMemoryEmbeddingCache } from '../../src/core/clustering/embedder.ts';
import { clusterVectors } from '../../src/core/clustering/embedding-clusterer.ts';
import { kmeans } from '../../src/core/clustering/kmeans.ts';
import { TfIdfModel } from '../../src/core/clustering/tfidf.ts';
import { fingerprint } from '../../src/core/pattern-key.ts';
import { createOpenAIEmbedder } from '../../src/embeddings/openai-embedder.ts';
import { CLINC_PATH, type Item, loadClinc, SPLIT_SEED, sampleIntents, splitIntents } from './clinc-data.ts';

const TUNING_SEEDS = [1, 2, 3, 4, 5];
const HELD_OUT_SEEDS = [101, 102, 103, 104, 105];
const INTENTS_PER_RUN = 20;
const LEXICAL = ['baseline', 'fingerprint', 'previous', 'clusterer'] as const;
type Method = (typeof LEXICAL)[number] | 'embeddings';

/** The provider from EMBEDDINGS_* (cached in memory for the run), or none. */
function benchEmbedder(env = process.env): Embedder | undefined {
  const { EMBEDDINGS_BASE_URL: baseUrl, EMBEDDINGS_MODEL: model, EMBEDDINGS_API_KEY: apiKey } = env;
  if (!baseUrl || !model) return undefined;
  return new CachedEmbedder(
    createOpenAIEmbedder({ baseUrl, model, apiKey: apiKey ?? 'not-needed' }, 120_000),
    new InMemoryEmbeddingCache(),
  );
}
const embedder = benchEmbedder();
const METHODS: readonly Method[] = embedder ? [...LEXICAL, 'embeddings'] : LEXICAL;

interface Run {
  label: string;
  texts: number;
  intents: number;
  scores: Record<Method, BCubed>;
  /** Wall time of each method on this sample, in milliseconds. */
  ms: Record<Method, number>;
}
interface SetResult {
  title: string;
  runs: Run[];
  /** Mean P, R and mean of the per-run F1 (F1 of the mean P and R would hide per-run trade-offs). */
  mean: Record<Method, BCubed>;
  msPer600: Record<Method, number>;
}
export interface Result {
  dataset: string;
  splitSeed: number;
  intentsPerRun: number;
  /** 20-intent samples of the tuning half: the figure settings were chosen on. */
  tuning: SetResult;
  /** 20-intent samples of the held-out half, seeds never looked at while tuning. */
  heldOut: SetResult;
  /** All 75 held-out intents at once (2,250 questions). */
  heldOutAll: Run;
  /** clusterTexts on all 150 intents at once (4,500 texts): how it scales. */
  allIntents: { texts: number; ms: number; score: BCubed };
}

/** Plain TF-IDF: lower-case surface words, no stemming, no n-grams, raw term counts. */
function baseline(texts: string[], k: number, seed: number): number[] {
  const model = new TfIdfModel({
    features: { stopWordWeight: 1, bigrams: false, charMin: 0, charMax: 0, stemming: false },
    charWeight: 0,
    sublinearTf: false,
  });
  return kmeans(model.fitTransform(texts), k, seed);
}

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

async function score(label: string, items: readonly Item[], seed: number): Promise<Run> {
  const texts = items.map((x) => x.text);
  const gold = items.map((x) => x.intent);
  const k = new Set(gold).size;
  const labels: Record<Method, () => unknown[] | Promise<unknown[]>> = {
    baseline: () => baseline(texts, k, seed),
    fingerprint: () => texts.map(fingerprint),
    previous: () => clusterTexts(texts, PREVIOUS_CLUSTER_OPTIONS),
    clusterer: () => clusterTexts(texts),
    embeddings: async () => clusterVectors(await embedder!.embed(texts)),
  };
  const scores = {} as Record<Method, BCubed>;
  const ms = {} as Record<Method, number>;
  for (const m of METHODS) {
    const [l, t] = await timed(labels[m]);
    scores[m] = bcubed(l, gold);
    ms[m] = t;
  }
  return { label, texts: texts.length, intents: k, scores, ms };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

async function runSet(title: string, pool: readonly Item[], seeds: number[]): Promise<SetResult> {
  const runs: Run[] = [];
  for (const s of seeds) runs.push(await score(String(s), sampleIntents(pool, s, INTENTS_PER_RUN), s));
  const avg = {} as Record<Method, BCubed>;
  const msPer600 = {} as Record<Method, number>;
  for (const m of METHODS) {
    avg[m] = {
      precision: mean(runs.map((r) => r.scores[m].precision)),
      recall: mean(runs.map((r) => r.scores[m].recall)),
      f1: mean(runs.map((r) => r.scores[m].f1)),
    };
    msPer600[m] = mean(runs.map((r) => (r.ms[m] * 600) / r.texts));
  }
  return { title, runs, mean: avg, msPer600 };
}

export async function runClusteringBench(file: string = CLINC_PATH): Promise<Result> {
  const all = await loadClinc(file);
  const { tuning, heldOut } = splitIntents(all);
  // Warm-up: the first call loads the wink-nlp model, which would otherwise count as clustering time.
  clusterTexts(['warm up']);
  const [labels, ms] = await timed(() => clusterTexts(all.map((x) => x.text)));
  return {
    dataset: path.basename(file),
    splitSeed: SPLIT_SEED,
    intentsPerRun: INTENTS_PER_RUN,
    tuning: await runSet('tuning half, 20-intent samples', tuning, TUNING_SEEDS),
    heldOut: await runSet('held-out half, 20-intent samples', heldOut, HELD_OUT_SEEDS),
    heldOutAll: await score('all 75', heldOut, 1),
    allIntents: {
      texts: all.length,
      ms,
      score: bcubed(
        labels,
        all.map((x) => x.intent),
      ),
    },
  };
}

const f3 = (x: number) => x.toFixed(3);
const cell = (b: BCubed) => `${f3(b.precision)}/${f3(b.recall)}/${f3(b.f1)}`.padEnd(20);
const header = (first: string) => `${first.padEnd(10)}${METHODS.map((m) => m.padEnd(20)).join('')}`;
const row = (label: string, scores: Record<Method, BCubed>) =>
  `${label.padEnd(10)}${METHODS.map((m) => cell(scores[m])).join('')}`;

function formatSet(set: SetResult): string {
  const time = `${'ms/600'.padEnd(10)}${METHODS.map((m) => set.msPer600[m].toFixed(0).padEnd(20)).join('')}`;
  return [
    `${set.title} — seeds ${set.runs.map((r) => r.label).join(', ')} (B-cubed P/R/F1)`,
    header('seed'),
    ...set.runs.map((r) => row(r.label, r.scores)),
    row('mean', set.mean),
    time,
  ].join('\n');
}

/** The headline rows: clusterer F1 on the tuning samples, the held-out samples and all held-out intents. */
function clusteringSummary(r: Result): string {
  const f = (m: Method) =>
    `${m}: tuned ${f3(r.tuning.mean[m].f1)}, held-out 20-intent ${f3(r.heldOut.mean[m].f1)}, ` +
    `held-out all 75 ${f3(r.heldOutAll.scores[m].f1)}`;
  return [
    'summary (B-cubed F1)',
    ...(embedder ? (['clusterer', 'embeddings'] as const) : (['clusterer'] as const)).map((m) => `  ${f(m)}`),
    ...(['previous', 'baseline'] as const).map((m) => `  ${f(m)}`),
  ].join('\n');
}

export function formatClusteringBench(r: Result): string {
  const all = r.heldOutAll;
  return [
    `CLINC150 ${r.dataset} (oos left out); intents split into tuning / held-out halves of 75 (seed ${r.splitSeed})`,
    'baseline = plain TF-IDF + k-means told the true k; previous = clusterer settings before the split;',
    'the clusterer is not told k. Settings were chosen on the tuning half only.',
    ...(embedder ? [`embeddings: ${embedder.model} (EMBEDDINGS_*), clusterVectors() with its defaults`] : []),
    '',
    formatSet(r.tuning),
    '',
    formatSet(r.heldOut),
    '',
    `held-out half, all 75 intents at once (${all.texts} texts; B-cubed P/R/F1)`,
    header(''),
    row('all 75', all.scores),
    `${'ms'.padEnd(10)}${METHODS.map((m) => all.ms[m].toFixed(0).padEnd(20)).join('')}`,
    '',
    clusteringSummary(r),
    '',
    `clusterer on all 150 intents (${r.allIntents.texts} texts): ${(r.allIntents.ms / 1000).toFixed(1)} s, ` +
      `B-cubed P/R/F1 ${cell(r.allIntents.score).trim()}`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(formatClusteringBench(await runClusteringBench()));
}
