/**
 * The signals of the learned merge decision (issue 19): what two clusters' centroids, coverage spans and sizes say
 * about whether they hold one event. Pure; learned-merge.ts gathers the evidence, merge-weights.ts holds the fit.
 */
import { logSize, marginOverSecond, relativeToCohesion } from './join-features.js';

/** What the merge decision knows about one pair of clusters. */
export interface MergeEvidence {
  /** The clusterer's similarity between the two IDF-weighted centroids. */
  similarity: number;
  /** Cosine over names and figures alone. */
  entitySimilarity: number;
  /** The cosine once the one term contributing most is set aside, over the full cosine. */
  residualShare: number;
  /** Similarities of all of the first cluster's merge candidates, best first (for the margin). */
  sorted: readonly number[];
  /** This candidate's index in `sorted`. */
  rank: number;
  /** Hours between the two robust coverage spans (0 when they overlap or either is undated). */
  gapHours: number;
  /** Hours the merged cluster's span would cover (0 when undated). */
  spanHours: number;
  /** Members of the smaller and of the larger cluster. */
  smaller: number;
  larger: number;
  /** The lower of the two clusters' mean member-to-centroid cosines. */
  cohesion: number;
  /** Share of headline-only members among those sampled from both clusters. */
  titleOnlyShare: number;
}

/**
 * Names of the merge features, in the order mergeFeatures returns them (the weights file lists them too). The last
 * two let the cosine count differently by size and spread: averaging many reports makes two centroids of one event
 * alike, but also two centroids of one topic, and a loose cluster's centroid is less alike to anything.
 */
export const MERGE_FEATURES = [
  'similarity',
  'entitySimilarity',
  'residualShare',
  'margin',
  'logGap',
  'gapDays',
  'logSpan',
  'logSmaller',
  'logLarger',
  'cohesion',
  'titleOnlyShare',
  'titleOnlySimilarity',
  'entityTimesGap',
  'similarityTimesSmaller',
  'relativeSimilarity',
] as const;

/** Hours between two spans, 0 when they overlap. */
export function spanGapHours(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, a.start - b.end, b.start - a.end) / 3_600_000;
}

/** The feature vector of one pair of clusters; see MERGE_FEATURES. */
export function mergeFeatures(e: MergeEvidence): number[] {
  const gap = Math.log1p(Math.max(0, e.gapHours));
  return [
    e.similarity,
    e.entitySimilarity,
    e.residualShare,
    marginOverSecond(e.sorted, e.rank),
    gap,
    Math.max(0, e.gapHours) / 24,
    Math.log1p(Math.max(0, e.spanHours) / 24),
    logSize(e.smaller),
    logSize(e.larger),
    e.cohesion,
    e.titleOnlyShare,
    e.titleOnlyShare * e.similarity,
    e.entitySimilarity * gap,
    e.similarity * logSize(e.smaller),
    relativeToCohesion(e.similarity, e.cohesion),
  ];
}
