/**
 * The learned join model's weights (features: join-features.ts; used when cluster-config.ts `learnedJoin` is 1).
 * Written by `npm run fit:clusters -- --write`,
 * fit on ecbplus-dev, uci-news-sample, gva-dev, allsides-dev, giveme5w1h;
 * the README gives the fit's figures and its leave-one-set-out check.
 */
import type { LogisticModel } from './logistic.js';

export const JOIN_MODEL: LogisticModel = {
  weights: [
    5.8042, // similarity
    -0.4417, // entitySimilarity
    1.2792, // residualShare
    2.9111, // margin
    -0.0651, // logGap
    -0.5637, // logStretch
    -1.1265, // logSize
    1.497, // titleOnly
    -0.0083, // titleOnlySimilarity
    0.2549, // entityTimesGap
    0.743, // relativeSimilarity
    -0.0052, // gapDays
    -0.0615, // sourceShare
  ],
  bias: -0.7341,
};
