import { describe, expect, it } from 'vitest';
import { logGapToSpan, logSize, marginOverSecond, relativeToCohesion } from '../../src/cluster/join-features.js';

describe('join features', () => {
  it('margin over the runner-up is positive only for the best candidate', () => {
    expect(marginOverSecond([0.6, 0.4, 0.1], 0)).toBeCloseTo(0.2);
    expect(marginOverSecond([0.6, 0.4, 0.1], 1)).toBeCloseTo(-0.2);
    expect(marginOverSecond([0.5], 0)).toBeCloseTo(0.5);
  });
  it('cosine relative to cohesion rewards a match as close as the members are', () => {
    expect(relativeToCohesion(0.3, 0.3)).toBeCloseTo(1);
    expect(relativeToCohesion(0.3, 0.6)).toBeCloseTo(0.5);
    expect(relativeToCohesion(0.3, 0)).toBeCloseTo(0.3);
  });
  it('time gap is zero inside the span and grows with log hours outside', () => {
    const h = 3_600_000;
    expect(logGapToSpan(5 * h, 0, 10 * h)).toBe(0);
    expect(logGapToSpan(13 * h, 0, 10 * h)).toBeCloseTo(Math.log(4));
    expect(logGapToSpan(-3 * h, 0, 10 * h)).toBeCloseTo(Math.log(4));
  });
  it('size is log-scaled', () => {
    expect(logSize(0)).toBe(0);
    expect(logSize(Math.E - 1)).toBeCloseTo(1);
  });
});
