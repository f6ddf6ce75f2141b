import { describe, expect, it } from 'vitest';
import { bandKeys, candidateProbability, optimalLshParams } from '../../src/fingerprint/lsh-params.js';
import { candidateThreshold } from '../../src/fingerprint/near-duplicates.js';

describe('optimalLshParams', () => {
  it('matches datasketch with equal weights (9 bands × 13 rows for 0.8 and 128 permutations)', () => {
    expect(optimalLshParams(0.8, 128, { falsePositive: 0.5, falseNegative: 0.5 })).toEqual({ bands: 9, rows: 13 });
  });

  it('favours recall by default: more, shorter bands than datasketch at the same threshold', () => {
    const recall = optimalLshParams(0.8, 128);
    expect(recall.bands * recall.rows).toBeLessThanOrEqual(128);
    expect(candidateProbability(0.8, recall.bands, recall.rows)).toBeGreaterThan(candidateProbability(0.8, 9, 13));
  });

  it('finds teaser-level similarity with the index defaults', () => {
    const threshold = candidateThreshold({ threshold: 0.8, containmentThreshold: 0.8 });
    expect(threshold).toBeCloseTo(0.25, 10);
    const { bands, rows } = optimalLshParams(threshold, 128);
    // A copy at Jaccard 0.4 (a 40 % teaser) is a candidate with probability ≥ 0.99; an unrelated pair at 0.02 rarely.
    expect(candidateProbability(0.4, bands, rows)).toBeGreaterThan(0.99);
    expect(candidateProbability(0.02, bands, rows)).toBeLessThan(0.05);
  });

  it.each([[0], [1], [Number.NaN]])('rejects threshold %s', (t) => {
    expect(() => optimalLshParams(t, 128)).toThrow('fingerprint: LSH threshold must be in (0, 1)');
  });
});

describe('bandKeys', () => {
  it('gives one key per band, equal exactly when the band rows are equal', () => {
    const a = Uint32Array.from({ length: 8 }, (_, i) => i);
    const b = a.slice();
    b[5] = 99; // band 2 of 4 (rows 4..5) differs
    const ka = bandKeys(a, 4, 2);
    const kb = bandKeys(b, 4, 2);
    expect(ka).toHaveLength(4);
    expect(ka.map((k, i) => k === kb[i])).toEqual([true, true, false, true]);
  });

  it('never gives two bands the same key, even for equal rows', () => {
    const keys = bandKeys(new Uint32Array(8), 4, 2);
    expect(new Set(keys).size).toBe(4);
    expect(keys.every((k) => Number.isSafeInteger(k))).toBe(true);
  });

  it('rejects more bands × rows than the signature holds', () => {
    expect(() => bandKeys(new Uint32Array(8), 3, 3)).toThrow('fingerprint: 3 bands × 3 rows do not fit a signature of 8');
  });
});
