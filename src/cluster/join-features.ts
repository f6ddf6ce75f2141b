/**
 * Calibrating signals for the learned join decision (issue 19). The previous attempt's raw cosines needed a
 * different threshold per set; these express a candidate's similarity relative to the competition and to the
 * cluster's own tightness, which is what varies between streams.
 */

/** How far the best cosine stands above the runner-up (the whole cosine when there is no runner-up). */
export function marginOverSecond(sorted: readonly number[], index: number): number {
  const own = sorted[index] ?? 0;
  const other = index === 0 ? (sorted[1] ?? 0) : (sorted[0] ?? 0);
  return own - other;
}

/** The cosine divided by the cluster's mean member-to-centroid cosine; a singleton (cohesion 1) leaves it as is. */
export function relativeToCohesion(similarity: number, cohesion: number): number {
  return cohesion > 0 ? similarity / cohesion : similarity;
}

/** Hours from `time` to the span [lo, hi] (0 inside it), on a log scale so days and weeks stay comparable. */
export function logGapToSpan(time: number, lo: number, hi: number): number {
  const gapMs = time < lo ? lo - time : time > hi ? time - hi : 0;
  return Math.log1p(gapMs / 3_600_000);
}

/** Cluster size on a log scale. */
export function logSize(size: number): number {
  return Math.log1p(Math.max(0, size));
}
