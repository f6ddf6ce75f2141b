/**
 * Clustering scores of a prediction against gold labels: pairwise and B-cubed precision/recall/F1 and the adjusted
 * Rand index, all from the contingency table.
 */
import { contingency, pairs } from './contingency.js';

/** Precision, recall and F1 of one metric. */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** All clustering scores of one prediction against gold labels. */
export interface ClusterScores {
  pairwise: Prf;
  bcubed: Prf;
  /** Adjusted Rand index. */
  ari: number;
}

/** The harmonic mean of precision and recall (0 when both are 0). */
export const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Pairwise P/R/F1: a pair of items is a true positive when both gold and prediction put them together. */
export function pairwiseScores(gold: readonly string[], predicted: readonly string[]): Prf {
  const { golds, preds, cells } = contingency(gold, predicted);
  const tp = cells.reduce((s, c) => s + pairs(c.n), 0);
  const predPairs = [...preds.values()].reduce((s, n) => s + pairs(n), 0);
  const goldPairs = [...golds.values()].reduce((s, n) => s + pairs(n), 0);
  const precision = predPairs === 0 ? 1 : tp / predPairs;
  const recall = goldPairs === 0 ? 1 : tp / goldPairs;
  return { precision, recall, f1: f1(precision, recall) };
}

/** B-cubed P/R/F1: per item, the share of its predicted cluster in its gold class (and vice versa), averaged. */
export function bcubedScores(gold: readonly string[], predicted: readonly string[]): Prf {
  const { golds, preds, cells } = contingency(gold, predicted);
  const n = gold.length;
  if (n === 0) return { precision: 1, recall: 1, f1: 1 };
  let p = 0;
  let r = 0;
  for (const c of cells) {
    p += (c.n * c.n) / (preds.get(c.p) ?? 1);
    r += (c.n * c.n) / (golds.get(c.g) ?? 1);
  }
  return { precision: p / n, recall: r / n, f1: f1(p / n, r / n) };
}

/** The adjusted Rand index (Hubert & Arabie): 1 for identical partitions, about 0 for chance agreement. */
export function adjustedRandIndex(gold: readonly string[], predicted: readonly string[]): number {
  const { golds, preds, cells } = contingency(gold, predicted);
  const index = cells.reduce((s, c) => s + pairs(c.n), 0);
  const a = [...golds.values()].reduce((s, x) => s + pairs(x), 0);
  const b = [...preds.values()].reduce((s, x) => s + pairs(x), 0);
  const total = pairs(gold.length);
  if (total === 0) return 1;
  const expected = (a * b) / total;
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** All scores at once. */
export function clusterScores(gold: readonly string[], predicted: readonly string[]): ClusterScores {
  return { pairwise: pairwiseScores(gold, predicted), bcubed: bcubedScores(gold, predicted), ari: adjustedRandIndex(gold, predicted) };
}

/** The mean of each P/R/F1 field (F1 averaged as given, not recomputed from the mean P and R). */
export function meanPrf(runs: readonly Prf[]): Prf {
  const mean = (f: (s: Prf) => number): number => runs.reduce((s, r) => s + f(r), 0) / Math.max(1, runs.length);
  return { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1) };
}

/** Scores averaged over several replays (orders) of one dataset. */
export function averageScores(runs: readonly ClusterScores[]): ClusterScores {
  return {
    pairwise: meanPrf(runs.map((s) => s.pairwise)),
    bcubed: meanPrf(runs.map((s) => s.bcubed)),
    ari: runs.reduce((s, r) => s + r.ari, 0) / Math.max(1, runs.length),
  };
}
