import { mulberry32 } from './mulberry32.ts';
import { addInto, dot, normalize, type SparseVector, sparseFromMap } from './sparse-vector.ts';

function centroid(vectors: readonly SparseVector[], members: number[]): SparseVector {
  const m = new Map<number, number>();
  for (const d of members) {
    addInto(m, vectors[d]!);
  }
  return normalize(sparseFromMap(m));
}

/**
 * Spherical k-means (cosine) with k-means++ seeding, for unit vectors. Needs k up front, so heed uses
 * it only as the comparison baseline; `clusterTexts` finds the number of groups itself.
 */
export function kmeans(vectors: readonly SparseVector[], k: number, seed = 1, maxIter = 50): number[] {
  const n = vectors.length;
  const rand = mulberry32(seed);
  const centers: SparseVector[] = [vectors[Math.floor(rand() * n)]!];
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  while (centers.length < Math.min(k, n)) {
    const last = centers[centers.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      dist[i] = Math.min(dist[i]!, Math.max(0, 1 - dot(vectors[i]!, last)));
      total += dist[i]!;
    }
    let r = rand() * total;
    let pick = 0;
    while (pick < n - 1 && r >= dist[pick]!) r -= dist[pick++]!;
    centers.push(vectors[pick]!);
  }
  const labels = new Array<number>(n).fill(-1);
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestS = Number.NEGATIVE_INFINITY;
      centers.forEach((c, ci) => {
        const s = dot(vectors[i]!, c);
        if (s > bestS) {
          bestS = s;
          bestC = ci;
        }
      });
      if (labels[i] !== bestC) {
        labels[i] = bestC;
        changed = true;
      }
    }
    if (!changed) break;
    centers.forEach((c, ci) => {
      const members = labels.flatMap((l, i) => (l === ci ? [i] : []));
      centers[ci] = members.length > 0 ? centroid(vectors, members) : c;
    });
  }
  return labels;
}
