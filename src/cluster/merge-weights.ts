/**
 * The learned merge model's weights (features: merge-features.ts; used when cluster-config.ts `learnedMerges` is 1).
 * Written by `npm run fit:clusters -- --merges --stream 10000 --write`,
 * fit on ecbplus-dev, uci-news-sample, gva-dev, allsides-dev, giveme5w1h, scale-stream-10000-seed2;
 * the README gives the fit's figures and its leave-one-set-out check.
 */
import type { LogisticModel } from './logistic.js';

export const MERGE_MODEL: LogisticModel = {
  weights: [
    10.8653, // similarity
    -0.6745, // entitySimilarity
    1.0008, // residualShare
    0.7981, // margin
    -0.2632, // logGap
    0.01, // gapDays
    -0.2311, // logSpan
    -1.6607, // logSmaller
    0.0334, // logLarger
    5.3309, // cohesion
    1.7921, // titleOnlyShare
    7.4652, // titleOnlySimilarity
    -0.1534, // entityTimesGap
    -8.716, // similarityTimesSmaller
    7.8772, // relativeSimilarity
  ],
  bias: -6.0789,
};
