/**
 * SQLite persistence of event clusters: term statistics (IDF), centroids, article term vectors, LSH bands,
 * cluster rows and merges. Plain SQL in small functions; never opens a transaction (the caller's per-feed
 * transaction wraps every call).
 */
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** A cluster row as the clusterer needs it. */
export interface ClusterRow {
  id: number;
  representativeArticleId: number | null;
  lang: string;
  firstSeenAt: string;
  lastUpdatedAt: string;
  articleCount: number;
  mergedInto: number | null;
}

interface ClusterDbRow {
  id: number;
  representative_article_id: number | null;
  lang: string;
  first_seen_at: string;
  last_updated_at: string;
  article_count: number;
  merged_into: number | null;
}

/**
 * Document frequencies and centroids, cached per connection and written through by the functions below: the
 * clusterer reads hundreds of them per article, and they change only through this module (the run lock keeps other
 * processes out). After a rolled-back transaction the cache may hold uncommitted values: call forgetCachedStats.
 */
interface StatsCache {
  /** Document frequency by language, then term: no key strings to build on the hot path. */
  df: Map<string, Map<string, number>>;
  dfSize: number;
  docs: Map<string, number>;
  centroids: Map<number, Map<string, number>>;
  /** Articles' own term vectors (k-means re-checks read the newest members of a cluster again and again). */
  articleTerms: Map<number, Map<string, number>>;
  /** Robust coverage spans by cluster (see coverageSpan), dropped whenever the cluster's stats are refreshed. */
  spans: Map<number, CoverageSpan>;
}

/** The robust span of a cluster's coverage: member times (ms) at two quantiles, so one stray member moves neither end. */
export interface CoverageSpan {
  start: number;
  end: number;
  /** Members when it was computed: joins move quantiles little, so it is computed again only as the cluster grows. */
  members: number;
}

const MAX_CACHED_TERMS = 500_000;
const MAX_CACHED_CENTROIDS = 20_000;
const MAX_CACHED_ARTICLE_TERMS = 20_000;
const statsCaches = new WeakMap<Db, StatsCache>();

function cacheOf(db: Db): StatsCache {
  let cache = statsCaches.get(db);
  if (cache === undefined) {
    cache = { df: new Map(), dfSize: 0, docs: new Map(), centroids: new Map(), articleTerms: new Map(), spans: new Map() };
    statsCaches.set(db, cache);
  }
  return cache;
}

function dfOfLang(cache: StatsCache, lang: string): Map<string, number> {
  let terms = cache.df.get(lang);
  if (terms === undefined) {
    terms = new Map();
    cache.df.set(lang, terms);
  }
  return terms;
}

/** Drops the cached statistics of a connection (after a rollback, or a change made behind this module's back). */
export function forgetCachedStats(db: Db): void {
  statsCaches.delete(db);
}

/** Prepared statements are cached per connection: the clusterer issues the same few queries thousands of times. */
const cache = new WeakMap<Db, Map<string, Database.Statement>>();

function stmt(db: Db, sql: string): Database.Statement {
  let map = cache.get(db);
  if (map === undefined) {
    map = new Map();
    cache.set(db, map);
  }
  let s = map.get(sql);
  if (s === undefined) {
    s = db.prepare(sql);
    map.set(sql, s);
  }
  return s;
}

/** Reads one numeric column of the first row, or `fallback` when there is no row or the value is not a number. */
function scalar(db: Db, sql: string, params: unknown[], fallback: number): number {
  const row: unknown = stmt(db, sql).pluck().get(...params);
  return typeof row === 'number' ? row : fallback;
}

// ─── term statistics ──────────────────────────────────────────────────────

/** Counts one more document of `lang` containing each of `terms` (distinct terms, one count each). */
export function addDocumentTerms(db: Db, lang: string, terms: Iterable<string>): void {
  stmt(db, `INSERT INTO term_corpus (lang, docs) VALUES (?, 1) ON CONFLICT(lang) DO UPDATE SET docs = docs + 1`).run(lang);
  const add = stmt(db, `INSERT INTO term_stats (lang, term, df) VALUES (?, ?, 1) ON CONFLICT(lang, term) DO UPDATE SET df = df + 1`);
  const cache = cacheOf(db);
  const docs = cache.docs.get(lang);
  if (docs !== undefined) cache.docs.set(lang, docs + 1);
  const known = dfOfLang(cache, lang);
  for (const term of terms) {
    add.run(lang, term);
    const df = known.get(term);
    if (df !== undefined) known.set(term, df + 1);
  }
}
/**
 * Case evidence lives in `term_stats` too, as document frequencies of two derived features per term: documents
 * that had the term capitalised inside a sentence-case sentence, and documents that had it in lower case there
 * (see event-terms.ts). Their keys start with a control character, which no token can contain.
 */
const CAPITALISED_KEY = '\u0001C';
const LOWERCASE_KEY = '\u0001L';

/** Counts one more document of `lang` with each of `capitalised` / `lowercase` seen so (distinct terms, one count each). */
export function addTermCases(db: Db, lang: string, capitalised: Iterable<string>, lowercase: Iterable<string>): void {
  const add = stmt(db, `INSERT INTO term_stats (lang, term, df) VALUES (?, ?, 1) ON CONFLICT(lang, term) DO UPDATE SET df = df + 1`);
  const known = dfOfLang(cacheOf(db), lang);
  for (const [prefix, terms] of [[CAPITALISED_KEY, capitalised], [LOWERCASE_KEY, lowercase]] as const) {
    for (const t of terms) {
      const key = `${prefix}${t}`;
      add.run(lang, key);
      const df = known.get(key);
      if (df !== undefined) known.set(key, df + 1);
    }
  }
}

/** In how many documents of `lang` a term was seen capitalised, and lower-case, inside a sentence-case sentence. */
export function termCases(db: Db, lang: string, term: string): { capitalised: number; lowercase: number } {
  return { capitalised: termDf(db, lang, `${CAPITALISED_KEY}${term}`), lowercase: termDf(db, lang, `${LOWERCASE_KEY}${term}`) };
}

/**
 * Per-source document frequencies share `term_stats` / `term_corpus` with the per-language ones, under a corpus
 * key that starts with a control character (no language tag can), so they need no table of their own.
 */
export function sourceCorpus(source: string): string {
  return `\u0002${source}`;
}

/** Documents counted in a corpus (a language, or a source's corpus: see sourceCorpus). */
export function corpusDocs(db: Db, lang: string): number {
  const cache = cacheOf(db);
  let docs = cache.docs.get(lang);
  if (docs === undefined) {
    docs = scalar(db, `SELECT docs FROM term_corpus WHERE lang = ?`, [lang], 0);
    cache.docs.set(lang, docs);
  }
  return docs;
}
export function termDf(db: Db, lang: string, term: string): number {
  const cache = cacheOf(db);
  const known = dfOfLang(cache, lang);
  let df = known.get(term);
  if (df === undefined) {
    if (cache.dfSize >= MAX_CACHED_TERMS) {
      for (const terms of cache.df.values()) terms.clear();
      cache.dfSize = 0;
    }
    df = scalar(db, `SELECT df FROM term_stats WHERE lang = ? AND term = ?`, [lang, term], 0);
    known.set(term, df);
    cache.dfSize++;
  }
  return df;
}

// ─── vectors ──────────────────────────────────────────────────────────────

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
  return cachedVector(db, cacheOf(db).centroids, MAX_CACHED_CENTROIDS, `SELECT term, weight FROM cluster_terms WHERE cluster_id = ?`, clusterId);
}

/** A vector from `cache`, else read by `sql` and remembered (the whole cache is dropped once it holds `max`). */
function cachedVector(db: Db, cache: Map<number, Map<string, number>>, max: number, sql: string, id: number): Map<string, number> {
  let vector = cache.get(id);
  if (vector === undefined) {
    if (cache.size >= max) cache.clear();
    vector = readVector(db, sql, id);
    cache.set(id, vector);
  }
  return vector;
}

/**
 * The document frequencies of one language as a lookup: cached terms straight from the map, others read once.
 * Built once per comparison pass, so the per-term cost is a single map lookup.
 */
export function dfLookup(db: Db, lang: string): (term: string) => number {
  const known = dfOfLang(cacheOf(db), lang);
  return (term) => known.get(term) ?? termDf(db, lang, term);
}

/** Adds `scale × vector` to a cluster's centroid; weights that fall to ~0 (after a removal) are deleted. */
export function addToCentroid(db: Db, clusterId: number, vector: ReadonlyMap<string, number>, scale = 1): void {
  const upsert = stmt(
    db,
    `INSERT INTO cluster_terms (cluster_id, term, weight) VALUES (?, ?, ?)
     ON CONFLICT(cluster_id, term) DO UPDATE SET weight = weight + excluded.weight`,
  );
  const cached = cacheOf(db).centroids.get(clusterId);
  for (const [term, weight] of vector) {
    upsert.run(clusterId, term, scale * weight);
    // The same double arithmetic as SQLite's, so the cached centroid stays identical to the stored one.
    cached?.set(term, (cached.get(term) ?? 0) + scale * weight);
  }
  if (scale < 0) {
    stmt(db, `DELETE FROM cluster_terms WHERE cluster_id = ? AND weight < 1e-9`).run(clusterId);
    if (cached) for (const [term, weight] of cached) if (weight < 1e-9) cached.delete(term);
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
  const insert = stmt(db, `INSERT INTO event_article_terms (article_id, term, tf) VALUES (?, ?, ?)`);
  for (const [term, weight] of tf) insert.run(articleId, term, weight);
  cacheOf(db).articleTerms.delete(articleId);
}

/** An article's stored term vector (empty when it was never clustered); read-only, cached. */
export function loadArticleTerms(db: Db, articleId: number): ReadonlyMap<string, number> {
  return cachedVector(db, cacheOf(db).articleTerms, MAX_CACHED_ARTICLE_TERMS, `SELECT term, tf FROM event_article_terms WHERE article_id = ?`, articleId);
}

// ─── LSH bands ────────────────────────────────────────────────────────────

/** Records band keys as pointing at a cluster. */
export function addBands(db: Db, clusterId: number, keys: readonly number[]): void {
  const insert = stmt(db, `INSERT OR IGNORE INTO cluster_bands (band, key, cluster_id) VALUES (?, ?, ?)`);
  keys.forEach((key, band) => insert.run(band, key, clusterId));
}

/**
 * Clusters sharing band keys with the given ones, with the number of shared bands. Each key contributes at most
 * `perKeyLimit` clusters, the newest first, so a common term cannot make the lookup grow with the archive.
 */
export function bandCandidates(db: Db, keys: readonly number[], perKeyLimit: number): Map<number, number> {
  const find = stmt(db, `SELECT cluster_id FROM cluster_bands WHERE band = ? AND key = ? ORDER BY cluster_id DESC LIMIT ?`);
  const hits = new Map<number, number>();
  keys.forEach((key, band) => {
    for (const id of find.pluck().all(band, key, perKeyLimit)) {
      if (typeof id === 'number') hits.set(id, (hits.get(id) ?? 0) + 1);
    }
  });
  return hits;
}

// ─── clusters ─────────────────────────────────────────────────────────────

/** Creates an empty cluster for a first article and returns its id (stats are filled by refreshClusterStats). */
export function createCluster(db: Db, articleId: number, lang: string, time: string, now: string): number {
  const result = stmt(
    db,
    `INSERT INTO clusters (headline, representative_article_id, lang, first_seen_at, last_updated_at, created_at, updated_at)
     VALUES ((SELECT title FROM articles WHERE id = ?), ?, ?, ?, ?, ?, ?)`,
  ).run(articleId, articleId, lang, time, time, now, now);
  return Number(result.lastInsertRowid);
}

/** A cluster row, or null. */
export function getCluster(db: Db, id: number): ClusterRow | null {
  const row = stmt(
    db,
    `SELECT id, representative_article_id, lang, first_seen_at, last_updated_at, article_count, merged_into FROM clusters WHERE id = ?`,
  ).get(id);
  return isClusterDbRow(row) ? toClusterRow(row) : null;
}

function isClusterDbRow(row: unknown): row is ClusterDbRow {
  return typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'number';
}

function toClusterRow(row: ClusterDbRow): ClusterRow {
  return {
    id: row.id,
    representativeArticleId: row.representative_article_id,
    lang: row.lang,
    firstSeenAt: row.first_seen_at,
    lastUpdatedAt: row.last_updated_at,
    articleCount: row.article_count,
    mergedInto: row.merged_into,
  };
}

/** Follows `merged_into` forwards to the surviving cluster (bounded, in case of a corrupt cycle). */
export function resolveCluster(db: Db, id: number): ClusterRow | null {
  let row = getCluster(db, id);
  for (let hops = 0; row !== null && row.mergedInto !== null && hops < 64; hops += 1) row = getCluster(db, row.mergedInto);
  return row;
}

/** An article's current cluster id, or null. */
export function articleCluster(db: Db, articleId: number): number | null {
  const id: unknown = stmt(db, `SELECT cluster_id FROM articles WHERE id = ?`).pluck().get(articleId);
  return typeof id === 'number' ? id : null;
}

/** Sets an article's cluster. */
export function setArticleCluster(db: Db, articleId: number, clusterId: number): void {
  stmt(db, `UPDATE articles SET cluster_id = ? WHERE id = ?`).run(clusterId, articleId);
}

/** The cluster of another article of the same duplicate group, if one was clustered already. */
export function duplicateGroupCluster(db: Db, groupId: number, exceptArticleId: number): number | null {
  const id: unknown = stmt(
    db,
    `SELECT cluster_id FROM articles WHERE duplicate_group_id = ? AND id != ? AND cluster_id IS NOT NULL ORDER BY id LIMIT 1`,
  )
    .pluck()
    .get(groupId, exceptArticleId);
  return typeof id === 'number' ? id : null;
}

/** Member article ids of a cluster, oldest first (capped: only used to pick a representative). */
export function clusterMemberIds(db: Db, clusterId: number, limit: number): number[] {
  const ids = stmt(
    db,
    `SELECT id FROM articles WHERE cluster_id = ? ORDER BY coalesce(published_at, first_seen_at), id LIMIT ?`,
  )
    .pluck()
    .all(clusterId, limit);
  return ids.filter((id): id is number => typeof id === 'number');
}

/** A member of a cluster, with how many stored articles share its duplicate group (1 when none). */
export interface ClusterMember {
  id: number;
  copies: number;
}

/** The newest `limit` members of a cluster, with the size of their duplicate group. */
export function recentMembers(db: Db, clusterId: number, limit: number): ClusterMember[] {
  const rows = stmt(
    db,
    `SELECT a.id AS id, CASE WHEN a.duplicate_group_id IS NULL THEN 1
              ELSE (SELECT count(*) FROM articles b WHERE b.duplicate_group_id = a.duplicate_group_id) END AS copies
     FROM articles a WHERE a.cluster_id = ? ORDER BY a.id DESC LIMIT ?`,
  ).all(clusterId, limit);
  const out: ClusterMember[] = [];
  for (const row of rows) {
    if (typeof row === 'object' && row !== null && 'id' in row && 'copies' in row && typeof row.id === 'number' && typeof row.copies === 'number') {
      out.push({ id: row.id, copies: row.copies });
    }
  }
  return out;
}

/** Recomputes a cluster's counts and time span from its member articles. */
export function refreshClusterStats(db: Db, clusterId: number, now: string): void {
  cacheOf(db).spans.delete(clusterId);
  stmt(
    db,
    `UPDATE clusters SET
       article_count = s.n, outlet_count = s.outlets,
       first_seen_at = coalesce(s.first, first_seen_at), last_updated_at = coalesce(s.last, last_updated_at), updated_at = ?
     FROM (SELECT count(*) AS n, count(DISTINCT source) AS outlets,
                  min(coalesce(published_at, first_seen_at)) AS first, max(coalesce(published_at, first_seen_at)) AS last
           FROM articles WHERE cluster_id = ?) AS s
     WHERE clusters.id = ?`,
  ).run(now, clusterId, clusterId);
}

/**
 * The robust coverage span of a cluster: its member times (published, else first seen) at the `low` and `high`
 * quantiles (e.g. 0.1 and 0.9), or null for an empty cluster or unparseable times. Cached until the cluster's
 * stats are refreshed in full, or it has grown by a tenth.
 */
export function coverageSpan(db: Db, cluster: { id: number; articleCount: number }, low: number, high: number): CoverageSpan | null {
  const clusterId = cluster.id;
  const cache = cacheOf(db).spans;
  const known = cache.get(clusterId);
  // Recomputed once the cluster has grown by a tenth (and always while small): amortised O(1) per join.
  if (known !== undefined && (cluster.articleCount <= known.members || cluster.articleCount < Math.max(16, known.members * 1.1))) return known;
  const times: number[] = [];
  for (const t of stmt(db, `SELECT coalesce(published_at, first_seen_at) FROM articles WHERE cluster_id = ?`).pluck().all(clusterId)) {
    const ms = typeof t === 'string' ? Date.parse(t) : Number.NaN;
    if (!Number.isNaN(ms)) times.push(ms);
  }
  if (times.length === 0) return null;
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.round((times.length - 1) * q)] ?? Number.NaN;
  const span = { start: at(low), end: at(high), members: times.length };
  if (cache.size >= MAX_CACHED_CENTROIDS) cache.clear();
  cache.set(clusterId, span);
  return span;
}

/**
 * Counts one article that has just joined a cluster into the cluster's stats (count, outlets, first and last
 * time) without reading its other members: the cost of a join must not grow with the cluster it joins. Only for an
 * article that was not in the cluster before (the clusterer refreshes in full otherwise).
 */
export function addToClusterStats(db: Db, clusterId: number, articleId: number, now: string): void {
  stmt(
    db,
    `UPDATE clusters SET
       article_count = article_count + 1,
       outlet_count = outlet_count + (NOT EXISTS (SELECT 1 FROM articles o WHERE o.cluster_id = clusters.id AND o.source = a.source AND o.id <> a.id)),
       first_seen_at = min(first_seen_at, a.t), last_updated_at = max(last_updated_at, a.t), updated_at = ?
     FROM (SELECT id, source, coalesce(published_at, first_seen_at) AS t FROM articles WHERE id = ?) AS a
     WHERE clusters.id = ?`,
  ).run(now, articleId, clusterId);
}

/** Makes an article the cluster's representative and takes its title as the headline. */
export function setRepresentative(db: Db, clusterId: number, articleId: number): void {
  stmt(
    db,
    `UPDATE clusters SET representative_article_id = ?, headline = coalesce((SELECT title FROM articles WHERE id = ?), headline) WHERE id = ?`,
  ).run(articleId, articleId, clusterId);
}

/**
 * Folds `mergedId` into `survivorId`: members, centroid and band keys move over, the merged row forwards via
 * `merged_into`, and the merge is recorded. Counts are refreshed by the caller.
 */
export function mergeClusterRows(
  db: Db,
  survivorId: number,
  mergedId: number,
  bridgingArticleId: number | null,
  similarity: number,
  now: string,
): void {
  stmt(db, `UPDATE articles SET cluster_id = ? WHERE cluster_id = ?`).run(survivorId, mergedId);
  for (const id of [survivorId, mergedId]) cacheOf(db).spans.delete(id);
  addToCentroid(db, survivorId, loadCentroid(db, mergedId));
  stmt(db, `DELETE FROM cluster_terms WHERE cluster_id = ?`).run(mergedId);
  cacheOf(db).centroids.delete(mergedId);
  stmt(db, `INSERT OR IGNORE INTO cluster_bands (band, key, cluster_id) SELECT band, key, ? FROM cluster_bands WHERE cluster_id = ?`).run(
    survivorId,
    mergedId,
  );
  stmt(db, `DELETE FROM cluster_bands WHERE cluster_id = ?`).run(mergedId);
  // Earlier merges into the loser now forward straight to the survivor (keeps forwarding chains one hop long).
  stmt(db, `UPDATE clusters SET merged_into = ? WHERE merged_into = ?`).run(survivorId, mergedId);
  stmt(db, `UPDATE clusters SET merged_into = ?, article_count = 0, outlet_count = 0, updated_at = ? WHERE id = ?`).run(
    survivorId,
    now,
    mergedId,
  );
  stmt(
    db,
    `INSERT INTO cluster_merges (survivor_id, merged_id, bridging_article_id, similarity, merged_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(survivorId, mergedId, bridgingArticleId, similarity, now);
}

/** A member for the settle step: its duplicate group (null when none) and whether it has a text body. */
export interface SettleMember {
  id: number;
  groupId: number | null;
  titleOnly: boolean;
}

/** The newest `limit` members of a cluster with their duplicate group and whether they are headline-only. */
export function settleMembers(db: Db, clusterId: number, limit: number): SettleMember[] {
  const rows = stmt(
    db,
    `SELECT id, duplicate_group_id AS groupId, CASE WHEN trim(text) = '' THEN 1 ELSE 0 END AS titleOnly
     FROM articles WHERE cluster_id = ? ORDER BY id DESC LIMIT ?`,
  ).all(clusterId, limit);
  const out: SettleMember[] = [];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null || !('id' in row) || typeof row.id !== 'number') continue;
    const groupId = 'groupId' in row && typeof row.groupId === 'number' ? row.groupId : null;
    const titleOnly = 'titleOnly' in row && row.titleOnly === 1;
    out.push({ id: row.id, groupId, titleOnly });
  }
  return out;
}
