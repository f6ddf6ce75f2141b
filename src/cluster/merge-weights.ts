/**
 * The learned merge model's weights (features: merge-features.ts; used when cluster-config.ts `learnedMerges` is 1).
 * Written by `npm run fit:clusters -- --merges --write`,
 * fit on ecbplus-dev, uci-news-sample, gva-dev, allsides-dev, giveme5w1h;
 * the README gives the fit's figures and its leave-one-set-out check.
 */
import type { LogisticModel } from './logistic.js';

export const MERGE_MODEL: LogisticModel = {
  weights: [
    11.3945, // similarity
    -0.7081, // entitySimilarity
    0.8154, // residualShare
    -0.5005, // margin
    -0.2533, // logGap
    -0.0013, // gapDays
    -0.1444, // logSpan
    -1.515, // logSmaller
    0.0519, // logLarger
    5.7459, // cohesion
    1.5243, // titleOnlyShare
    6.8779, // titleOnlySimilarity
    -0.2145, // entityTimesGap
    -10.1773, // similarityTimesSmaller
    10.4083, // relativeSimilarity
  ],
  bias: -6.4919,
};
