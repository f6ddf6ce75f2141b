import { describe, expect, it } from 'vitest';
import {
  JOIN_FEATURES,
  joinFeatures,
  logGapToSpan,
  logSize,
  marginOverSecond,
  relativeToCohesion,
  type JoinEvidence,
} from '../../src/cluster/join-features.js';

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

  const h = 3_600_000;
  const evidence: JoinEvidence = {
    similarity: 0.4,
    entitySimilarity: 0.5,
    residualShare: 0.8,
    sorted: [0.4, 0.1],
    rank: 0,
    time: 30 * 24 * h,
    span: { start: 0, end: 10 * 24 * h },
    stretchHours: 30 * 24,
    size: 3,
    cohesion: 0.8,
    sourceShare: 0.25,
    titleOnly: false,
  };
  const named = (e: JoinEvidence): Record<(typeof JOIN_FEATURES)[number], number> =>
    Object.fromEntries(joinFeatures(e).map((v, i) => [JOIN_FEATURES[i], v])) as Record<(typeof JOIN_FEATURES)[number], number>;

  it('gives one value per named feature, in the named order', () => {
    const f = named(evidence);
    expect(joinFeatures(evidence)).toHaveLength(JOIN_FEATURES.length);
    expect(f.similarity).toBe(0.4);
    expect(f.margin).toBeCloseTo(0.3);
    expect(f.logGap).toBeCloseTo(Math.log1p(20 * 24));
    expect(f.logStretch).toBeCloseTo(Math.log1p(30));
    expect(f.entityTimesGap).toBeCloseTo(0.5 * Math.log1p(20 * 24));
    expect(f.relativeSimilarity).toBeCloseTo(0.5);
    expect(f.titleOnly).toBe(0);
    expect(f.titleOnlySimilarity).toBe(0);
  });
  it('reads no time gap from an undated article or a cluster without a span', () => {
    expect(named({ ...evidence, time: Number.NaN }).logGap).toBe(0);
    expect(named({ ...evidence, span: null }).logGap).toBe(0);
  });
  it('lets a headline-only article carry its own similarity scale', () => {
    const f = named({ ...evidence, titleOnly: true });
    expect(f.titleOnly).toBe(1);
    expect(f.titleOnlySimilarity).toBe(0.4);
  });
});
