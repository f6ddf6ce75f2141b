/**
 * Vectors of the event index: cluster centroids, articles' own term vectors and the LSH band keys that point at
 * clusters. Plain SQL; never opens a transaction (the caller's per-feed transaction wraps every call).
 */
import type Database from 'better-sqlite3';
import { cacheOf, MAX_CACHED_ARTICLE_TERMS, MAX_CACHED_CENTROIDS, stmt } from './event-stats-cache.js';

type Db = Database.Database;

function readVector(db: Db, sql: string, id: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of stmt(db, sql).raw().all(id)) {
    if (Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'number') out.set(row[0], row[1]);
  }
  return out;
}

/** A cluster's centroid (sum of its members' unit term-frequency vectors); a copy the caller may change. */
export function loadCentroid(db: Db, clusterId: number): Map<string, number> {
  return new Map(readCentroid(db, clusterId));
}

/** A cluster's centroid, read-only: the cached vector itself (valid until the next write to this cluster). */
export function readCentroid(db: Db, clusterId: number): ReadonlyMap<string, number> {
  return cachedVector(
    db,
    cacheOf(db).centroids,
    MAX_CACHED_CENTROIDS,
    `SELECT term, weight FROM cluster_terms WHERE cluster_id = ?`,
    clusterId,
  );
}

/**
 * A vector from `cache`, else read by `sql` and remembered. The least recently used vector makes room once the
 * cache holds `max` (a Map keeps insertion order, so a hit is moved to the end and the first key is the oldest):
 * past `max` clusters or articles, dropping the whole cache made every live cluster's vectors be read again.
 */
function cachedVector(db: Db, cache: Map<number, Map<string, number>>, max: number, sql: string, id: number): Map<string, number> {
  let vector = cache.get(id);
  if (vector !== undefined) {
    cache.delete(id);
    cache.set(id, vector);
    return vector;
  }
  if (cache.size >= max) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  vector = readVector(db, sql, id);
  cache.set(id, vector);
  return vector;
}

/** Adds `scale × vector` to a cluster's centroid; weights that fall to ~0 (after a removal) are deleted. */
export function addToCentroid(db: Db, clusterId: number, vector: ReadonlyMap<string, number>, scale = 1): void {
  const cached = cacheOf(db).centroids.get(clusterId);
  const values: (number | string)[] = [];
  for (const [term, weight] of vector) {
    values.push(clusterId, term, scale * weight);
    // The same double arithmetic as SQLite's, so the cached centroid stays identical to the stored one.
    cached?.set(term, (cached.get(term) ?? 0) + scale * weight);
  }
  insertRows(
    db,
    `INSERT INTO cluster_terms (cluster_id, term, weight) VALUES`,
    `ON CONFLICT(cluster_id, term) DO UPDATE SET weight = weight + excluded.weight`,
    3,
    values,
  );
  if (scale < 0) {
    stmt(db, `DELETE FROM cluster_terms WHERE cluster_id = ? AND weight < 1e-9`).run(clusterId);
    if (cached) for (const [term, weight] of cached) if (weight < 1e-9) cached.delete(term);
  }
}

/** Rows per multi-row statement: bounds both the statement's size and how many variants are prepared. */
const ROWS_PER_STATEMENT = 64;

/**
 * Runs `head VALUES (?, …), … tail` over `values`, `width` parameters a row, up to ROWS_PER_STATEMENT rows a
 * statement. One call per chunk instead of one per row: a join writes ~50 article terms, 50 centroid terms and
 * 15 band keys, and each statement call costs more than SQLite's work for its row.
 */
function insertRows(db: Db, head: string, tail: string, width: number, values: readonly (number | string)[]): void {
  const row = `(${new Array<string>(width).fill('?').join(', ')})`;
  const perChunk = ROWS_PER_STATEMENT * width;
  for (let start = 0; start < values.length; start += perChunk) {
    const chunk = values.slice(start, start + perChunk);
    stmt(db, `${head} ${new Array<string>(chunk.length / width).fill(row).join(', ')} ${tail}`).run(...chunk);
  }
}

/** Keeps only the given terms of a cluster's centroid (bounds its size). */
export function pruneCentroid(db: Db, clusterId: number, keep: ReadonlySet<string>): void {
  stmt(db, `DELETE FROM cluster_terms WHERE cluster_id = ? AND term NOT IN (SELECT value FROM json_each(?))`).run(
    clusterId,
    JSON.stringify([...keep]),
  );
  const cached = cacheOf(db).centroids.get(clusterId);
  if (cached) for (const term of cached.keys()) if (!keep.has(term)) cached.delete(term);
}

/** Stores an article's own term vector (replacing any previous one). */
export function saveArticleTerms(db: Db, articleId: number, tf: ReadonlyMap<string, number>): void {
  stmt(db, `DELETE FROM event_article_terms WHERE article_id = ?`).run(articleId);
  const values: (number | string)[] = [];
  for (const [term, weight] of tf) values.push(articleId, term, weight);
  insertRows(db, `INSERT INTO event_article_terms (article_id, term, tf) VALUES`, '', 3, values);
  cacheOf(db).articleTerms.delete(articleId);
}

/** An article's stored term vector (empty when it was never clustered); read-only, cached. */
export function loadArticleTerms(db: Db, articleId: number): ReadonlyMap<string, number> {
  return cachedVector(
    db,
    cacheOf(db).articleTerms,
    MAX_CACHED_ARTICLE_TERMS,
    `SELECT term, tf FROM event_article_terms WHERE article_id = ?`,
    articleId,
  );
}

// ─── LSH bands ────────────────────────────────────────────────────────────

/** Records band keys as pointing at a cluster. */
export function addBands(db: Db, clusterId: number, keys: readonly number[]): void {
  insertRows(
    db,
    `INSERT OR IGNORE INTO cluster_bands (band, key, cluster_id) VALUES`,
    '',
    3,
    keys.flatMap((key, band) => [band, key, clusterId]),
  );
}

/**
 * Clusters sharing band keys with the given ones, with the number of shared bands. Each key contributes at most
 * `perKeyLimit` clusters, the newest first, so a common term cannot make the lookup grow with the archive.
 */
export function bandCandidates(db: Db, keys: readonly number[], perKeyLimit: number): Map<number, number> {
  const hits = new Map<number, number>();
  if (keys.length === 0) return hits;
  // One statement for all bands (each band's newest `perKeyLimit` clusters, UNION ALL keeps repeats to count).
  const perBand = `SELECT cluster_id FROM (SELECT cluster_id FROM cluster_bands WHERE band = ? AND key = ? ORDER BY cluster_id DESC LIMIT ?)`;
  const find = stmt(db, new Array<string>(keys.length).fill(perBand).join(' UNION ALL '));
  for (const id of find.pluck().all(...keys.flatMap((key, band) => [band, key, perKeyLimit]))) {
    if (typeof id === 'number') hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  return hits;
}
