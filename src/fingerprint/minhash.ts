/**
 * MinHash signatures over 32-bit shingle hashes, in 32-bit integer arithmetic.
 *
 * Permutation i is the affine map h_i(x) = (a_i·x + b_i) mod 2^32 with a_i odd. Why this family:
 * - with a_i odd it is a bijection on 32-bit integers, so distinct shingles never tie and the minimum is well defined;
 * - `Math.imul` plus an add is exact (no product ever leaves 32 bits, unlike `(a*x+b) % p` in doubles, which
 *   silently loses bits above 2^53) and costs two instructions — 4 permutations per shingle load run in registers;
 * - the inputs are MurmurHash3 outputs (full avalanche), never raw integers: the affine family alone is not
 *   min-wise independent on structured input such as consecutive integers, but on well-mixed input the top bits
 *   (which decide the minimum) depend on every input bit. The accuracy test (1,000 pairs, RMSE within 10 % of
 *   sqrt(J(1-J)/k)) checks exactly this.
 */
import { PipelineError, type MinHashParams } from '../model.js';

const SIGN = 0x80000000;
const MAX_NUM_PERM = 4096;
const MAX_SHINGLE_SIZE = 32;

interface Permutations {
  /** Odd multipliers. */
  a: Int32Array;
  /** Offsets with the sign bit flipped, so a signed minimum over (a·x+b)^SIGN is the unsigned minimum over a·x+b. */
  b: Int32Array;
}

const permutationCache = new Map<string, Permutations>();

/** A small deterministic generator (SplitMix32): the permutations depend on the seed only, on every machine. */
function splitMix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function permutationsFor(params: MinHashParams): Permutations {
  const key = `${params.numPerm}:${params.seed}`;
  const cached = permutationCache.get(key);
  if (cached !== undefined) return cached;
  const next = splitMix32(params.seed);
  const a = new Int32Array(params.numPerm);
  const b = new Int32Array(params.numPerm);
  for (let i = 0; i < params.numPerm; i++) {
    a[i] = next() | 1;
    b[i] = (next() ^ SIGN) | 0;
  }
  const perms = { a, b };
  permutationCache.set(key, perms);
  return perms;
}

/**
 * Checks MinHash parameters: `numPerm` 1–4096, `shingleSize` 1–32, `seed` an unsigned 32-bit integer.
 * Throws PipelineError('fingerprint', 'invalid_params') naming the bad field, what was expected and what was found.
 */
export function validateParams(params: MinHashParams): MinHashParams {
  const check = (name: string, value: number, min: number, max: number): void => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new PipelineError('fingerprint', 'invalid_params', `${name} must be an integer in ${min}..${max}, got ${String(value)}`, {
        disposition: 'fatal',
      });
    }
  };
  check('numPerm', params.numPerm, 1, MAX_NUM_PERM);
  check('shingleSize', params.shingleSize, 1, MAX_SHINGLE_SIZE);
  check('seed', params.seed, 0, 0xffffffff);
  return params;
}

/**
 * The MinHash signature (length `params.numPerm`, unsigned) of a set of 32-bit shingle hashes.
 * Duplicates in `shingles` are harmless; an empty set gives all 0xFFFFFFFF (an "empty" signature).
 */
export function minhashSignature(shingles: Uint32Array, params: MinHashParams): Uint32Array {
  const { a, b } = permutationsFor(validateParams(params));
  const k = params.numPerm;
  const out = new Uint32Array(k);
  const blocked = k - (k % 4);
  for (let i = 0; i < blocked; i += 4) minOfFour(shingles, a, b, i, out);
  for (let i = blocked; i < k; i++) out[i] = minOfOne(shingles, a[i] ?? 1, b[i] ?? 0);
  return out;
}

/** Four permutations per pass over the shingles: one load of each shingle feeds four multiply-adds. */
function minOfFour(shingles: Uint32Array, a: Int32Array, b: Int32Array, i: number, out: Uint32Array): void {
  const a0 = a[i] ?? 1,
    a1 = a[i + 1] ?? 1,
    a2 = a[i + 2] ?? 1,
    a3 = a[i + 3] ?? 1;
  const b0 = b[i] ?? 0,
    b1 = b[i + 1] ?? 0,
    b2 = b[i + 2] ?? 0,
    b3 = b[i + 3] ?? 0;
  let m0 = 0x7fffffff,
    m1 = m0,
    m2 = m0,
    m3 = m0;
  const n = shingles.length;
  for (let j = 0; j < n; j++) {
    const x = shingles[j] ?? 0;
    const y0 = (Math.imul(a0, x) + b0) | 0;
    const y1 = (Math.imul(a1, x) + b1) | 0;
    const y2 = (Math.imul(a2, x) + b2) | 0;
    const y3 = (Math.imul(a3, x) + b3) | 0;
    if (y0 < m0) m0 = y0;
    if (y1 < m1) m1 = y1;
    if (y2 < m2) m2 = y2;
    if (y3 < m3) m3 = y3;
  }
  out[i] = (m0 ^ SIGN) >>> 0;
  out[i + 1] = (m1 ^ SIGN) >>> 0;
  out[i + 2] = (m2 ^ SIGN) >>> 0;
  out[i + 3] = (m3 ^ SIGN) >>> 0;
}

function minOfOne(shingles: Uint32Array, a: number, b: number): number {
  let m = 0x7fffffff;
  for (let j = 0; j < shingles.length; j++) {
    const y = (Math.imul(a, shingles[j] ?? 0) + b) | 0;
    if (y < m) m = y;
  }
  return (m ^ SIGN) >>> 0;
}
