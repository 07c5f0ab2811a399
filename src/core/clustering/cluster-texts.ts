import { agglomerate, type Linkage } from './agglomerative.ts';
import { compact, refine } from './refine.ts';
import { similarityMatrix } from './similarity-matrix.ts';
import { DEFAULT_TFIDF, TfIdfModel, type TfIdfOptions } from './tfidf.ts';

export interface ClusterOptions {
  /** Linkage similarity below which clusters are no longer merged; higher → more, tighter clusters. */
  threshold?: number;
  linkage?: Linkage;
  /** Rounds of centroid re-assignment after merging (0 turns it off). */
  refineRounds?: number;
  /** Clusters smaller than this do not attract items during refinement. */
  minClusterSize?: number;
  /** Cosine with a centroid needed for an item of a too-small cluster to join it during refinement. */
  attachThreshold?: number;
  vectorizer?: Partial<TfIdfOptions>;
  /**
   * How function words count between texts that share no content word: `true` not at all, `false` in
   * full, 'by-size' (the default) with weight min(1, n / GATE_RAMP_TEXTS): on a few texts "how do I …"
   * says nothing, on hundreds its rarity is estimated well enough to help.
   */
  gated?: boolean | 'by-size';
}

/** Input size from which function words count in full between texts that share no content word. */
const GATE_RAMP_TEXTS = 300;

/**
 * Chosen on 20-intent samples of the tuning half of the CLINC150 intents only, checked there on 10-
 * and 40-intent and small-cluster samples and on small hand-made inputs; the held-out half is only
 * reported on (test/bench/clustering-bench.ts).
 */
const DEFAULT_CLUSTER_OPTIONS = {
  threshold: 0.08,
  linkage: 'average',
  refineRounds: 10,
  minClusterSize: 2,
  attachThreshold: 0.15,
  gated: 'by-size',
} as const satisfies ClusterOptions;

/** The settings before the held-out protocol (tuned on all 150 intents); the bench reports them too. */
export const PREVIOUS_CLUSTER_OPTIONS = { threshold: 0.055, gated: true } as const satisfies ClusterOptions;

/**
 * Groups texts that say the same thing without being told how many groups there are: TF-IDF vectors
 * (stemmed words, bigrams, character n-grams, function words), cosine similarity in which function
 * words count between texts that share no content word only as far as the input is large enough
 * (`gated`), average-linkage agglomeration down to a similarity threshold, then a few rounds of
 * centroid re-assignment. Returns a cluster id per text, numbered 0, 1, 2… in order of first appearance. Time and memory are O(n²): fine for a few thousand texts.
 */
export function clusterTexts(texts: readonly string[], opts: ClusterOptions = {}): number[] {
  const o = { ...DEFAULT_CLUSTER_OPTIONS, ...opts };
  const n = texts.length;
  if (n === 0) return [];
  const model = new TfIdfModel({ ...DEFAULT_TFIDF, ...opts.vectorizer });
  const vectors = model.fitTransform(texts);
  // agglomerate() uses its matrix as scratch space, so refinement gets a fresh one (one n² matrix
  // alive at a time instead of two).
  const gate = o.gated === 'by-size' ? Math.min(1, n / GATE_RAMP_TEXTS) : o.gated;
  const sim = () => similarityMatrix(vectors, gate);
  const merged = agglomerate(sim(), n, o.threshold, o.linkage);
  if (o.refineRounds === 0) return merged;
  return compact(refine(sim(), n, merged, o.refineRounds, o.minClusterSize, o.attachThreshold));
}
