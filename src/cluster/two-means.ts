/**
 * Two-way splits of a set of unit term vectors: spherical 2-means and the silhouette that judges a split. Pure
 * functions; settle() uses them to decide whether a cluster holds two events.
 */
import { cosine, cosineWithout, dot, norm, sumOf, type TermVector } from './term-vector.js';

/**
 * Spherical 2-means with restarts: each restart seeds one side with one of the `restarts` vectors least like
 * the mean and the other with the vector least like that seed, runs at most 10 rounds (it converges in a few),
 * and the split with the best silhouette wins (a single farthest-point seed often splits off one outlier).
 * Returns each vector's side, 0 or 1.
 */
export function twoMeans(vectors: readonly TermVector[], restarts = 4): number[] {
  const mean = centreOf(vectors);
  const byDistance = vectors.map((v, i) => [i, mean.cosine(v)] as const).sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  let best: number[] = vectors.map(() => 0);
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [seed] of byDistance.slice(0, Math.max(1, restarts))) {
    const side = twoMeansFrom(vectors, seed);
    const score = silhouette(vectors, side);
    if (score > bestScore) {
      bestScore = score;
      best = side;
    }
  }
  return best;
}

/** One 2-means run from a seed vector and the vector least like it. */
function twoMeansFrom(vectors: readonly TermVector[], seed: number): number[] {
  const first = vectors[seed] ?? new Map<string, number>();
  let other = seed;
  let otherSim = Number.POSITIVE_INFINITY;
  vectors.forEach((v, i) => {
    const sim = cosine(v, first);
    if (i !== seed && sim < otherSim) {
      otherSim = sim;
      other = i;
    }
  });
  let centres: [Centre, Centre] = [centreOf([first]), centreOf([vectors[other] ?? first])];
  let side: number[] = vectors.map(() => -1);
  for (let round = 0; round < 10; round += 1) {
    const [c0, c1] = centres;
    const next = vectors.map((v) => (c0.cosine(v) >= c1.cosine(v) ? 0 : 1));
    if (next.every((s, i) => s === side[i])) break;
    side = next;
    centres = [centreOf(vectors.filter((_, i) => side[i] === 0)), centreOf(vectors.filter((_, i) => side[i] === 1))];
  }
  return side;
}

/**
 * The sum of some vectors with its norm computed once: members are compared with a centre hundreds of times, and
 * a centre has thousands of terms while a member has dozens, so only the dot product may touch the member's terms.
 */
interface Centre {
  sum: TermVector;
  /** Squared norm of `sum`. */
  norm2: number;
  /** Cosine of a vector with the centre. */
  cosine(v: TermVector): number;
  /** Cosine of a member of this centre with the centre less that member (leave-one-out), without copying. */
  cosineWithout(v: TermVector): number;
}

function centreOf(vectors: readonly TermVector[]): Centre {
  const sum = sumOf(vectors);
  const norm2 = norm(sum) ** 2;
  return {
    sum,
    norm2,
    cosine(v) {
      const d = Math.sqrt(norm2) * norm(v);
      return d === 0 ? 0 : dot(v, sum) / d;
    },
    cosineWithout: (v) => cosineWithout(v, sum, norm2),
  };
}

/** Mean silhouette of a two-way split of unit vectors (cosine; own half's centroid leaves the member out). */
export function silhouette(vectors: readonly TermVector[], side: readonly number[]): number {
  const centres = [centreOf(vectors.filter((_, i) => side[i] === 0)), centreOf(vectors.filter((_, i) => side[i] === 1))];
  let total = 0;
  vectors.forEach((v, i) => {
    const s = side[i] === 1 ? 1 : 0;
    const a = centres[s]?.cosineWithout(v) ?? 0;
    const b = centres[1 - s]?.cosine(v) ?? 0;
    const m = Math.max(a, b);
    total += m === 0 ? 0 : (a - b) / m;
  });
  return vectors.length === 0 ? 0 : total / vectors.length;
}
