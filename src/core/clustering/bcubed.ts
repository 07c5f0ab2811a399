export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** Dense 0-based ids for arbitrary labels, plus the size of each group. */
function encode<T>(labels: readonly T[]): { ids: number[]; sizes: number[] } {
  const idOf = new Map<T, number>();
  const sizes: number[] = [];
  const ids = labels.map((l) => {
    let id = idOf.get(l);
    if (id === undefined) {
      id = sizes.length;
      idOf.set(l, id);
      sizes.push(0);
    }
    sizes[id]!++;
    return id;
  });
  return { ids, sizes };
}

/**
 * B-cubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009) of a clustering against
 * gold classes. Per item: precision = share of its cluster that shares its class, recall = share of its
 * class that shares its cluster; both are averaged over items and F1 is their harmonic mean. Unlike
 * purity it punishes both lumping everything together and leaving everything apart.
 */
export function bcubed<C, G>(clusters: readonly C[], gold: readonly G[]): BCubed {
  if (clusters.length !== gold.length) {
    throw new RangeError(`bcubed: ${clusters.length} cluster labels but ${gold.length} gold labels`);
  }
  const n = clusters.length;
  if (n === 0) return { precision: 1, recall: 1, f1: 1 };
  const c = encode(clusters);
  const g = encode(gold);
  const pairKey = (i: number) => c.ids[i]! * g.sizes.length + g.ids[i]!;
  // Items sharing both cluster and class.
  const both = new Map<number, number>();
  for (let i = 0; i < n; i++) both.set(pairKey(i), (both.get(pairKey(i)) ?? 0) + 1);
  let p = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    const overlap = both.get(pairKey(i))!;
    p += overlap / c.sizes[c.ids[i]!]!;
    r += overlap / g.sizes[g.ids[i]!]!;
  }
  const precision = p / n;
  const recall = r / n;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
