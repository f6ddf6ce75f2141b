/**
 * The near-duplicate index in SQLite: exact matches (canonical URL, normalized-text hash), LSH candidates from
 * `lsh_bands`, every candidate verified on its shingle set, and duplicate groups kept transitive and stable.
 *
 * Groups: every indexed article belongs to exactly one group (a singleton until a copy arrives), so
 * `articles.duplicate_group_id` is never null for an indexed article. Store code never opens a transaction:
 * the caller's write transaction (one per feed) wraps every call.
 */
import type Database from 'better-sqlite3';
import {
  candidateThreshold,
  DEFAULT_CONTAINMENT_THRESHOLD,
  DEFAULT_JACCARD_THRESHOLD,
  judgeNearDuplicate,
  type NearDuplicateThresholds,
} from '../fingerprint/near-duplicates.js';
import { DEFAULT_MINHASH_PARAMS, fingerprintArticle, sameParams } from '../fingerprint/fingerprint-text.js';
import { bandKeys, optimalLshParams } from '../fingerprint/lsh-params.js';
import { validateParams } from '../fingerprint/minhash.js';
import { blobToUint32, uint32ToBlob } from '../fingerprint/serialize.js';
import { PipelineError, type Fingerprint, type MinHashParams } from '../model.js';
import { createGroupStore, type GroupStore } from './duplicate-groups.js';

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

/** The near-duplicate index over one database; prepared statements are cached per index. */
export interface DuplicateIndex {
  /**
   * Exact (canonical URL, text hash) first, then LSH candidates, each verified (Jaccard ≥ threshold or
   * containment ≥ containmentThreshold). Best match first. Throws PipelineError('fingerprint','params_mismatch')
   * for a fingerprint made with other parameters than the index's.
   */
  findDuplicates(fp: Fingerprint, canonicalUrl: string | null, excludeArticleId?: number): DuplicateMatch[];
  /**
   * Stores the fingerprint + band keys for an article and puts it in a duplicate group (joining/merging the matched
   * groups, transitive and stable: the surviving group is the oldest); sets articles.duplicate_group_id for every
   * affected article. Returns the group id. Throws PipelineError('store','article_missing') if the article row is absent.
   */
  add(articleId: number, fp: Fingerprint, canonicalUrl: string | null, matches: DuplicateMatch[]): number;
  /**
   * For an updated article: drops its old fingerprint and bands, stores the new ones and returns its group.
   * Rule: the article stays in its group when its new text still matches a member of that group, or matches no
   * other article at all; it moves only when it matches other articles and none of its own group — the text now
   * clearly belongs elsewhere. Staying, it also merges any other groups it now matches. Leaving never splits the
   * old group (group ids stay stable, even if the article was the bridge between its members).
   */
  replace(articleId: number, fp: Fingerprint, canonicalUrl: string | null): number;
}

/** Options of openDuplicateIndex. */
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

/** A canonical URL whose path is "/" names a site, not an article: sites that point every page's rel=canonical at their home page would otherwise group everything. */
function isArticleUrl(url: string): boolean {
  try {
    return new URL(url).pathname.length > 1;
  } catch {
    return false;
  }
}

interface FingerprintRow {
  num_perm: number;
  shingle_size: number;
  seed: number;
  signature: Buffer;
  shingles: Buffer;
  text_hash: string;
  lsh_bands: number;
  lsh_rows: number;
}

function rowToFingerprint(row: FingerprintRow): Fingerprint {
  return {
    params: { numPerm: row.num_perm, shingleSize: row.shingle_size, seed: row.seed },
    signature: blobToUint32(row.signature),
    shingles: blobToUint32(row.shingles),
    textHash: row.text_hash,
  };
}

/**
 * Articles read per band key, per URL and per text hash, newest first: bounds a lookup's work whatever the size of
 * the group it finds (a wire story copied ten thousand times), and below it results are the same as reading all.
 */
const PER_KEY_CANDIDATES = 64;

function prepareStatements(db: Database.Database, bands: number) {
  return {
    byUrl: db.prepare<[string], { article_id: number }>(
      `SELECT article_id FROM article_fingerprints WHERE canonical_url = ? ORDER BY article_id DESC LIMIT ${PER_KEY_CANDIDATES}`,
    ),
    byTextHash: db.prepare<[string], { article_id: number }>(
      `SELECT article_id FROM article_fingerprints WHERE text_hash = ? ORDER BY article_id DESC LIMIT ${PER_KEY_CANDIDATES}`,
    ),
    // The newest PER_KEY_CANDIDATES articles of each band key: a story reprinted ten thousand times fills its keys,
    // and a lookup must not read them all (the newest copies find the group as well as the oldest).
    candidates: db.prepare<number[], { article_id: number }>(
      new Array<string>(bands).fill(`SELECT article_id FROM (SELECT article_id FROM lsh_bands WHERE key = ? ORDER BY article_id DESC LIMIT ${PER_KEY_CANDIDATES})`).join(' UNION '),
    ),
    fingerprint: db.prepare<[number], FingerprintRow>(
      'SELECT num_perm, shingle_size, seed, signature, shingles, text_hash, lsh_bands, lsh_rows FROM article_fingerprints WHERE article_id = ?',
    ),
    groupOf: db.prepare<[number], { duplicate_group_id: number | null }>('SELECT duplicate_group_id FROM articles WHERE id = ?'),
    insertFingerprint: db.prepare(
      `INSERT OR REPLACE INTO article_fingerprints
         (article_id, num_perm, shingle_size, seed, signature, shingles, canonical_url, text_hash, lsh_bands, lsh_rows)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteFingerprint: db.prepare<[number]>('DELETE FROM article_fingerprints WHERE article_id = ?'),
    // All of an article's band rows in one statement: one call instead of `bands` calls.
    insertBands: db.prepare<number[]>(`INSERT OR IGNORE INTO lsh_bands (key, article_id) VALUES ${new Array<string>(bands).fill('(?, ?)').join(',')}`),
    deleteBand: db.prepare<[number, number]>('DELETE FROM lsh_bands WHERE key = ? AND article_id = ?'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * Opens the near-duplicate index on a database whose schema includes DUPLICATE_SCHEMA_SQL. Bands × rows come from
 * optimalLshParams at candidateThreshold(threshold, containmentThreshold) (48 × 2 with the defaults), so that
 * teasers down to a third of the article are candidates too. Throws PipelineError('fingerprint','invalid_params')
 * for invalid options.
 */
export function openDuplicateIndex(db: Database.Database, options: DuplicateIndexOptions = {}): DuplicateIndex {
  const { params, thresholds, lsh } = resolveOptions(options);
  const maxCandidates = options.maxCandidates ?? 500;
  const sql = prepareStatements(db, lsh.bands);
  const groups = createGroupStore(db);
  const context: IndexContext = { params, thresholds, lsh, maxCandidates, sql, groups };
  return {
    findDuplicates: (fp, canonicalUrl, excludeArticleId) => findDuplicates(context, fp, canonicalUrl, excludeArticleId),
    add: (articleId, fp, canonicalUrl, matches) => add(context, articleId, fp, canonicalUrl, matches),
    replace: (articleId, fp, canonicalUrl) => replace(context, articleId, fp, canonicalUrl),
  };
}

/** The parameters, thresholds and LSH layout that options ask for (validated). */
function resolveOptions(options: DuplicateIndexOptions) {
  const params = validateParams(options.params ?? DEFAULT_MINHASH_PARAMS);
  const thresholds: NearDuplicateThresholds = {
    threshold: checkRatio('threshold', options.threshold ?? DEFAULT_JACCARD_THRESHOLD),
    containmentThreshold: checkRatio('containmentThreshold', options.containmentThreshold ?? DEFAULT_CONTAINMENT_THRESHOLD),
  };
  return { params, thresholds, lsh: optimalLshParams(candidateThreshold(thresholds), params.numPerm) };
}

/**
 * How an index's entries are written: the MinHash parameters of the fingerprints and the LSH bands × rows of their
 * keys. Entries written with another layout are found by URL and exact text only (see `reindexDuplicates`).
 */
export interface DuplicateIndexLayout {
  numPerm: number;
  shingleSize: number;
  seed: number;
  bands: number;
  rows: number;
}

/** The layout an index opened with these options writes. */
export function duplicateIndexLayout(options: DuplicateIndexOptions = {}): DuplicateIndexLayout {
  const { params, lsh } = resolveOptions(options);
  return { numPerm: params.numPerm, shingleSize: params.shingleSize, seed: params.seed, bands: lsh.bands, rows: lsh.rows };
}

const LAYOUT_COLUMNS = 'num_perm AS numPerm, shingle_size AS shingleSize, seed, lsh_bands AS bands, lsh_rows AS rows';
/** SQL condition: the entry (of the fingerprints table named `f`) was written with another layout than the bound one. */
const STALE_WHERE = 'NOT (f.num_perm = @numPerm AND f.shingle_size = @shingleSize AND f.seed = @seed AND f.lsh_bands = @bands AND f.lsh_rows = @rows)';

function sameLayout(a: DuplicateIndexLayout, b: DuplicateIndexLayout): boolean {
  return a.numPerm === b.numPerm && a.shingleSize === b.shingleSize && a.seed === b.seed && a.bands === b.bands && a.rows === b.rows;
}

/**
 * The layout of the oldest and newest index entries when either differs from `layout` (null when both match or
 * the index is empty): a cheap check at the start of a run — two primary-key lookups — that the dedup settings
 * still match the index the stored articles are in.
 */
export function staleIndexLayout(db: Database.Database, layout: DuplicateIndexLayout): DuplicateIndexLayout | null {
  for (const order of ['ASC', 'DESC']) {
    const row = db.prepare<[], DuplicateIndexLayout>(`SELECT ${LAYOUT_COLUMNS} FROM article_fingerprints ORDER BY article_id ${order} LIMIT 1`).get();
    if (row !== undefined && !sameLayout(row, layout)) return row;
  }
  return null;
}

/** Index entries written with another layout than `layout` (a full scan: for `reindex`, not for every run). */
export function countStaleEntries(db: Database.Database, layout: DuplicateIndexLayout): number {
  return Number(db.prepare(`SELECT count(*) FROM article_fingerprints f WHERE ${STALE_WHERE}`).pluck().get(layout));
}

/** What one `reindexDuplicates` call did. */
export interface ReindexBatch {
  /** Entries rewritten in the current layout. */
  reindexed: number;
  /** Of those, fingerprints recomputed from the article's text (the MinHash parameters changed). */
  recomputed: number;
}

/**
 * Rewrites up to `limit` index entries written with another layout than the options': the fingerprint is computed
 * again from the stored text when the MinHash parameters changed, else only the band keys are derived again from
 * the stored signature. Duplicate groups are kept as they are (they were judged when the articles arrived); later
 * articles find these ones by similarity again. Call it in a loop, one write transaction per call, until it
 * returns 0 entries.
 */
export function reindexDuplicates(db: Database.Database, options: DuplicateIndexOptions, limit: number): ReindexBatch {
  const { params, thresholds, lsh } = resolveOptions(options);
  const layout = duplicateIndexLayout(options);
  const sql = prepareStatements(db, lsh.bands);
  const ctx: IndexContext = { params, thresholds, lsh, maxCandidates: 0, sql, groups: createGroupStore(db) };
  const rows = db
    .prepare<Record<string, number>, FingerprintRow & { article_id: number; canonical_url: string | null; text: string; title: string }>(
      `SELECT f.article_id, f.num_perm, f.shingle_size, f.seed, f.signature, f.shingles, f.text_hash, f.lsh_bands, f.lsh_rows,
              f.canonical_url, a.text, a.title
       FROM article_fingerprints f JOIN articles a ON a.id = f.article_id
       WHERE ${STALE_WHERE}
       ORDER BY f.article_id LIMIT @limit`,
    )
    .all({ ...layout, limit });
  let recomputed = 0;
  for (const row of rows) {
    const stored = rowToFingerprint(row);
    const fp = sameParams(stored.params, params) ? stored : fingerprintArticle(row, params);
    if (fp !== stored) recomputed++;
    dropFingerprint(sql, row.article_id);
    storeFingerprint(ctx, row.article_id, fp, row.canonical_url);
  }
  return { reindexed: rows.length, recomputed };
}

interface IndexContext {
  params: MinHashParams;
  thresholds: NearDuplicateThresholds;
  lsh: { bands: number; rows: number };
  maxCandidates: number;
  sql: Statements;
  groups: GroupStore;
}

function checkRatio(name: string, value: number): number {
  if (!(value > 0 && value <= 1)) {
    throw new PipelineError('fingerprint', 'invalid_params', `${name} must be in (0, 1], got ${String(value)}`, { disposition: 'fatal' });
  }
  return value;
}

function assertIndexParams(ctx: IndexContext, fp: Fingerprint): void {
  if (sameParams(fp.params, ctx.params)) return;
  throw new PipelineError(
    'fingerprint',
    'params_mismatch',
    `fingerprint made with numPerm=${fp.params.numPerm} shingleSize=${fp.params.shingleSize} seed=${fp.params.seed}, ` +
      `but the index uses numPerm=${ctx.params.numPerm} shingleSize=${ctx.params.shingleSize} seed=${ctx.params.seed}`,
    { disposition: 'fatal' },
  );
}

function findDuplicates(ctx: IndexContext, fp: Fingerprint, canonicalUrl: string | null, exclude?: number): DuplicateMatch[] {
  assertIndexParams(ctx, fp);
  const found = new Map<number, DuplicateMatch>();
  const record = (articleId: number, jaccard: number, contained: number, reason: DuplicateMatch['reason']): void => {
    if (articleId === exclude || found.has(articleId)) return;
    found.set(articleId, { articleId, groupId: ctx.sql.groupOf.get(articleId)?.duplicate_group_id ?? null, jaccard, containment: contained, reason });
  };
  if (canonicalUrl !== null && isArticleUrl(canonicalUrl)) {
    for (const row of ctx.sql.byUrl.all(canonicalUrl)) record(row.article_id, Number.NaN, Number.NaN, 'canonical_url');
  }
  // An empty text (no words) has nothing to match on: neither its hash nor its signature identifies an article.
  if (fp.shingles.length > 0) {
    for (const row of ctx.sql.byTextHash.all(fp.textHash)) record(row.article_id, 1, 1, 'text_hash');
    for (const candidate of lshCandidates(ctx, fp, exclude, found)) {
      const verdict = judgeNearDuplicate(fp, candidate.fp, ctx.thresholds);
      if (verdict.duplicate) record(candidate.articleId, verdict.jaccard, verdict.containment, 'minhash');
    }
  }
  fillSimilarities(ctx, fp, found);
  return [...found.values()].sort((x, y) => y.jaccard - x.jaccard || x.articleId - y.articleId);
}

/** URL matches are accepted on the URL alone; their similarities are still computed, for the record. */
function fillSimilarities(ctx: IndexContext, fp: Fingerprint, found: Map<number, DuplicateMatch>): void {
  for (const match of found.values()) {
    if (!Number.isNaN(match.jaccard)) continue;
    const row = ctx.sql.fingerprint.get(match.articleId);
    const other = row === undefined ? null : rowToFingerprint(row);
    const verdict = other !== null && sameParams(other.params, fp.params) ? judgeNearDuplicate(fp, other, ctx.thresholds) : null;
    match.jaccard = verdict?.jaccard ?? 0;
    match.containment = verdict?.containment ?? 0;
  }
}

function lshCandidates(
  ctx: IndexContext,
  fp: Fingerprint,
  exclude: number | undefined,
  found: ReadonlyMap<number, DuplicateMatch>,
): { articleId: number; fp: Fingerprint }[] {
  const keys = bandKeys(fp.signature, ctx.lsh.bands, ctx.lsh.rows);
  const out: { articleId: number; fp: Fingerprint }[] = [];
  for (const row of ctx.sql.candidates.iterate(...keys)) {
    if (row.article_id === exclude || found.has(row.article_id)) continue;
    const stored = ctx.sql.fingerprint.get(row.article_id);
    // Bands of a deleted article linger until it is re-indexed (no article_id index, to keep the table lean): skip them.
    if (stored === undefined) continue;
    const other = rowToFingerprint(stored);
    if (!sameParams(other.params, fp.params)) continue;
    out.push({ articleId: row.article_id, fp: other });
    if (out.length >= ctx.maxCandidates) break;
  }
  return out;
}

function storeFingerprint(ctx: IndexContext, articleId: number, fp: Fingerprint, canonicalUrl: string | null): void {
  const { bands, rows } = ctx.lsh;
  ctx.sql.insertFingerprint.run(
    articleId, fp.params.numPerm, fp.params.shingleSize, fp.params.seed,
    uint32ToBlob(fp.signature), uint32ToBlob(fp.shingles), canonicalUrl, fp.textHash, bands, rows,
  );
  if (fp.shingles.length === 0) return;
  const values: number[] = [];
  for (const key of bandKeys(fp.signature, bands, rows)) values.push(key, articleId);
  ctx.sql.insertBands.run(...values);
}

/** Deletes an article's fingerprint and its band rows, recomputing the keys from the stored signature. */
function removeFingerprint(ctx: IndexContext, articleId: number): void {
  dropFingerprint(ctx.sql, articleId);
}

type DropStatements = Pick<Statements, 'fingerprint' | 'deleteBand' | 'deleteFingerprint'>;

/** Deletes an article's band rows (keys recomputed from its stored signature) and its fingerprint row. */
function dropFingerprint(sql: DropStatements, articleId: number): void {
  const row = sql.fingerprint.get(articleId);
  if (row === undefined) return;
  const signature = blobToUint32(row.signature);
  if (row.lsh_bands * row.lsh_rows <= signature.length) {
    for (const key of bandKeys(signature, row.lsh_bands, row.lsh_rows)) sql.deleteBand.run(key, articleId);
  }
  sql.deleteFingerprint.run(articleId);
}

/**
 * Removes articles from the index (for `prune`): their band rows and fingerprints. Their duplicate groups are the
 * caller's to recount. The caller holds the write transaction.
 */
export function removeFromDuplicateIndex(db: Database.Database, articleIds: readonly number[]): void {
  const { fingerprint, deleteBand, deleteFingerprint } = prepareStatements(db, 1);
  for (const id of articleIds) dropFingerprint({ fingerprint, deleteBand, deleteFingerprint }, id);
}

function add(ctx: IndexContext, articleId: number, fp: Fingerprint, canonicalUrl: string | null, matches: DuplicateMatch[]): number {
  assertIndexParams(ctx, fp);
  removeFingerprint(ctx, articleId);
  storeFingerprint(ctx, articleId, fp, canonicalUrl);
  const current = ctx.sql.groupOf.get(articleId);
  if (current === undefined) throw new PipelineError('store', 'article_missing', `cannot index article ${articleId}: no such article`);
  return ctx.groups.join(articleId, current.duplicate_group_id, matchedGroups(matches));
}

function matchedGroups(matches: readonly DuplicateMatch[]): Set<number> {
  const ids = new Set<number>();
  for (const match of matches) if (match.groupId !== null) ids.add(match.groupId);
  return ids;
}

function replace(ctx: IndexContext, articleId: number, fp: Fingerprint, canonicalUrl: string | null): number {
  assertIndexParams(ctx, fp);
  removeFingerprint(ctx, articleId);
  const current = ctx.sql.groupOf.get(articleId);
  if (current === undefined) throw new PipelineError('store', 'article_missing', `cannot re-index article ${articleId}: no such article`);
  const matches = findDuplicates(ctx, fp, canonicalUrl, articleId);
  storeFingerprint(ctx, articleId, fp, canonicalUrl);
  const groupIds = matchedGroups(matches);
  let ownGroup = current.duplicate_group_id;
  const movesAway = ownGroup !== null && groupIds.size > 0 && !groupIds.has(ownGroup);
  if (ownGroup !== null && movesAway) {
    ctx.groups.leave(articleId, ownGroup);
    ownGroup = null;
  }
  return ctx.groups.join(articleId, ownGroup, groupIds);
}
