/**
 * The learned join model's weights (features: join-features.ts; used when cluster-config.ts `learnedJoin` is 1).
 * Written by `npm run fit:clusters -- --write`,
 * fit on ecbplus-dev, uci-news-sample, gva-dev, allsides-dev, giveme5w1h;
 * the README gives the fit's figures and its leave-one-set-out check.
 */
import type { LogisticModel } from './logistic.js';

export const JOIN_MODEL: LogisticModel = {
  weights: [
    6.6138, // similarity
    -0.3528, // entitySimilarity
    1.8306, // residualShare
    2.6786, // margin
    -0.1657, // logGap
    -0.3464, // logStretch
    -1.2051, // logSize
    1.6909, // titleOnly
    0.3257, // titleOnlySimilarity
    0.1912, // entityTimesGap
    -0.0407, // relativeSimilarity
    -0.0054, // gapDays
    -0.2828, // sourceShare
  ],
  bias: -0.8679,
};
