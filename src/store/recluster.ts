/**
 * Persistence of `recluster`: clearing every event cluster so that the stored articles can be clustered again with
 * the current method, and reading the articles still to do, oldest first. Resumable by construction: an article
 * still without a cluster is still to do, and a marker row says that a rebuild is under way.
 */
import type Database from 'better-sqlite3';
import type { ClusterableArticle } from '../model.js';
import { forgetCachedStats } from './event-stats-cache.js';

type Db = Database.Database;

const MARKER = 'recluster_started_at';

/** When the rebuild under way started (ISO), or null when none is. */
export function reclusterStartedAt(db: Db): string | null {
  const value: unknown = db.prepare(`SELECT value FROM newsdedup_meta WHERE key = ?`).pluck().get(MARKER);
  return typeof value === 'string' ? value : null;
}

/**
 * Clears every event cluster (clusters, merges, centroids, article vectors, term statistics, LSH bands) and every
 * article's cluster, and marks a rebuild as under way. Call inside a write transaction.
 */
export function clearEventClusters(db: Db, now: string): void {
  db.exec(`UPDATE articles SET cluster_id = NULL WHERE cluster_id IS NOT NULL`);
  for (const table of ['cluster_merges', 'cluster_terms', 'event_article_terms', 'term_stats', 'term_corpus', 'cluster_bands', 'clusters']) {
    db.exec(`DELETE FROM ${table}`);
  }
  db.prepare(`INSERT INTO newsdedup_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(MARKER, now);
  forgetCachedStats(db);
}

/** Ends the rebuild under way (every article has its cluster again). */
export function finishRecluster(db: Db): void {
  db.prepare(`DELETE FROM newsdedup_meta WHERE key = ?`).run(MARKER);
}

/** How many stored articles have no cluster yet. */
export function countUnclustered(db: Db): number {
  const n: unknown = db.prepare(`SELECT count(*) FROM articles WHERE cluster_id IS NULL`).pluck().get();
  return typeof n === 'number' ? n : 0;
}

interface Row {
  id: number;
  title: string | null;
  text: string | null;
  lang: string | null;
  time: string;
  source: string | null;
  duplicate_group_id: number | null;
}

/** The next `limit` articles without a cluster, in the order they were published (then stored). */
export function nextUnclustered(db: Db, limit: number): ClusterableArticle[] {
  const rows = db
    .prepare<[number], Row>(
      `SELECT id, title, text, lang, coalesce(published_at, first_seen_at) AS time, source, duplicate_group_id
       FROM articles WHERE cluster_id IS NULL ORDER BY coalesce(published_at, first_seen_at), id LIMIT ?`,
    )
    .all(limit);
  return rows.map((r) => ({
    id: r.id,
    title: r.title ?? '',
    text: r.text ?? '',
    lang: r.lang,
    time: r.time,
    source: r.source ?? '',
    duplicateGroupId: r.duplicate_group_id,
  }));
}
