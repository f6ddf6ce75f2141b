/**
 * The learned merge model's weights (features: merge-features.ts; used when cluster-config.ts `learnedMerges` is 1).
 * Written by `npm run fit:clusters -- --merges --write`,
 * fit on ecbplus-dev, uci-news-sample, gva-dev, allsides-dev, giveme5w1h;
 * the README gives the fit's figures and its leave-one-set-out check.
 */
import type { LogisticModel } from './logistic.js';

export const MERGE_MODEL: LogisticModel = {
  weights: [
    9.7616, // similarity
    -0.663, // entitySimilarity
    0.7979, // residualShare
    0.1417, // margin
    -0.2576, // logGap
    0.0018, // gapDays
    -0.1656, // logSpan
    -1.5253, // logSmaller
    0.0731, // logLarger
    5.5727, // cohesion
    1.5265, // titleOnlyShare
    7.5157, // titleOnlySimilarity
    -0.1442, // entityTimesGap
    -9.6639, // similarityTimesSmaller
    10.2021, // relativeSimilarity
  ],
  bias: -6.2932,
};
