import { describe, expect, it } from 'vitest';
import { fmix32 } from '../../src/fingerprint/hash32.js';
import { minhashSignature } from '../../src/fingerprint/minhash.js';
import { DEFAULT_MINHASH_PARAMS } from '../../src/fingerprint/fingerprint-text.js';

/** A deterministic generator of 32-bit values, so the test is the same on every run. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    return fmix32(state);
  };
}

/** Two sets with |A∩B| = shared and |AΔB| = 2·own, built from distinct random values: exact Jaccard known. */
function setPair(next: () => number, shared: number, own: number): { a: Uint32Array; b: Uint32Array; jaccard: number } {
  const values = new Set<number>();
  while (values.size < shared + 2 * own) values.add(next());
  const all = [...values];
  const common = all.slice(0, shared);
  const a = Uint32Array.from([...common, ...all.slice(shared, shared + own)]);
  const b = Uint32Array.from([...common, ...all.slice(shared + own)]);
  return { a, b, jaccard: shared / (shared + 2 * own) };
}

function agreement(x: Uint32Array, y: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) equal++;
  return equal / x.length;
}

describe('MinHash accuracy', () => {
  it('estimates Jaccard with RMSE within 10 % of sqrt(J(1-J)/k) over 1,000 random set pairs', () => {
    const params = DEFAULT_MINHASH_PARAMS;
    const k = params.numPerm;
    const next = generator(20261124);
    let squaredError = 0;
    let variance = 0;
    const pairs = 1000;
    for (let p = 0; p < pairs; p++) {
      // Jaccard spread over 0.05..0.95, sets of 100..1,000 elements (short briefs to long articles).
      const target = 0.05 + (0.9 * (next() % 1000)) / 999;
      const union = 100 + (next() % 900);
      const shared = Math.round(target * union);
      const own = Math.max(1, Math.round((union - shared) / 2));
      const { a, b, jaccard } = setPair(next, shared, own);
      const estimate = agreement(minhashSignature(a, params), minhashSignature(b, params));
      squaredError += (estimate - jaccard) ** 2;
      variance += (jaccard * (1 - jaccard)) / k;
    }
    const rmse = Math.sqrt(squaredError / pairs);
    const theory = Math.sqrt(variance / pairs);
    expect(rmse / theory).toBeGreaterThan(0.9);
    expect(rmse / theory).toBeLessThanOrEqual(1.1);
  });

  it('is deterministic and order-independent', () => {
    const next = generator(7);
    const set = Uint32Array.from({ length: 300 }, () => next());
    const reversed = set.slice().reverse();
    expect(minhashSignature(set, DEFAULT_MINHASH_PARAMS)).toEqual(minhashSignature(reversed, DEFAULT_MINHASH_PARAMS));
  });

  it('handles a numPerm that is not a multiple of four', () => {
    const params = { ...DEFAULT_MINHASH_PARAMS, numPerm: 7 };
    const signature = minhashSignature(Uint32Array.from([1, 2, 3]), params);
    expect(signature).toHaveLength(7);
    expect(signature.every((v) => v !== 0xffffffff)).toBe(true);
  });
});
