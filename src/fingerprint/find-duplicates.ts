/**
 * Which indexed articles a fingerprint duplicates: exact matches (canonical URL, normalized-text hash), then LSH
 * candidates each verified on its shingle set (near-duplicates.ts's rule), best match first; and the checks of the
 * index's settings. Reads the index through {@link IndexedFingerprints}, which pipeline/ wires to the store.
 */
import { PipelineError, type Fingerprint, type MinHashParams } from '../model.js';
import { DEFAULT_MINHASH_PARAMS, sameParams } from './fingerprint-text.js';
import { bandKeys, optimalLshParams } from './lsh-params.js';
import { validateParams } from './minhash.js';
import {
  candidateThreshold,
  DEFAULT_CONTAINMENT_THRESHOLD,
  DEFAULT_JACCARD_THRESHOLD,
  judgeNearDuplicate,
  type NearDuplicateThresholds,
} from './near-duplicates.js';

/** A stored article that the fingerprint matched, and why. */
export interface DuplicateMatch {
  articleId: number;
  /** The matched article's duplicate group (null only for an article whose group row is missing). */
  groupId: number | null;
  /** Exact Jaccard similarity of the shingle sets (1 for a text-hash match). */
  jaccard: number;
  /** Containment of the smaller shingle set in the larger. */
  containment: number;
  reason: 'canonical_url' | 'text_hash' | 'minhash';
}

/** Options of the near-duplicate index. */
export interface DuplicateIndexOptions {
  /** Jaccard threshold of a near-duplicate. Default 0.8. */
  threshold?: number;
  /** Containment threshold (smaller text in the larger). Default 0.8. */
  containmentThreshold?: number;
  /** MinHash parameters of every fingerprint in this index. Default DEFAULT_MINHASH_PARAMS (128, 5, fixed seed). */
  params?: MinHashParams;
  /** At most this many LSH candidates are verified per lookup (a cap against boilerplate-only texts). Default 500. */
  maxCandidates?: number;
}

/** The options, validated and with their defaults, and the LSH layout they ask for. */
export interface DuplicateSettings {
  params: MinHashParams;
  thresholds: NearDuplicateThresholds;
  lsh: { bands: number; rows: number };
  maxCandidates: number;
}

/** What finding duplicates reads of the index (store/duplicate-index.ts's rows). */
export interface IndexedFingerprints {
  /** Articles indexed with this canonical URL. */
  byUrl(canonicalUrl: string): readonly number[];
  /** Articles indexed with this normalized-text hash. */
  byTextHash(textHash: string): readonly number[];
  /** Articles sharing one of the band keys, read as the caller goes. */
  candidates(keys: readonly number[]): Iterable<number>;
  /** An article's stored fingerprint; undefined when it has none. */
  fingerprint(articleId: number): Fingerprint | undefined;
  /** An article's duplicate group (null or undefined when it has none). */
  groupOf(articleId: number): number | null | undefined;
}

/**
 * Bands × rows come from optimalLshParams at candidateThreshold(threshold, containmentThreshold) (48 × 2 with the
 * defaults), so that teasers down to a third of the article are candidates too. Throws
 * PipelineError('fingerprint','invalid_params') for invalid options.
 */
export function resolveDuplicateSettings(options: DuplicateIndexOptions): DuplicateSettings {
  const params = validateParams(options.params ?? DEFAULT_MINHASH_PARAMS);
  const thresholds: NearDuplicateThresholds = {
    threshold: checkRatio('threshold', options.threshold ?? DEFAULT_JACCARD_THRESHOLD),
    containmentThreshold: checkRatio('containmentThreshold', options.containmentThreshold ?? DEFAULT_CONTAINMENT_THRESHOLD),
  };
  const lsh = optimalLshParams(candidateThreshold(thresholds), params.numPerm);
  return { params, thresholds, lsh, maxCandidates: options.maxCandidates ?? 500 };
}

function checkRatio(name: string, value: number): number {
  if (!(value > 0 && value <= 1)) {
    throw new PipelineError('fingerprint', 'invalid_params', `${name} must be in (0, 1], got ${String(value)}`, { disposition: 'fatal' });
  }
  return value;
}

/** Throws PipelineError('fingerprint','params_mismatch') for a fingerprint made with other parameters than the index's. */
export function assertIndexParams(params: MinHashParams, fp: Fingerprint): void {
  if (sameParams(fp.params, params)) return;
  throw new PipelineError(
    'fingerprint',
    'params_mismatch',
    `fingerprint made with numPerm=${fp.params.numPerm} shingleSize=${fp.params.shingleSize} seed=${fp.params.seed}, ` +
      `but the index uses numPerm=${params.numPerm} shingleSize=${params.shingleSize} seed=${params.seed}`,
    { disposition: 'fatal' },
  );
}

/** A canonical URL whose path is "/" names a site, not an article: sites that point every page's rel=canonical at their home page would otherwise group everything. */
function isArticleUrl(url: string): boolean {
  try {
    return new URL(url).pathname.length > 1;
  } catch {
    return false;
  }
}

/**
 * Exact (canonical URL, text hash) first, then LSH candidates, each verified (Jaccard ≥ threshold or containment ≥
 * containmentThreshold). Best match first. Throws PipelineError('fingerprint','params_mismatch') for a fingerprint
 * made with other parameters than the index's.
 */
export function findDuplicates(
  index: IndexedFingerprints,
  settings: DuplicateSettings,
  fp: Fingerprint,
  canonicalUrl: string | null,
  exclude?: number,
): DuplicateMatch[] {
  assertIndexParams(settings.params, fp);
  const found = new Map<number, DuplicateMatch>();
  const record = (articleId: number, jaccard: number, contained: number, reason: DuplicateMatch['reason']): void => {
    if (articleId === exclude || found.has(articleId)) return;
    found.set(articleId, { articleId, groupId: index.groupOf(articleId) ?? null, jaccard, containment: contained, reason });
  };
  if (canonicalUrl !== null && isArticleUrl(canonicalUrl)) {
    for (const articleId of index.byUrl(canonicalUrl)) record(articleId, Number.NaN, Number.NaN, 'canonical_url');
  }
  // An empty text (no words) has nothing to match on: neither its hash nor its signature identifies an article.
  if (fp.shingles.length > 0) {
    for (const articleId of index.byTextHash(fp.textHash)) record(articleId, 1, 1, 'text_hash');
    for (const candidate of lshCandidates(index, settings, fp, exclude, found)) {
      const verdict = judgeNearDuplicate(fp, candidate.fp, settings.thresholds);
      if (verdict.duplicate) record(candidate.articleId, verdict.jaccard, verdict.containment, 'minhash');
    }
  }
  fillSimilarities(index, settings, fp, found);
  return [...found.values()].sort((x, y) => y.jaccard - x.jaccard || x.articleId - y.articleId);
}

/** URL matches are accepted on the URL alone; their similarities are still computed, for the record. */
function fillSimilarities(index: IndexedFingerprints, settings: DuplicateSettings, fp: Fingerprint, found: Map<number, DuplicateMatch>): void {
  for (const match of found.values()) {
    if (!Number.isNaN(match.jaccard)) continue;
    const other = index.fingerprint(match.articleId) ?? null;
    const verdict = other !== null && sameParams(other.params, fp.params) ? judgeNearDuplicate(fp, other, settings.thresholds) : null;
    match.jaccard = verdict?.jaccard ?? 0;
    match.containment = verdict?.containment ?? 0;
  }
}

function lshCandidates(
  index: IndexedFingerprints,
  settings: DuplicateSettings,
  fp: Fingerprint,
  exclude: number | undefined,
  found: ReadonlyMap<number, DuplicateMatch>,
): { articleId: number; fp: Fingerprint }[] {
  const keys = bandKeys(fp.signature, settings.lsh.bands, settings.lsh.rows);
  const out: { articleId: number; fp: Fingerprint }[] = [];
  for (const articleId of index.candidates(keys)) {
    if (articleId === exclude || found.has(articleId)) continue;
    const other = index.fingerprint(articleId);
    // Bands of a deleted article linger until it is re-indexed (no article_id index, to keep the table lean): skip them.
    if (other === undefined) continue;
    if (!sameParams(other.params, fp.params)) continue;
    out.push({ articleId, fp: other });
    if (out.length >= settings.maxCandidates) break;
  }
  return out;
}

/** The duplicate groups of the matches. */
export function matchedGroups(matches: readonly DuplicateMatch[]): Set<number> {
  const ids = new Set<number>();
  for (const match of matches) if (match.groupId !== null) ids.add(match.groupId);
  return ids;
}

/**
 * Whether an updated article leaves its group: only when its new text matches other groups and none of its own —
 * the text now clearly belongs elsewhere. Matching nothing at all, it stays.
 */
export function leavesOwnGroup(ownGroup: number, matched: ReadonlySet<number>): boolean {
  return matched.size > 0 && !matched.has(ownGroup);
}
