/**
 * 32-bit hashing in integer arithmetic (`Math.imul`), after MurmurHash3 x86_32.
 *
 * Everything here stays in 32-bit integers: no floating-point products that can exceed 2^53 and no BigInt,
 * which is what makes the MinHash loop both exact and fast.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's finalizer: a bijection on 32-bit integers with full avalanche; returns an unsigned value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One MurmurHash3 body round: mixes the 32-bit block `k` into the running state `h`. */
function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * MurmurHash3 x86_32 of a string's UTF-16 code units, two code units per 32-bit block (default seed 0).
 * Hashing code units instead of UTF-8 bytes skips an encoding pass; the result is just as well distributed.
 */
export function hashString32(text: string, seed = 0): number {
  let h = seed | 0;
  const len = text.length;
  const even = len & ~1;
  for (let i = 0; i < even; i += 2) {
    h = mixBlock(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  }
  if (even !== len) {
    let k = Math.imul(text.charCodeAt(even), C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return fmix32(h ^ (len * 2));
}

/**
 * MurmurHash3 x86_32 of a run of 32-bit words `words[start .. start+count)` (default seed 0):
 * how a shingle (a run of word hashes) becomes one 32-bit shingle hash without re-reading its characters.
 */
export function hashWords32(words: ArrayLike<number>, start: number, count: number, seed = 0): number {
  let h = seed | 0;
  for (let i = 0; i < count; i++) h = mixBlock(h, words[start + i] ?? 0);
  return fmix32(h ^ (count * 4));
}
