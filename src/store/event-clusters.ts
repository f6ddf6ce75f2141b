/**
 * Cluster rows of the event index: creation, membership, counts and time span, representative, merges, and the
 * member lists the clusterer's repair steps read. Plain SQL; never opens a transaction (the caller's per-feed
 * transaction wraps every call).
 */
import type Database from 'better-sqlite3';
import type { CoverageSpan, IndexedCluster, IndexedMember, MemberFacts, SettleMember } from '../model.js';
import { cacheOf, MAX_CACHED_CENTROIDS, stmt } from './event-stats-cache.js';
import { addToCentroid, loadCentroid } from './event-vectors.js';

type Db = Database.Database;

interface ClusterDbRow {
  id: number;
  representative_article_id: number | null;
  lang: string;
  first_seen_at: string;
  last_updated_at: string;
  article_count: number;
  merged_into: number | null;
}

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
export function getIndexedCluster(db: Db, id: number): IndexedCluster | null {
  const row = stmt(
    db,
    `SELECT id, representative_article_id, lang, first_seen_at, last_updated_at, article_count, merged_into FROM clusters WHERE id = ?`,
  ).get(id);
  return isClusterDbRow(row) ? toIndexedCluster(row) : null;
}

function isClusterDbRow(row: unknown): row is ClusterDbRow {
  return typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'number';
}

function toIndexedCluster(row: ClusterDbRow): IndexedCluster {
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
export function resolveCluster(db: Db, id: number): IndexedCluster | null {
  let row = getIndexedCluster(db, id);
  for (let hops = 0; row !== null && row.mergedInto !== null && hops < 64; hops += 1) row = getIndexedCluster(db, row.mergedInto);
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

/** A stored article's time, source and whether it has no text (see EventIndex.memberFacts). */
export function memberFacts(db: Db, articleId: number): MemberFacts | null {
  const row: unknown = stmt(
    db,
    `SELECT coalesce(published_at, first_seen_at) AS time, source, trim(text) = '' AS titleOnly FROM articles WHERE id = ?`,
  ).get(articleId);
  if (typeof row !== 'object' || row === null || !('time' in row) || !('source' in row) || !('titleOnly' in row)) return null;
  const { time, source, titleOnly } = row;
  if (typeof time !== 'string' || typeof source !== 'string') return null;
  return { time, source, titleOnly: titleOnly === 1 };
}

/** Members of a cluster from one source (an outlet's own earlier reports in it). */
export function sourceMemberCount(db: Db, clusterId: number, source: string): number {
  const n = stmt(db, 'SELECT COUNT(*) FROM articles WHERE cluster_id = ? AND source = ?').pluck().get(clusterId, source);
  return typeof n === 'number' ? n : 0;
}

/** Member article ids of a cluster, oldest first (capped: only used to pick a representative). */
export function clusterMemberIds(db: Db, clusterId: number, limit: number): number[] {
  const ids = stmt(db, `SELECT id FROM articles WHERE cluster_id = ? ORDER BY coalesce(published_at, first_seen_at), id LIMIT ?`)
    .pluck()
    .all(clusterId, limit);
  return ids.filter((id): id is number => typeof id === 'number');
}

/** The newest `limit` members of a cluster, with the size of their duplicate group. */
export function recentMembers(db: Db, clusterId: number, limit: number): IndexedMember[] {
  const rows = stmt(
    db,
    `SELECT a.id AS id, CASE WHEN a.duplicate_group_id IS NULL THEN 1
              ELSE (SELECT count(*) FROM articles b WHERE b.duplicate_group_id = a.duplicate_group_id) END AS copies
     FROM articles a WHERE a.cluster_id = ? ORDER BY a.id DESC LIMIT ?`,
  ).all(clusterId, limit);
  const out: IndexedMember[] = [];
  for (const row of rows) {
    if (
      typeof row === 'object' &&
      row !== null &&
      'id' in row &&
      'copies' in row &&
      typeof row.id === 'number' &&
      typeof row.copies === 'number'
    ) {
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
  if (known !== undefined && (cluster.articleCount <= known.members || cluster.articleCount < Math.max(16, known.members * 1.1)))
    return known;
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
  stmt(db, `INSERT INTO cluster_merges (survivor_id, merged_id, bridging_article_id, similarity, merged_at) VALUES (?, ?, ?, ?, ?)`).run(
    survivorId,
    mergedId,
    bridgingArticleId,
    similarity,
    now,
  );
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
