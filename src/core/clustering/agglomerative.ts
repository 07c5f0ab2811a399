export type Linkage = 'average' | 'complete' | 'single';

/**
 * Bottom-up clustering of n items from their n × n similarity matrix: repeatedly merges the two most
 * similar clusters while their linkage similarity is at least `threshold`, so the number of clusters
 * follows from the data. Lance–Williams updates plus a best-neighbour cache keep it near O(n²).
 * The matrix is used as scratch space and is overwritten.
 */
export function agglomerate(
  sim: Float32Array,
  n: number,
  threshold: number,
  linkage: Linkage = 'average',
): number[] {
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const best = new Int32Array(n).fill(-1);
  const bestSim = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);

  const rescan = (i: number) => {
    let b = -1;
    let bs = Number.NEGATIVE_INFINITY;
    const row = i * n;
    for (let k = 0; k < n; k++) {
      if (k !== i && active[k] && sim[row + k] > bs) {
        bs = sim[row + k];
        b = k;
      }
    }
    best[i] = b;
    bestSim[i] = bs;
  };
  for (let i = 0; i < n; i++) rescan(i);

  for (;;) {
    let i = -1;
    let top = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      if (active[k] && best[k] >= 0 && bestSim[k] > top) {
        top = bestSim[k];
        i = k;
      }
    }
    if (i < 0 || top < threshold) break;
    const j = best[i];
    // Merge j into i.
    const ni = size[i];
    const nj = size[j];
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === i || k === j) continue;
      const a = sim[i * n + k];
      const b = sim[j * n + k];
      const s =
        linkage === 'average'
          ? (ni * a + nj * b) / (ni + nj)
          : linkage === 'complete'
            ? Math.min(a, b)
            : Math.max(a, b);
      sim[i * n + k] = s;
      sim[k * n + i] = s;
    }
    active[j] = 0;
    parent[j] = i;
    size[i] = ni + nj;
    for (let k = 0; k < n; k++) {
      if (!active[k]) continue;
      if (k === i || best[k] === i || best[k] === j) rescan(k);
      else if (sim[k * n + i] > bestSim[k]) {
        bestSim[k] = sim[k * n + i];
        best[k] = i;
      }
    }
  }
  return relabel(n, parent);
}

/** Follows merge pointers to each item's root and numbers the roots 0, 1, 2… in order of first item. */
function relabel(n: number, parent: Int32Array): number[] {
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    return r;
  };
  const ids = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = root(i);
    if (!ids.has(r)) ids.set(r, ids.size);
    out.push(ids.get(r)!);
  }
  return out;
}
