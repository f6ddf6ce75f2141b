/**
 * When two fingerprints are copies of one article: the decision rule of the near-duplicate index.
 *
 * A pair is a near-duplicate when the exact Jaccard similarity of their shingle sets reaches `threshold`
 * (same text, light edits, an added paragraph), or when the smaller set is contained in the larger at
 * `containmentThreshold` or more (a truncated teaser, the article inside extra boilerplate) — containment only
 * counts when the smaller text has at least MIN_CONTAINMENT_SHINGLES shingles, since a one-line text is
 * "contained" in any article that quotes it.
 */
import { containment, exactJaccard } from './fingerprint-text.js';
import type { Fingerprint } from '../model.js';

/** Default Jaccard threshold for a near-duplicate. */
export const DEFAULT_JACCARD_THRESHOLD = 0.8;
/** Default containment threshold: 80 % of the smaller text's shingles appear in the larger one. */
export const DEFAULT_CONTAINMENT_THRESHOLD = 0.8;
/** The smaller text needs this many shingles (≈ 24 words with 5-word shingles) before containment counts. */
export const MIN_CONTAINMENT_SHINGLES = 20;
/**
 * The shortest copy looked for by containment, as a share of the longer text: LSH candidates are generated for
 * the Jaccard a one-third-length teaser has with its article (see candidateThreshold).
 */
export const MIN_LENGTH_RATIO = 1 / 3;

/** Thresholds of the decision rule (defaults: DEFAULT_JACCARD_THRESHOLD, DEFAULT_CONTAINMENT_THRESHOLD). */
export interface NearDuplicateThresholds {
  threshold: number;
  containmentThreshold: number;
}

/** The verdict on one pair, with the exact similarities it was based on. */
export interface NearDuplicateVerdict {
  duplicate: boolean;
  jaccard: number;
  containment: number;
}

/** Verifies a pair exactly (shingle sets, not signatures). Throws PipelineError('fingerprint','params_mismatch') on different parameters. */
export function judgeNearDuplicate(a: Fingerprint, b: Fingerprint, thresholds: NearDuplicateThresholds): NearDuplicateVerdict {
  const jaccard = exactJaccard(a, b);
  const contained = containment(a, b);
  const longEnough = Math.min(a.shingles.length, b.shingles.length) >= MIN_CONTAINMENT_SHINGLES;
  const duplicate = jaccard >= thresholds.threshold || (longEnough && contained >= thresholds.containmentThreshold);
  return { duplicate, jaccard, containment: contained };
}

/**
 * The Jaccard similarity LSH must find candidates at: the lower of `threshold` and the Jaccard of a copy that
 * has `lengthRatio` (default MIN_LENGTH_RATIO) of the longer text's shingles and `containmentThreshold` of them
 * in common with it: J = c·ρ / (1 + ρ − c·ρ). With the defaults (0.8, 0.8, 1/3) this is 0.25.
 */
export function candidateThreshold(thresholds: NearDuplicateThresholds, lengthRatio = MIN_LENGTH_RATIO): number {
  const c = thresholds.containmentThreshold;
  const teaserJaccard = (c * lengthRatio) / (1 + lengthRatio - c * lengthRatio);
  return Math.min(thresholds.threshold, teaserJaccard);
}
