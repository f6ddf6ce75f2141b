/**
 * Sparse term vectors: IDF weighting, L2 normalisation, cosine, top-k selection.
 */

/** A sparse vector: term → weight. */
export type TermVector = Map<string, number>;

/** Smoothed inverse document frequency: `ln((docs + 1) / (df + 1)) + 1`, never zero so unseen terms still count. */
export function idf(docs: number, df: number): number {
  return Math.log((docs + 1) / (df + 1)) + 1;
}

/** The Euclidean norm of a vector. */
export function norm(v: TermVector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

/** A copy scaled to unit length (an empty or zero vector stays as it is). */
export function normalized(v: TermVector): TermVector {
  const n = norm(v);
  if (n === 0) return new Map(v);
  const out: TermVector = new Map();
  for (const [t, w] of v) out.set(t, w / n);
  return out;
}

/** Element-wise product with per-term weights (missing weights count as 1). */
export function weighted(v: TermVector, weightOf: (term: string) => number): TermVector {
  const out: TermVector = new Map();
  for (const [t, w] of v) out.set(t, w * weightOf(t));
  return out;
}

/** The dot product, iterating the smaller vector. */
export function dot(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) sum += w * (large.get(t) ?? 0);
  return sum;
}

/** Cosine similarity in [0, 1] for non-negative vectors; 0 when either is empty. */
export function cosine(a: TermVector, b: TermVector): number {
  const d = norm(a) * norm(b);
  return d === 0 ? 0 : dot(a, b) / d;
}

/** The `k` heaviest entries (ties broken by term, so the choice never depends on insertion order). */
export function topK(v: TermVector, k: number): TermVector {
  const entries = [...v].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return new Map(entries.slice(0, k));
}

/** Adds `scale * b` into `a` in place. */
export function addInto(a: TermVector, b: TermVector, scale = 1): void {
  for (const [t, w] of b) a.set(t, (a.get(t) ?? 0) + scale * w);
}
