import { addInto, dot, normalize, sparseFromMap } from './sparse-vector.ts';
import { DEFAULT_TFIDF, TfIdfModel, type TfIdfOptions } from './tfidf.ts';

export interface ClusterSummary {
  id: number;
  size: number;
  /** Index of the member closest to the cluster's centroid: the text that best stands for it. */
  representative: number;
  /** Indexes of the members, ascending. */
  members: number[];
}

/**
 * Orders clusters by size (largest first, ties by first member), renumbers them 0, 1, 2… in that
 * order and picks each one's representative text. `labels` are the renumbered cluster ids per text.
 */
export function summarizeClusters(
  texts: readonly string[],
  labels: readonly number[],
  vectorizer: Partial<TfIdfOptions> = {},
): { clusters: ClusterSummary[]; labels: number[] } {
  const byLabel = new Map<number, number[]>();
  labels.forEach((l, i) => {
    const members = byLabel.get(l);
    if (members) members.push(i);
    else byLabel.set(l, [i]);
  });
  const groups = [...byLabel.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const vectors = new TfIdfModel({ ...DEFAULT_TFIDF, ...vectorizer }).fitTransform(texts);
  const newLabels = new Array<number>(texts.length);
  const clusters = groups.map((members, id) => {
    const sum = new Map<number, number>();
    for (const i of members) {
      addInto(sum, vectors[i]!);
      newLabels[i] = id;
    }
    const centroid = normalize(sparseFromMap(sum));
    let representative = members[0]!;
    let best = Number.NEGATIVE_INFINITY;
    for (const i of members) {
      const s = dot(vectors[i]!, centroid);
      if (s > best + 1e-12) {
        best = s;
        representative = i;
      }
    }
    return { id, size: members.length, representative, members };
  });
  return { clusters, labels: newLabels };
}
