/**
 * Locality-sensitive hashing over MinHash signatures: the banding parameters and the band keys.
 */
import { PipelineError } from '../model.js';
import { hashWords32 } from './hash32.js';

/** Default weights: a missed duplicate costs 9× a wasted candidate check, since every candidate is verified anyway. */
export const DEFAULT_LSH_WEIGHTS: Readonly<{ falsePositive: number; falseNegative: number }> = Object.freeze({
  falsePositive: 0.1,
  falseNegative: 0.9,
});

/** Probability that a pair with Jaccard similarity s shares at least one of `bands` bands of `rows` rows. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - Math.pow(1 - Math.pow(s, rows), bands);
}

/** ∫ f over [from, to] by the composite Simpson rule (f is smooth; 200 intervals are far below 1e-6 error). */
function integrate(f: (s: number) => number, from: number, to: number): number {
  const n = 200;
  const h = (to - from) / n;
  let sum = f(from) + f(to);
  for (let i = 1; i < n; i++) sum += f(from + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}

/** The search costs ~30 ms (numPerm² integrals); every index opened with the same settings reuses its answer. */
const optimumCache = new Map<string, { bands: number; rows: number }>();

/**
 * The bands × rows (bands·rows ≤ numPerm) that minimise
 *   falsePositive · ∫₀^t P(candidate | s) ds + falseNegative · ∫ₜ^1 (1 − P(candidate | s)) ds,
 * the expected share of pairs below the threshold t that become candidates and above it that are missed,
 * as datasketch does — but weighted towards recall by default (DEFAULT_LSH_WEIGHTS, 0.1/0.9): datasketch's equal
 * weights give 9 × 13 for t = 0.8, which misses 18 % of the pairs above 0.8, while every candidate here is verified
 * exactly, so a false positive only costs one check. Throws PipelineError('fingerprint', 'invalid_params') for a
 * threshold outside (0, 1) or numPerm < 1.
 */
export function optimalLshParams(
  threshold: number,
  numPerm: number,
  weights: { falsePositive: number; falseNegative: number } = DEFAULT_LSH_WEIGHTS,
): { bands: number; rows: number } {
  if (!(threshold > 0 && threshold < 1)) {
    throw new PipelineError('fingerprint', 'invalid_params', `LSH threshold must be in (0, 1), got ${String(threshold)}`, {
      disposition: 'fatal',
    });
  }
  if (!Number.isInteger(numPerm) || numPerm < 1) {
    throw new PipelineError('fingerprint', 'invalid_params', `numPerm must be a positive integer, got ${String(numPerm)}`, {
      disposition: 'fatal',
    });
  }
  const cacheKey = `${threshold}:${numPerm}:${weights.falsePositive}:${weights.falseNegative}`;
  const cached = optimumCache.get(cacheKey);
  if (cached !== undefined) return { ...cached };
  let best = { bands: 1, rows: numPerm };
  let bestCost = Number.POSITIVE_INFINITY;
  for (let bands = 1; bands <= numPerm; bands++) {
    const maxRows = Math.floor(numPerm / bands);
    for (let rows = 1; rows <= maxRows; rows++) {
      const fp = integrate((s) => candidateProbability(s, bands, rows), 0, threshold);
      const fn = integrate((s) => 1 - candidateProbability(s, bands, rows), threshold, 1);
      const cost = weights.falsePositive * fp + weights.falseNegative * fn;
      if (cost < bestCost) {
        bestCost = cost;
        best = { bands, rows };
      }
    }
  }
  optimumCache.set(cacheKey, best);
  return { ...best };
}

/** Band index in the high bits, band hash in the low 32: keys of different bands never collide, all below 2^53. */
const BAND_SHIFT = 2 ** 32;

/**
 * One integer key per band: band i covers signature[i·rows .. (i+1)·rows), hashed with MurmurHash3 to 32 bits and
 * offset by i·2^32, so one indexed column holds every band and one `key IN (…)` query finds all candidates.
 * Throws PipelineError('fingerprint', 'invalid_params') when bands·rows exceeds the signature length.
 */
export function bandKeys(signature: Uint32Array, bands: number, rows: number): number[] {
  if (bands * rows > signature.length || bands < 1 || rows < 1) {
    throw new PipelineError(
      'fingerprint',
      'invalid_params',
      `${bands} bands × ${rows} rows do not fit a signature of ${signature.length}`,
      {
        disposition: 'fatal',
      },
    );
  }
  const keys = new Array<number>(bands);
  for (let band = 0; band < bands; band++) {
    keys[band] = band * BAND_SHIFT + hashWords32(signature, band * rows, rows, band);
  }
  return keys;
}
