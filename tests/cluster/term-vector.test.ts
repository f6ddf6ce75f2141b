import { describe, expect, it } from 'vitest';
import { addInto, cosine, cosineWithoutTopTerm, idf, normalized, norm, topK, weighted } from '../../src/cluster/term-vector.js';
import { bandKeys, lshLayout, termSignature } from '../../src/cluster/term-sketch.js';

const v = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

describe('term vectors', () => {
  it('computes cosine similarity of sparse vectors', () => {
    expect(cosine(v({ a: 1, b: 1 }), v({ a: 1, b: 1 }))).toBeCloseTo(1);
    expect(cosine(v({ a: 1 }), v({ b: 1 }))).toBe(0);
    expect(cosine(v({ a: 1, b: 1 }), v({ a: 1 }))).toBeCloseTo(Math.SQRT1_2);
    expect(cosine(v({}), v({ a: 1 }))).toBe(0);
  });

  it('sets aside the term contributing most to a cosine', () => {
    // Shared: google (3·3 = 9) and apps (1·1 = 1); without google: 1 / (|{apps 1, referral 2}| · |{apps 1, sdk 2}|) = 1/5.
    const a = v({ google: 3, apps: 1, referral: 2 });
    const b = v({ google: 3, apps: 1, sdk: 2 });
    expect(cosineWithoutTopTerm(a, b)).toBeCloseTo(1 / 5);
    expect(cosineWithoutTopTerm(b, a)).toBeCloseTo(1 / 5);
    // Sharing one term only: nothing is left.
    expect(cosineWithoutTopTerm(v({ google: 3, referral: 2 }), v({ google: 3, sdk: 2 }))).toBe(0);
    expect(cosineWithoutTopTerm(v({ google: 1 }), v({ google: 1 }))).toBe(0);
    expect(cosineWithoutTopTerm(v({ a: 1 }), v({ b: 1 }))).toBe(0);
  });

  it('gives rare terms a higher IDF, and unseen terms a finite one', () => {
    expect(idf(100, 1)).toBeGreaterThan(idf(100, 50));
    expect(idf(100, 0)).toBeCloseTo(Math.log(101) + 1);
    expect(idf(0, 0)).toBe(1);
  });

  it('normalises, weights, adds and picks the heaviest terms deterministically', () => {
    expect(norm(normalized(v({ a: 3, b: 4 })))).toBeCloseTo(1);
    expect([...weighted(v({ a: 1, b: 2 }), (t) => (t === 'a' ? 10 : 1))]).toEqual([
      ['a', 10],
      ['b', 2],
    ]);
    const sum = v({ a: 1 });
    addInto(sum, v({ a: 1, b: 2 }), -1);
    expect([...sum]).toEqual([
      ['a', 0],
      ['b', -2],
    ]);
    expect([...topK(v({ c: 1, b: 2, a: 1 }), 2).keys()]).toEqual(['b', 'a']);
  });
});

describe('term sketch', () => {
  it('derives a recall-oriented band layout from a low threshold', () => {
    const layout = lshLayout(0.1, 32);
    expect(layout.bands * layout.rows).toBeLessThanOrEqual(32);
    // At Jaccard 0.3 a candidate must almost surely be found.
    expect(1 - (1 - 0.3 ** layout.rows) ** layout.bands).toBeGreaterThan(0.95);
  });

  it('gives equal sets equal keys, and disjoint sets none in common', () => {
    const layout = lshLayout(0.1, 32);
    const keys = (terms: string[]): number[] => bandKeys(termSignature(terms, 32), layout, terms.length === 0);
    expect(keys(['quake', 'napa', 'winery'])).toEqual(keys(['winery', 'quake', 'napa']));
    const a = keys(['quake', 'napa', 'winery']);
    const b = keys(['strike', 'pilots', 'airline']);
    expect(a.filter((k, i) => b[i] === k)).toEqual([]);
    expect(keys([])).toEqual([]);
  });
});
