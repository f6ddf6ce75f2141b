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

/** What the join decision knows about one candidate cluster for one article. */
export interface JoinEvidence {
  /** The clusterer's similarity (TF-IDF cosine, blended with names if configured) to the centroid. */
  similarity: number;
  /** Cosine over names and figures alone. */
  entitySimilarity: number;
  /** The cosine once the one term contributing most is set aside, over the full cosine (1 = no single term carries it). */
  residualShare: number;
  /** Similarities of all candidates of this article, best first (for the margin). */
  sorted: readonly number[];
  /** This candidate's index in `sorted`. */
  rank: number;
  /** The article's time and the cluster's robust coverage span, ms (NaN/null when undated). */
  time: number;
  span: { start: number; end: number } | null;
  /** Hours the span would stretch to if the article joined (0 when undated). */
  stretchHours: number;
  size: number;
  /** The cluster's mean member-to-centroid cosine (1 for a single member): how tight its coverage is. */
  cohesion: number;
  /** Share of the cluster's members from the article's own source. */
  sourceShare: number;
  /** The article has no text (headline only). */
  titleOnly: boolean;
}

/** Names of the join features, in the order joinFeatures returns them (the weights file lists them too). */
export const JOIN_FEATURES = [
  'similarity',
  'entitySimilarity',
  'residualShare',
  'margin',
  'logGap',
  'logStretch',
  'logSize',
  'titleOnly',
  'titleOnlySimilarity',
  'entityTimesGap',
  'relativeSimilarity',
  'gapDays',
  'sourceShare',
] as const;

/** The feature vector of one (article, candidate) pair; see JOIN_FEATURES. */
export function joinFeatures(e: JoinEvidence): number[] {
  const gap = e.span === null || Number.isNaN(e.time) ? 0 : logGapToSpan(e.time, e.span.start, e.span.end);
  const titleOnly = e.titleOnly ? 1 : 0;
  return [
    e.similarity,
    e.entitySimilarity,
    e.residualShare,
    marginOverSecond(e.sorted, e.rank),
    gap,
    Math.log1p(Math.max(0, e.stretchHours) / 24),
    logSize(e.size),
    titleOnly,
    titleOnly * e.similarity,
    e.entitySimilarity * gap,
    relativeToCohesion(e.similarity, e.cohesion),
    // Linear as well as log: a week and a month differ more for look-alike events than the log scale says.
    Math.expm1(gap) / 24,
    // An outlet seldom files two reports of one development; a second one in the cluster is more often the next story.
    e.sourceShare,
  ];
}
