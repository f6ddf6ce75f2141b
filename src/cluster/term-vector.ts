/**
 * Sparse term vectors: IDF weighting, L2 normalisation, cosine, top-k selection.
 */

/** A sparse vector: term → weight. */
export type TermVector = Map<string, number>;

/** A vector a function only reads (cached centroids and article vectors are handed out as these). */
export type ReadonlyTermVector = ReadonlyMap<string, number>;

/** Smoothed inverse document frequency: `ln((docs + 1) / (df + 1)) + 1`, never zero so unseen terms still count. */
export function idf(docs: number, df: number): number {
  return Math.log((docs + 1) / (df + 1)) + 1;
}

/** The Euclidean norm of a vector. */
export function norm(v: ReadonlyTermVector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

/** A copy scaled to unit length (an empty or zero vector stays as it is). */
export function normalized(v: ReadonlyTermVector): TermVector {
  const n = norm(v);
  if (n === 0) return new Map(v);
  const out: TermVector = new Map();
  for (const [t, w] of v) out.set(t, w / n);
  return out;
}

/** Element-wise product with per-term weights (missing weights count as 1). */
export function weighted(v: ReadonlyTermVector, weightOf: (term: string) => number): TermVector {
  const out: TermVector = new Map();
  for (const [t, w] of v) out.set(t, w * weightOf(t));
  return out;
}

/** The dot product, iterating the smaller vector. */
export function dot(a: ReadonlyTermVector, b: ReadonlyTermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [t, w] of small) sum += w * (large.get(t) ?? 0);
  return sum;
}

/** Cosine similarity in [0, 1] for non-negative vectors; 0 when either is empty. */
export function cosine(a: ReadonlyTermVector, b: ReadonlyTermVector): number {
  const d = norm(a) * norm(b);
  return d === 0 ? 0 : dot(a, b) / d;
}

/** The `k` heaviest entries (ties broken by term, so the choice never depends on insertion order). */
export function topK(v: ReadonlyTermVector, k: number): TermVector {
  const entries = [...v].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return new Map(entries.slice(0, k));
}

/** The sum of some vectors, as a new vector. */
export function sumOf(vectors: readonly ReadonlyTermVector[]): TermVector {
  const out: TermVector = new Map();
  for (const v of vectors) addInto(out, v);
  return out;
}

/** Adds `scale * b` into `a` in place. */
export function addInto(a: TermVector, b: ReadonlyTermVector, scale = 1): void {
  for (const [t, w] of b) a.set(t, (a.get(t) ?? 0) + scale * w);
}

/**
 * Cosine of `v` with `sum − v`, for a `v` that is part of `sum` (a member against its cluster without it), from
 * `sum`'s squared norm and without copying `sum`: |sum − v|² = |sum|² − 2·v·sum + |v|². A remainder that is zero up
 * to rounding means `v` was alone: 0.
 */
export function cosineWithout(v: ReadonlyTermVector, sum: ReadonlyTermVector, sumNorm2: number): number {
  const vs = dot(v, sum);
  const vv = norm(v) ** 2;
  const rest2 = sumNorm2 - 2 * vs + vv;
  if (vv === 0 || rest2 <= 1e-12 * Math.max(1, sumNorm2)) return 0;
  return Math.max(0, (vs - vv) / (Math.sqrt(rest2) * Math.sqrt(vv)));
}

/**
 * Cosine of `a` and `b` once the one term contributing most to their dot product is set aside from both (0 when
 * they share no term, or nothing is left). Computed from the norms, without copying either vector.
 */
export function cosineWithoutTopTerm(a: ReadonlyTermVector, b: ReadonlyTermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  let top = 0;
  let topSmall = 0;
  let topLarge = 0;
  for (const [t, w] of small) {
    const x = large.get(t);
    if (x === undefined) continue;
    sum += w * x;
    if (w * x > top) {
      top = w * x;
      topSmall = w;
      topLarge = x;
    }
  }
  const restSmall = norm(small) ** 2 - topSmall ** 2;
  const restLarge = norm(large) ** 2 - topLarge ** 2;
  if (top === 0 || restSmall <= 1e-12 || restLarge <= 1e-12) return 0;
  return Math.max(0, (sum - top) / Math.sqrt(restSmall * restLarge));
}
