/**
 * The learned merge model's weights (features: merge-features.ts; used when cluster-config.ts `learnedMerges` is 1).
 * Written by `npm run fit:clusters -- --merges --write`,
 * fit on ecbplus-dev, uci-news-sample, gva-dev, allsides-dev, giveme5w1h;
 * the README gives the fit's figures and its leave-one-set-out check.
 */
import type { LogisticModel } from './logistic.js';

export const MERGE_MODEL: LogisticModel = {
  weights: [
    11.7167, // similarity
    -1.266, // entitySimilarity
    1.3518, // residualShare
    -0.4093, // margin
    -0.208, // logGap
    -0.0058, // gapDays
    -0.1253, // logSpan
    -3.0837, // logSmaller
    -0.026, // logLarger
    3.3239, // cohesion
    1.5427, // titleOnlyShare
    7.6851, // titleOnlySimilarity
    0.0199, // entityTimesGap
  ],
  bias: -3.0132,
};
