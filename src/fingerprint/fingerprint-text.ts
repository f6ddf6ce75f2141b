/**
 * The fingerprint stage: text → normalized words → word shingles → 32-bit shingle hashes → MinHash signature.
 */
import { createHash } from 'node:crypto';
import { PipelineError, type Fingerprint, type MinHashParams } from '../model.js';
import { hashString32, hashWords32 } from './hash32.js';
import { minhashSignature, validateParams } from './minhash.js';
import { normalizeWords } from './normalize-words.js';

export { normalizeWords } from './normalize-words.js';

/** Default parameters: 128 permutations (standard error ≤ 0.044 per Jaccard estimate), 5-word shingles, a fixed seed. */
export const DEFAULT_MINHASH_PARAMS: MinHashParams = Object.freeze({ numPerm: 128, shingleSize: 5, seed: 0x5eed1e55 });

/**
 * Distinct, sorted 32-bit hashes of the word n-grams (n = `shingleSize`) of a word list. Each word is hashed
 * once (MurmurHash3 of its code units) and each shingle is MurmurHash3 over its word hashes, so no shingle string
 * is ever built. A list shorter than n words (but not empty) is one shingle of all its words.
 */
export function shingleHashes(words: readonly string[], shingleSize: number, seed: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = hashString32(words[i] ?? '', seed);
  const width = Math.min(shingleSize, words.length);
  const count = words.length - width + 1;
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = hashWords32(wordHashes, i, width, seed);
  return uniqueSorted(hashes);
}

/** Sorts in place and returns the distinct values (a subarray view). */
export function uniqueSorted(values: Uint32Array): Uint32Array {
  values.sort();
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (n === 0 || v !== values[n - 1]) values[n++] = v;
  }
  return values.slice(0, n);
}

/**
 * Fingerprints a text (default parameters: DEFAULT_MINHASH_PARAMS). Never fails for any string: a text with
 * no words gets an empty shingle set and an all-0xFFFFFFFF signature, which the duplicate index never matches.
 * Throws PipelineError('fingerprint', 'invalid_params') only for invalid parameters.
 */
export function fingerprintText(text: string, params: MinHashParams = DEFAULT_MINHASH_PARAMS): Fingerprint {
  validateParams(params);
  const words = normalizeWords(text);
  const shingles = shingleHashes(words, params.shingleSize, params.seed);
  return {
    params: { numPerm: params.numPerm, shingleSize: params.shingleSize, seed: params.seed },
    signature: minhashSignature(shingles, params),
    shingles,
    textHash: createHash('sha256').update(words.join(' ')).digest('hex'),
  };
}

/** True when two parameter sets produce comparable signatures. */
/** An article's fingerprint: of its text, or of its title when it has no text (a headline-only item). */
export function fingerprintArticle(article: { text: string; title: string }, params: MinHashParams = DEFAULT_MINHASH_PARAMS): Fingerprint {
  return fingerprintText(article.text || article.title, params);
}

export function sameParams(a: MinHashParams, b: MinHashParams): boolean {
  return a.numPerm === b.numPerm && a.shingleSize === b.shingleSize && a.seed === b.seed;
}

function assertComparable(a: Fingerprint, b: Fingerprint): void {
  if (sameParams(a.params, b.params)) return;
  const show = (p: MinHashParams): string => `numPerm=${p.numPerm} shingleSize=${p.shingleSize} seed=${p.seed}`;
  throw new PipelineError(
    'fingerprint',
    'params_mismatch',
    `cannot compare fingerprints made with different parameters (${show(a.params)} vs ${show(b.params)})`,
    { disposition: 'fatal' },
  );
}

/**
 * MinHash estimate of the Jaccard similarity: the share of signature positions that agree.
 * Two empty texts estimate 0 (nothing to compare). Throws PipelineError('fingerprint', 'params_mismatch')
 * when the fingerprints were made with different parameters.
 */
export function estimateJaccard(a: Fingerprint, b: Fingerprint): number {
  assertComparable(a, b);
  if (a.shingles.length === 0 || b.shingles.length === 0) return 0;
  let equal = 0;
  const k = a.signature.length;
  for (let i = 0; i < k; i++) if (a.signature[i] === b.signature[i]) equal++;
  return equal / k;
}

/** Size of the intersection of two sorted, distinct arrays (a linear merge). */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0,
    j = 0,
    n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0,
      y = b[j] ?? 0;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Exact Jaccard similarity of the two shingle sets (0 when either is empty). Throws on a params mismatch. */
export function exactJaccard(a: Fingerprint, b: Fingerprint): number {
  assertComparable(a, b);
  if (a.shingles.length === 0 || b.shingles.length === 0) return 0;
  const both = intersectionSize(a.shingles, b.shingles);
  return both / (a.shingles.length + b.shingles.length - both);
}

/**
 * Containment of the smaller shingle set in the larger, |A∩B| / min(|A|,|B|): 1 for a teaser cut from the
 * article or for the article inside a page with extra boilerplate. 0 when either set is empty.
 * Throws PipelineError('fingerprint', 'params_mismatch') when the parameters differ.
 */
export function containment(a: Fingerprint, b: Fingerprint): number {
  assertComparable(a, b);
  const smaller = Math.min(a.shingles.length, b.shingles.length);
  if (smaller === 0) return 0;
  return intersectionSize(a.shingles, b.shingles) / smaller;
}
