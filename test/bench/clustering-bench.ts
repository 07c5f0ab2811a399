/**
 * Grouping of similar questions, measured on CLINC150 (test split, `oos` left out).
 *
 *   npx tsx test/bench/clustering-bench.ts
 *
 * Each run samples 20 intents (600 questions) with a seeded PRNG and scores, with B-cubed P/R/F1:
 *   baseline    plain TF-IDF (surface words) + spherical k-means told the true k (20)
 *   fingerprint src/core/pattern-key.ts: same sorted content words ⇒ same group
 *   clusterer   clusterTexts(): not told k
 *   keyer       SimilarityPatternKeyer fed the questions one by one, as in production
 * Hyper-parameters were chosen on the tuning seeds (also with 10 and 50 intents); the evaluation
 * seeds were not looked at while tuning.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BCubed, bcubed } from '../../src/core/clustering/bcubed.ts';
import { clusterTexts } from '../../src/core/clustering/cluster-texts.ts';
import { kmeans } from '../../src/core/clustering/kmeans.ts';
import { mulberry32, shuffled } from '../../src/core/clustering/mulberry32.ts';
import { SimilarityPatternKeyer } from '../../src/core/clustering/similarity-keyer.ts';
import { TfIdfModel } from '../../src/core/clustering/tfidf.ts';
import { fingerprint } from '../../src/core/pattern-key.ts';

export const TUNING_SEEDS = [1, 2, 3, 4, 5];
export const EVALUATION_SEEDS = [101, 102, 103, 104, 105];
const INTENTS_PER_RUN = 20;
const METHODS = ['baseline', 'fingerprint', 'clusterer', 'keyer'] as const;
export type Method = (typeof METHODS)[number];

export interface SeedResult {
  seed: number;
  texts: number;
  scores: Record<Method, BCubed>;
  /** Wall time of each method on this sample, in milliseconds. */
  ms: Record<Method, number>;
}
export interface SetResult {
  seeds: number[];
  runs: SeedResult[];
  mean: Record<Method, BCubed>;
  /** Mean wall time per 600 texts, in milliseconds. */
  msPer600: Record<Method, number>;
}
export interface Result {
  dataset: string;
  intentsPerRun: number;
  tuning: SetResult;
  evaluation: SetResult;
  /** clusterTexts on all 150 intents at once (4,500 texts): how it scales. */
  allIntents: { texts: number; ms: number; score: BCubed };
}

interface Item {
  text: string;
  intent: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLINC_PATH = path.resolve(repoRoot, '../shared/data/clinc150_test.jsonl');

async function loadClinc(file: string): Promise<Item[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => JSON.parse(l) as Item).filter((x) => x.intent !== 'oos');
}

function sampleIntents(all: readonly Item[], seed: number, k: number): Item[] {
  const rand = mulberry32(seed);
  const chosen = new Set(shuffled([...new Set(all.map((x) => x.intent))].sort(), rand).slice(0, k));
  return shuffled(
    all.filter((x) => chosen.has(x.intent)),
    rand,
  );
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

async function keyer(texts: string[]): Promise<string[]> {
  const k = new SimilarityPatternKeyer();
  const keys: string[] = [];
  for (const t of texts) keys.push(await k.keyFor(t));
  return keys;
}

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

async function runSeed(all: readonly Item[], seed: number): Promise<SeedResult> {
  const items = sampleIntents(all, seed, INTENTS_PER_RUN);
  const texts = items.map((x) => x.text);
  const gold = items.map((x) => x.intent);
  const labels: Record<Method, () => unknown[] | Promise<unknown[]>> = {
    baseline: () => baseline(texts, INTENTS_PER_RUN, seed),
    fingerprint: () => texts.map(fingerprint),
    clusterer: () => clusterTexts(texts),
    keyer: () => keyer(texts),
  };
  const scores = {} as Record<Method, BCubed>;
  const ms = {} as Record<Method, number>;
  for (const m of METHODS) {
    const [l, t] = await timed(labels[m]);
    scores[m] = bcubed(l, gold);
    ms[m] = t;
  }
  return { seed, texts: texts.length, scores, ms };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

async function runSet(all: readonly Item[], seeds: number[]): Promise<SetResult> {
  const runs: SeedResult[] = [];
  for (const s of seeds) runs.push(await runSeed(all, s));
  const avg = {} as Record<Method, BCubed>;
  const msPer600 = {} as Record<Method, number>;
  for (const m of METHODS) {
    const precision = mean(runs.map((r) => r.scores[m].precision));
    const recall = mean(runs.map((r) => r.scores[m].recall));
    // F1 of the mean P and R would hide per-run trade-offs; report the mean of per-run F1.
    avg[m] = { precision, recall, f1: mean(runs.map((r) => r.scores[m].f1)) };
    msPer600[m] = mean(runs.map((r) => (r.ms[m] * 600) / r.texts));
  }
  return { seeds, runs, mean: avg, msPer600 };
}

async function runAll(all: readonly Item[]): Promise<Result['allIntents']> {
  const [labels, ms] = await timed(() => clusterTexts(all.map((x) => x.text)));
  return {
    texts: all.length,
    ms,
    score: bcubed(
      labels,
      all.map((x) => x.intent),
    ),
  };
}

export async function runClusteringBench(file: string = CLINC_PATH): Promise<Result> {
  const all = await loadClinc(file);
  // Warm-up: the first call loads the wink-nlp model, which would otherwise count as clustering time.
  clusterTexts(['warm up']);
  return {
    dataset: path.basename(file),
    intentsPerRun: INTENTS_PER_RUN,
    tuning: await runSet(all, TUNING_SEEDS),
    evaluation: await runSet(all, EVALUATION_SEEDS),
    allIntents: await runAll(all),
  };
}

function formatSet(title: string, set: SetResult): string {
  const f = (x: number) => x.toFixed(3);
  const score = (b: BCubed) => `${f(b.precision)}/${f(b.recall)}/${f(b.f1)}`;
  const head = `${'seed'.padEnd(8)}${METHODS.map((m) => m.padEnd(20)).join('')}`;
  const rows = set.runs.map(
    (r) => `${String(r.seed).padEnd(8)}${METHODS.map((m) => score(r.scores[m]).padEnd(20)).join('')}`,
  );
  const meanRow = `${'mean'.padEnd(8)}${METHODS.map((m) => score(set.mean[m]).padEnd(20)).join('')}`;
  const time = `${'ms/600'.padEnd(8)}${METHODS.map((m) => set.msPer600[m].toFixed(0).padEnd(20)).join('')}`;
  return [`${title} — seeds ${set.seeds.join(', ')} (B-cubed P/R/F1)`, head, ...rows, meanRow, time].join(
    '\n',
  );
}

export function formatClusteringBench(r: Result): string {
  return [
    `CLINC150 ${r.dataset}, ${r.intentsPerRun} random intents per seed (oos left out)`,
    'baseline = plain TF-IDF + k-means told the true k; clusterer/keyer are not told k',
    '',
    formatSet('tuning', r.tuning),
    '',
    formatSet('evaluation', r.evaluation),
    '',
    `clusterer on all 150 intents (${r.allIntents.texts} texts): ${(r.allIntents.ms / 1000).toFixed(1)} s, ` +
      `B-cubed P/R/F1 ${[r.allIntents.score.precision, r.allIntents.score.recall, r.allIntents.score.f1].map((x) => x.toFixed(3)).join('/')}`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(formatClusteringBench(await runClusteringBench()));
}
