/**
 * L2-regularised logistic regression, fit by full-batch gradient descent from zero weights: deterministic
 * (no random init, no shuffling), so `npm run fit:clusters` reproduces the committed weights exactly.
 * Used for the learned join decision (issue 19): one model ranks candidate clusters, a second says join or new.
 */

/** Weights per feature plus an intercept. */
export interface LogisticModel {
  weights: number[];
  bias: number;
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias), per example. */
  l2: number;
  learningRate: number;
  iterations: number;
}

const DEFAULTS: FitOptions = { l2: 1e-3, learningRate: 0.5, iterations: 2000 };

/** The logistic function, written to stay finite for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** P(label = 1 | features). */
export function predict(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * (x[i] ?? 0);
  return sigmoid(z);
}

/**
 * Fits on rows `xs` with 0/1 labels `ys`; an empty set gives the zero model. `sampleWeights` (default all 1) lets
 * each labelled set count equally however many pairs it yields.
 */
export function fitLogistic(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  options: Partial<FitOptions> = {},
  sampleWeights?: readonly number[],
): LogisticModel {
  const o = { ...DEFAULTS, ...options };
  const dims = xs[0]?.length ?? 0;
  const model: LogisticModel = { weights: new Array<number>(dims).fill(0), bias: 0 };
  const n = xs.length;
  if (n === 0) return model;
  const sw = sampleWeights ?? new Array<number>(n).fill(1);
  const total = sw.reduce((a, b) => a + b, 0) || 1;
  // Gradient descent runs on z-scores (features of very different ranges would need different step sizes);
  // the model is mapped back to raw features at the end.
  const mean = new Array<number>(dims).fill(0);
  const scale = new Array<number>(dims).fill(0);
  for (let r = 0; r < n; r++) for (let i = 0; i < dims; i++) mean[i]! += (xs[r]![i]! * sw[r]!) / total;
  for (let r = 0; r < n; r++) for (let i = 0; i < dims; i++) scale[i]! += ((xs[r]![i]! - mean[i]!) ** 2 * sw[r]!) / total;
  for (let i = 0; i < dims; i++) scale[i] = Math.sqrt(scale[i]!) || 1;
  const zs = xs.map((x) => x.map((v, i) => (v - mean[i]!) / scale[i]!));
  for (let it = 0; it < o.iterations; it++) {
    const grad = new Array<number>(dims).fill(0);
    let gradBias = 0;
    for (let r = 0; r < n; r++) {
      const err = (predict(model, zs[r]!) - ys[r]!) * sw[r]!;
      for (let i = 0; i < dims; i++) grad[i]! += err * zs[r]![i]!;
      gradBias += err;
    }
    for (let i = 0; i < dims; i++) model.weights[i]! -= o.learningRate * (grad[i]! / total + o.l2 * model.weights[i]!);
    model.bias -= o.learningRate * (gradBias / total);
  }
  const weights = model.weights.map((w, i) => w / scale[i]!);
  const bias = model.bias - model.weights.reduce((sum, w, i) => sum + (w * mean[i]!) / scale[i]!, 0);
  return { weights, bias };
}
