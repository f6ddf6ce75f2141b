import { describe, expect, it } from 'vitest';
import { MERGE_FEATURES, mergeFeatures, spanGapHours, type MergeEvidence } from '../../src/cluster/merge-features.js';
import { MERGE_MODEL } from '../../src/cluster/merge-weights.js';
import { predict } from '../../src/cluster/logistic.js';

const h = 3_600_000;

describe('merge features', () => {
  it('the gap between two coverage spans is zero when they overlap and counts hours either way when not', () => {
    expect(spanGapHours({ start: 0, end: 10 * h }, { start: 5 * h, end: 20 * h })).toBe(0);
    expect(spanGapHours({ start: 0, end: 10 * h }, { start: 34 * h, end: 40 * h })).toBe(24);
    expect(spanGapHours({ start: 34 * h, end: 40 * h }, { start: 0, end: 10 * h })).toBe(24);
  });

  const evidence: MergeEvidence = {
    similarity: 0.5,
    entitySimilarity: 0.4,
    residualShare: 0.75,
    sorted: [0.5, 0.2],
    rank: 0,
    gapHours: 48,
    spanHours: 72,
    smaller: 2,
    larger: 6,
    cohesion: 0.7,
    titleOnlyShare: 0.25,
  };
  const named = (e: MergeEvidence): Record<(typeof MERGE_FEATURES)[number], number> =>
    Object.fromEntries(mergeFeatures(e).map((v, i) => [MERGE_FEATURES[i], v])) as Record<(typeof MERGE_FEATURES)[number], number>;

  it('gives one value per named feature, in the named order', () => {
    const f = named(evidence);
    expect(mergeFeatures(evidence)).toHaveLength(MERGE_FEATURES.length);
    expect(f.similarity).toBe(0.5);
    expect(f.entitySimilarity).toBe(0.4);
    expect(f.residualShare).toBe(0.75);
    expect(f.margin).toBeCloseTo(0.3);
    expect(f.logGap).toBeCloseTo(Math.log1p(48));
    expect(f.gapDays).toBeCloseTo(2);
    expect(f.logSpan).toBeCloseTo(Math.log1p(3));
    expect(f.logSmaller).toBeCloseTo(Math.log1p(2));
    expect(f.logLarger).toBeCloseTo(Math.log1p(6));
    expect(f.cohesion).toBe(0.7);
    expect(f.titleOnlyShare).toBe(0.25);
    expect(f.titleOnlySimilarity).toBeCloseTo(0.125);
    expect(f.entityTimesGap).toBeCloseTo(0.4 * Math.log1p(48));
    expect(f.similarityTimesSmaller).toBeCloseTo(0.5 * Math.log1p(2));
    expect(f.relativeSimilarity).toBeCloseTo(0.5 / 0.7);
  });

  it('a runner-up candidate has a negative margin, and negative inputs are clamped', () => {
    const f = named({ ...evidence, rank: 1, sorted: [0.5, 0.2], gapHours: -5, spanHours: -1 });
    expect(f.margin).toBeCloseTo(-0.3);
    expect(f.logGap).toBe(0);
    expect(f.gapDays).toBe(0);
    expect(f.logSpan).toBe(0);
  });

  it('the committed model has one weight per feature, and more shared wording is more likely one event', () => {
    expect(MERGE_MODEL.weights).toHaveLength(MERGE_FEATURES.length);
    // The cosine enters three features; at the sizes most merges join (up to 6 members on the smaller side, any
    // spread) the probability still rises with it.
    for (const smaller of [1, 2, 3, 6])
      for (const cohesion of [0.5, 0.7, 1]) {
        const at = (similarity: number) =>
          predict(MERGE_MODEL, mergeFeatures({ ...evidence, similarity, sorted: [similarity, 0.2], smaller, cohesion }));
        expect(at(0.6), `smaller ${smaller}, cohesion ${cohesion}`).toBeGreaterThan(at(0.3));
      }
  });
});
