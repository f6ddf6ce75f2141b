/**
 * A small MinHash sketch over a set of terms, banded for LSH candidate search of event clusters.
 *
 * The fingerprint stage's MinHash works on shingles of wording; events need a sketch over *distinctive terms*
 * (a short set, tens of items), with a low, recall-tuned threshold. Bands and rows come from the threshold the
 * way datasketch derives them: minimising the sum of false-positive and false-negative probability mass.
 */

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
  return mix32(h);
}

/** murmur3 fmix32: spreads every input bit over the output. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Probability that two sets of Jaccard `s` share at least one band. */
function candidateProbability(s: number, layout: LshLayout): number {
  return 1 - (1 - s ** layout.rows) ** layout.bands;
}

/** Numerical integral of `f` over [a, b] (midpoint rule, fine for these smooth curves). */
function integrate(f: (s: number) => number, a: number, b: number): number {
  const steps = 200;
  const h = (b - a) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i += 1) sum += f(a + (i + 0.5) * h);
  return sum * h;
}

/**
 * The band layout for `numPerm` hash functions minimising false positives below `threshold` plus false
 * negatives above it (equal weights, as datasketch's default).
 */
export function lshLayout(threshold: number, numPerm: number): LshLayout {
  let best: LshLayout = { bands: numPerm, rows: 1 };
  let bestError = Number.POSITIVE_INFINITY;
  for (let bands = 1; bands <= numPerm; bands += 1) {
    const maxRows = Math.floor(numPerm / bands);
    for (let rows = 1; rows <= maxRows; rows += 1) {
      const layout = { bands, rows };
      const fp = integrate((s) => candidateProbability(s, layout), 0, threshold);
      const fn = integrate((s) => 1 - candidateProbability(s, layout), threshold, 1);
      if (fp + fn < bestError) {
        bestError = fp + fn;
        best = layout;
      }
    }
  }
  return best;
}

/** Per-permutation seeds, fixed so that band keys stay comparable across runs and processes. */
function seedOf(i: number): number {
  return mix32(Math.imul(i + 1, 0x9e3779b1));
}

/** The MinHash signature of a term set: for each permutation, the minimum of the seeded term hashes. */
export function termSignature(terms: Iterable<string>, numPerm: number): Uint32Array {
  const signature = new Uint32Array(numPerm).fill(0xffffffff);
  const hashes = [...terms].map(hashTerm);
  for (let i = 0; i < numPerm; i += 1) {
    const seed = seedOf(i);
    let min = 0xffffffff;
    for (const h of hashes) {
      const v = mix32(h ^ seed);
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
    let h = mix32(b + 0x51ed27);
    for (let r = 0; r < layout.rows; r += 1) h = mix32(h ^ (signature[b * layout.rows + r] ?? 0));
    keys.push(h);
  }
  return keys;
}
