/**
 * k-means-style polishing of a clustering, done on the similarity matrix so centroids never have to be
 * materialised: the cosine of item d with the (unnormalised) centroid of cluster c is
 * Σ_{m∈c} sim(d,m) / √(Σ_{m,m'∈c} sim(m,m')). Each round moves every item to its closest centroid among
 * the clusters with at least `minSize` members; items of smaller clusters join a larger one only when
 * its centroid is at least `attachThreshold` close. Stops when nothing moves.
 */
export function refine(
  sim: Float32Array,
  n: number,
  labels: readonly number[],
  rounds = 10,
  minSize = 2,
  attachThreshold = 0,
): number[] {
  let cur = labels.slice();
  for (let round = 0; round < rounds; round++) {
    const k = Math.max(-1, ...cur) + 1;
    const size = new Int32Array(k);
    for (const l of cur) size[l]++;
    // toCluster[d * k + c] = Σ_{m∈c} sim(d, m)
    const toCluster = new Float64Array(n * k);
    for (let d = 0; d < n; d++) {
      const row = d * n;
      const out = d * k;
      for (let m = 0; m < n; m++) toCluster[out + cur[m]] += sim[row + m];
    }
    const centroidNorm = new Float64Array(k);
    for (let d = 0; d < n; d++) centroidNorm[cur[d]] += toCluster[d * k + cur[d]];
    for (let c = 0; c < k; c++) centroidNorm[c] = Math.sqrt(Math.max(centroidNorm[c], 1e-12));
    let moved = 0;
    const next = cur.map((own, d) => {
      let best = own;
      // An item of a too-small cluster only moves to a centroid that is close enough.
      let bestSim = size[own] >= minSize ? toCluster[d * k + own] / centroidNorm[own] : attachThreshold;
      for (let c = 0; c < k; c++) {
        if (c === own || size[c] < minSize) continue;
        const s = toCluster[d * k + c] / centroidNorm[c];
        if (s > bestSim) {
          bestSim = s;
          best = c;
        }
      }
      if (best !== own) moved++;
      return best;
    });
    cur = compact(next);
    if (moved === 0) break;
  }
  return cur;
}

/** Renumbers labels 0, 1, 2… in order of first appearance. */
export function compact(labels: readonly number[]): number[] {
  const ids = new Map<number, number>();
  return labels.map((l) => {
    let id = ids.get(l);
    if (id === undefined) {
      id = ids.size;
      ids.set(l, id);
    }
    return id;
  });
}
