/**
 * CLINC150 for the grouping bench: loading, the fixed tuning / held-out split of the intents and
 * seeded samples of intents. Nothing is downloaded: the file ships in ../shared/data (CC BY 3.0).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, shuffled } from '../../src/core/clustering/mulberry32.ts';

export interface Item {
  text: string;
  intent: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLINC_PATH = path.resolve(repoRoot, '../shared/data/clinc150_test.jsonl');
/** Seed of the one split of the 150 intents into two halves of 75; fixed so every run uses the same halves. */
export const SPLIT_SEED = 2024;

/** In-scope questions (`oos` left out), in file order. */
export async function loadClinc(file: string = CLINC_PATH): Promise<Item[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => JSON.parse(l) as Item).filter((x) => x.intent !== 'oos');
}

function intentsOf(items: readonly Item[]): string[] {
  return [...new Set(items.map((x) => x.intent))].sort();
}

/**
 * Splits the intents into a tuning half (settings may be chosen by looking at it) and a held-out half
 * (only ever reported on). The split depends only on the sorted intent names and `seed`.
 */
export function splitIntents(
  items: readonly Item[],
  seed = SPLIT_SEED,
): { tuning: Item[]; heldOut: Item[]; tuningIntents: string[]; heldOutIntents: string[] } {
  const intents = shuffled(intentsOf(items), mulberry32(seed));
  const half = Math.floor(intents.length / 2);
  const tuningIntents = intents.slice(0, half).sort();
  const heldOutIntents = intents.slice(half).sort();
  const inTuning = new Set(tuningIntents);
  return {
    tuning: items.filter((x) => inTuning.has(x.intent)),
    heldOut: items.filter((x) => !inTuning.has(x.intent)),
    tuningIntents,
    heldOutIntents,
  };
}

/** `k` random intents of `items` with all their questions, in a seeded random order. */
export function sampleIntents(items: readonly Item[], seed: number, k: number): Item[] {
  const rand = mulberry32(seed);
  const chosen = new Set(shuffled(intentsOf(items), rand).slice(0, k));
  return shuffled(
    items.filter((x) => chosen.has(x.intent)),
    rand,
  );
}
