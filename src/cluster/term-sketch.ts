/**
 * A small MinHash sketch over a set of terms, banded for LSH candidate search of event clusters.
 *
 * The fingerprint stage's MinHash works on shingles of wording; events need a sketch over *distinctive terms*
 * (a short set, tens of items), with a low, recall-tuned threshold. Bands and rows come from the threshold the
 * way datasketch derives them: minimising the sum of false-positive and false-negative probability mass.
 */

import { fmix32 } from '../fingerprint/hash32.js';
import { optimalLshParams } from '../fingerprint/lsh-params.js';

/** LSH layout: `bands × rows` MinHash values. */
export interface LshLayout {
  bands: number;
  rows: number;
}

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser: a fast, well-mixed 32-bit term hash. */
export function hashTerm(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i += 1) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Equal weights of missed and wasted candidates, as datasketch's default: clusters verify each candidate by cosine. */
const EVENT_LSH_WEIGHTS = { falsePositive: 0.5, falseNegative: 0.5 } as const;

/**
 * The band layout for `numPerm` hash functions minimising false positives below `threshold` plus false negatives
 * above it: the near-duplicate index's own optimiser, with equal weights.
 */
export function lshLayout(threshold: number, numPerm: number): LshLayout {
  return optimalLshParams(threshold, numPerm, EVENT_LSH_WEIGHTS);
}

/** Per-permutation seeds, fixed so that band keys stay comparable across runs and processes. */
function seedOf(i: number): number {
  return fmix32(Math.imul(i + 1, 0x9e3779b1));
}

/** The MinHash signature of a term set: for each permutation, the minimum of the seeded term hashes. */
export function termSignature(terms: Iterable<string>, numPerm: number): Uint32Array {
  const signature = new Uint32Array(numPerm).fill(0xffffffff);
  const hashes = [...terms].map(hashTerm);
  for (let i = 0; i < numPerm; i += 1) {
    const seed = seedOf(i);
    let min = 0xffffffff;
    for (const h of hashes) {
      const v = fmix32(h ^ seed);
      if (v < min) min = v;
    }
    signature[i] = min;
  }
  return signature;
}

/**
 * One 32-bit key per band (the band's rows hashed together, salted with the band number so that equal values
 * in different bands never collide). An empty term set has no keys.
 */
export function bandKeys(signature: Uint32Array, layout: LshLayout, empty: boolean): number[] {
  if (empty) return [];
  const keys: number[] = [];
  for (let b = 0; b < layout.bands; b += 1) {
    let h = fmix32(b + 0x51ed27);
    for (let r = 0; r < layout.rows; r += 1) h = fmix32(h ^ (signature[b * layout.rows + r] ?? 0));
    keys.push(h);
  }
  return keys;
}
