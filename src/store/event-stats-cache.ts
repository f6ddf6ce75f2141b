/**
 * The event index's per-connection caches: prepared statements, and the document frequencies, centroids, article
 * vectors and coverage spans the clusterer reads hundreds of times per article. Shared by the event-index files
 * (term-stats.ts, event-vectors.ts, event-clusters.ts), which write through them.
 */
import type Database from 'better-sqlite3';
import type { CoverageSpan } from '../model.js';

type Db = Database.Database;

/**
 * Document frequencies and centroids, cached per connection: the clusterer reads hundreds of them per article, and
 * they change only through the event-index files (the run lock keeps other processes out). Centroids and vectors
 * are written through; document counts are written behind (see term-stats.ts): `df` and `docs` hold stored +
 * pending, `pendingDf` and `pendingDocs` the increments not yet written. After a rolled-back transaction the cache
 * may hold uncommitted values and increments: call forgetCachedStats, or they would be written by the next flush.
 */
export interface StatsCache {
  /** Document frequency by language, then term: no key strings to build on the hot path. */
  df: Map<string, Map<string, number>>;
  dfSize: number;
  docs: Map<string, number>;
  /** Document-frequency increments counted since the last flush, by corpus, then term (never evicted). */
  pendingDf: Map<string, Map<string, number>>;
  /** Document-count increments counted since the last flush, by corpus. */
  pendingDocs: Map<string, number>;
  centroids: Map<number, Map<string, number>>;
  /** Articles' own term vectors (k-means re-checks read the newest members of a cluster again and again). */
  articleTerms: Map<number, Map<string, number>>;
  /** Robust coverage spans by cluster (see coverageSpan), dropped whenever the cluster's stats are refreshed. */
  spans: Map<number, CoverageSpan>;
}

export const MAX_CACHED_TERMS = 500_000;
export const MAX_CACHED_CENTROIDS = 20_000;
export const MAX_CACHED_ARTICLE_TERMS = 20_000;
const statsCaches = new WeakMap<Db, StatsCache>();

/** The stats cache of a connection (made on first use). */
export function cacheOf(db: Db): StatsCache {
  let cache = statsCaches.get(db);
  if (cache === undefined) {
    cache = {
      df: new Map(),
      dfSize: 0,
      docs: new Map(),
      pendingDf: new Map(),
      pendingDocs: new Map(),
      centroids: new Map(),
      articleTerms: new Map(),
      spans: new Map(),
    };
    statsCaches.set(db, cache);
  }
  return cache;
}

/** The document frequencies of one language in the cache (made on first use). */
export function dfOfLang(cache: StatsCache, lang: string): Map<string, number> {
  return termsOf(cache.df, lang);
}

/** The pending document-frequency increments of one corpus (made on first use). */
export function pendingOfLang(cache: StatsCache, lang: string): Map<string, number> {
  return termsOf(cache.pendingDf, lang);
}

function termsOf(byLang: Map<string, Map<string, number>>, lang: string): Map<string, number> {
  let terms = byLang.get(lang);
  if (terms === undefined) {
    terms = new Map();
    byLang.set(lang, terms);
  }
  return terms;
}

/**
 * Drops the cached statistics of a connection, pending document counts included (after a rollback, or a change
 * made behind the event index's back).
 */
export function forgetCachedStats(db: Db): void {
  statsCaches.delete(db);
}

/** Prepared statements are cached per connection: the clusterer issues the same few queries thousands of times. */
const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** The connection's prepared statement for `sql`, prepared on first use. */
export function stmt(db: Db, sql: string): Database.Statement {
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
export function scalar(db: Db, sql: string, params: unknown[], fallback: number): number {
  const row: unknown = stmt(db, sql)
    .pluck()
    .get(...params);
  return typeof row === 'number' ? row : fallback;
}
