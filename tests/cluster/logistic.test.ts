import { describe, expect, it } from 'vitest';
import { fitLogistic, predict, sigmoid } from '../../src/cluster/logistic.js';

describe('logistic regression', () => {
  it('recovers a known weighting from a tiny labelled set', () => {
    // Labels drawn from P = sigmoid(3*x0 - 2*x1 + 0.5) on a grid, as expected frequencies (10 copies per point).
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let a = -1; a <= 1.001; a += 0.25) {
      for (let b = -1; b <= 1.001; b += 0.25) {
        const p = sigmoid(3 * a - 2 * b + 0.5);
        const positives = Math.round(p * 10);
        for (let k = 0; k < 10; k++) {
          xs.push([a, b]);
          ys.push(k < positives ? 1 : 0);
        }
      }
    }
    const m = fitLogistic(xs, ys, { l2: 0, iterations: 5000, learningRate: 1 });
    expect(m.weights[0]).toBeCloseTo(3, 0);
    expect(m.weights[1]).toBeCloseTo(-2, 0);
    expect(m.bias).toBeCloseTo(0.5, 0);
    expect(predict(m, [1, -1])).toBeGreaterThan(0.99);
  });

  it('is deterministic and shrinks weights under L2', () => {
    const xs = [[1], [2], [-1], [-2]];
    const ys = [1, 1, 0, 0];
    const a = fitLogistic(xs, ys);
    expect(fitLogistic(xs, ys)).toEqual(a);
    const strong = fitLogistic(xs, ys, { l2: 1 });
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(a.weights[0]!));
  });

  it('stays finite for large inputs', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});
