/**
 * The learned join model's weights (see join-features.ts for the features, cluster-config.ts `learnedJoin`).
 * Written by `npm run fit:clusters`; the README gives the fit's figures and its leave-one-set-out check.
 */
import type { LogisticModel } from './logistic.js';

export const JOIN_MODEL: LogisticModel = {
  weights: [4.262, -0.273, 2.562, 2.722, 0.002, -0.554, -1.784, 0.083, -0.4, 0.059, 2.341, -0.005, -0.608],
  bias: -0.946,
};
