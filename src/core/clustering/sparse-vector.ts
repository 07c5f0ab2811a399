/** A sparse vector: ascending feature indices with their weights. */
export interface SparseVector {
  readonly idx: Int32Array;
  readonly val: Float64Array;
}

export function sparseFromMap(weights: Map<number, number>): SparseVector {
  const idx = Int32Array.from([...weights.keys()].sort((a, b) => a - b));
  const val = Float64Array.from(idx, (i) => weights.get(i) ?? 0);
  return { idx, val };
}

function norm(v: SparseVector): number {
  let s = 0;
  for (const x of v.val) s += x * x;
  return Math.sqrt(s);
}

/** Scales a vector to unit length (a zero vector stays zero), so a dot product is the cosine. */
export function normalize(v: SparseVector, scale = 1): SparseVector {
  const n = norm(v);
  if (n === 0) return v;
  return { idx: v.idx, val: v.val.map((x) => (x / n) * scale) };
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const ai = a.idx[i]!;
    const bj = b.idx[j]!;
    if (ai === bj) s += a.val[i++]! * b.val[j++]!;
    else if (ai < bj) i++;
    else j++;
  }
  return s;
}

/** Adds `v` into an accumulating map (feature id → weight), e.g. to sum vectors into a centroid. */
export function addInto(acc: Map<number, number>, v: SparseVector): void {
  for (let k = 0; k < v.idx.length; k++) acc.set(v.idx[k]!, (acc.get(v.idx[k]!) ?? 0) + v.val[k]!);
}
