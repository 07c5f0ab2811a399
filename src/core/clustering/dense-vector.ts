/** Dense vectors (embeddings): unit scaling, dot products and the pairwise similarity matrix. */

export function unit(v: readonly number[]): number[] {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  return n === 0 ? v.map(() => 0) : v.map((x) => x / n);
}

export function dotDense(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) s += a[i]! * b[i]!;
  return s;
}

/** Cosine of every pair of vectors as a dense n × n row-major matrix (the vectors are scaled to unit length). */
export function cosineMatrix(vectors: readonly (readonly number[])[]): Float32Array {
  const units = vectors.map(unit);
  const n = units.length;
  const sim = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    sim[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const s = dotDense(units[i]!, units[j]!);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  return sim;
}
