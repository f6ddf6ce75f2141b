/**
 * The near-duplicate index's tables: `article_fingerprints` (an article's MinHash signature, shingle set, canonical
 * URL and text hash) and `lsh_bands` (one row per band key and article), the lookups that find an article's
 * candidates, and the duplicate groups (duplicate-groups.ts). What counts as a near-duplicate is
 * fingerprint/find-duplicates.ts's; pipeline/open-duplicate-index.ts wires the two.
 *
 * Store code never opens a transaction: the caller's write transaction (one per feed) wraps every call.
 */
import type Database from 'better-sqlite3';
import type { Fingerprint } from '../model.js';
import { createGroupStore, type GroupStore } from './duplicate-groups.js';
import { blobToUint32, uint32ToBlob } from './fingerprint-blobs.js';

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

/**
 * The band keys of a signature cut into `bands` bands of `rows` rows (fingerprint/lsh-params.ts's `bandKeys`): the
 * store keeps the keys, the caller says how they are computed.
 */
export type BandKeys = (signature: Uint32Array, bands: number, rows: number) => number[];

/** The index's rows over one database, with prepared statements (caller's transaction). */
export interface DuplicateStore {
  /** Articles indexed with this canonical URL, newest first (at most PER_KEY_CANDIDATES). */
  byUrl(canonicalUrl: string): number[];
  /** Articles indexed with this normalized-text hash, newest first (at most PER_KEY_CANDIDATES). */
  byTextHash(textHash: string): number[];
  /** Articles that share one of the band keys (the newest PER_KEY_CANDIDATES of each key), read as the caller goes. */
  candidates(keys: readonly number[]): Iterable<number>;
  /** An article's stored fingerprint; undefined when it has none. */
  fingerprint(articleId: number): Fingerprint | undefined;
  /** An article's duplicate group: null when its group is unset, undefined when there is no such article. */
  groupOf(articleId: number): number | null | undefined;
  /** Writes an article's fingerprint row and, for a text with shingles, its band rows in the store's layout. */
  store(articleId: number, fp: Fingerprint, canonicalUrl: string | null): void;
  /** Deletes an article's band rows (keys recomputed from its stored signature) and its fingerprint row. */
  drop(articleId: number): void;
  groups: GroupStore;
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
 * Opens the index's rows on a database whose schema includes DUPLICATE_SCHEMA_SQL, writing band keys of `lsh`'s
 * layout computed by `bandKeys`.
 */
export function openDuplicateStore(db: Database.Database, lsh: { bands: number; rows: number }, bandKeys: BandKeys): DuplicateStore {
  const sql = prepareStatements(db, lsh.bands);
  return {
    byUrl: (canonicalUrl) => sql.byUrl.all(canonicalUrl).map((row) => row.article_id),
    byTextHash: (textHash) => sql.byTextHash.all(textHash).map((row) => row.article_id),
    *candidates(keys) {
      for (const row of sql.candidates.iterate(...keys)) yield row.article_id;
    },
    fingerprint(articleId) {
      const row = sql.fingerprint.get(articleId);
      return row === undefined ? undefined : rowToFingerprint(row);
    },
    groupOf(articleId) {
      const row = sql.groupOf.get(articleId);
      return row === undefined ? undefined : row.duplicate_group_id;
    },
    store: (articleId, fp, canonicalUrl) => storeFingerprint(sql, lsh, bandKeys, articleId, fp, canonicalUrl),
    drop: (articleId) => dropFingerprint(sql, bandKeys, articleId),
    groups: createGroupStore(db),
  };
}

function storeFingerprint(
  sql: Statements,
  lsh: { bands: number; rows: number },
  bandKeys: BandKeys,
  articleId: number,
  fp: Fingerprint,
  canonicalUrl: string | null,
): void {
  const { bands, rows } = lsh;
  sql.insertFingerprint.run(
    articleId, fp.params.numPerm, fp.params.shingleSize, fp.params.seed,
    uint32ToBlob(fp.signature), uint32ToBlob(fp.shingles), canonicalUrl, fp.textHash, bands, rows,
  );
  if (fp.shingles.length === 0) return;
  const values: number[] = [];
  for (const key of bandKeys(fp.signature, bands, rows)) values.push(key, articleId);
  sql.insertBands.run(...values);
}

type DropStatements = Pick<Statements, 'fingerprint' | 'deleteBand' | 'deleteFingerprint'>;

/** Deletes an article's band rows (keys recomputed from its stored signature) and its fingerprint row. */
function dropFingerprint(sql: DropStatements, bandKeys: BandKeys, articleId: number): void {
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
export function removeFromDuplicateIndex(db: Database.Database, articleIds: readonly number[], bandKeys: BandKeys): void {
  const { fingerprint, deleteBand, deleteFingerprint } = prepareStatements(db, 1);
  for (const id of articleIds) dropFingerprint({ fingerprint, deleteBand, deleteFingerprint }, bandKeys, id);
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

/** An index entry written with another layout, with its article's text to fingerprint it again. */
export interface StaleEntry {
  articleId: number;
  fingerprint: Fingerprint;
  canonicalUrl: string | null;
  title: string;
  text: string;
}

/** Up to `limit` entries written with another layout than `layout`, oldest article first. */
export function staleEntries(db: Database.Database, layout: DuplicateIndexLayout, limit: number): StaleEntry[] {
  return db
    .prepare<Record<string, number>, FingerprintRow & { article_id: number; canonical_url: string | null; text: string; title: string }>(
      `SELECT f.article_id, f.num_perm, f.shingle_size, f.seed, f.signature, f.shingles, f.text_hash, f.lsh_bands, f.lsh_rows,
              f.canonical_url, a.text, a.title
       FROM article_fingerprints f JOIN articles a ON a.id = f.article_id
       WHERE ${STALE_WHERE}
       ORDER BY f.article_id LIMIT @limit`,
    )
    .all({ ...layout, limit })
    .map((row) => ({ articleId: row.article_id, fingerprint: rowToFingerprint(row), canonicalUrl: row.canonical_url, title: row.title, text: row.text }));
}
