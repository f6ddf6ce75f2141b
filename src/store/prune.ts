import type Database from 'better-sqlite3';
import { removeFromDuplicateIndex, type BandKeys } from './duplicate-index.js';
import { refreshClusterStats } from './event-clusters.js';
import { forgetCachedStats } from './event-stats-cache.js';
import { addToCentroid, loadArticleTerms } from './event-vectors.js';

type Db = Database.Database;

/** What `prune` removed (or, in a dry run, would remove). */
export interface PruneReport {
  articles: number;
  clusters: number;
  duplicateGroups: number;
  /** Tombstones written: pruned items that will not be ingested again. */
  tombstones: number;
}

/** Articles removed per transaction: a long prune never holds the write lock for long. */
const BATCH = 2000;

/**
 * Removes the articles published (or, undated, first seen) before `cutoff`, with their fingerprints, index entries
 * and full-text rows; clusters and duplicate groups left empty are removed, the others recounted. A tombstone per
 * article keeps a feed that still lists it from ingesting it again. `bandKeys` recomputes the index entries' band keys.
 */
export function pruneArticles(db: Db, cutoff: Date, now: Date, bandKeys: BandKeys, options: { dryRun?: boolean } = {}): PruneReport {
  const report: PruneReport = { articles: 0, clusters: 0, duplicateGroups: 0, tombstones: 0 };
  if (options.dryRun) return countPrunable(db, cutoff);
  forgetCachedStats(db);
  for (;;) {
    const batch = db.transaction(() => pruneBatch(db, cutoff, now, bandKeys)).immediate();
    // Rows went away behind the caches' back (and SQLite may hand a deleted article's id to the next one).
    forgetCachedStats(db);
    report.articles += batch.articles;
    report.clusters += batch.clusters;
    report.duplicateGroups += batch.duplicateGroups;
    report.tombstones += batch.tombstones;
    if (batch.articles < BATCH) return report;
  }
}

function pruneBatch(db: Db, cutoff: Date, now: Date, bandKeys: BandKeys): PruneReport {
  const ids = db
    .prepare<[string, number], { id: number }>(`SELECT id FROM articles WHERE coalesce(published_at, first_seen_at) < ? ORDER BY id LIMIT ?`)
    .all(cutoff.toISOString(), BATCH)
    .map((row) => row.id);
  if (ids.length === 0) return { articles: 0, clusters: 0, duplicateGroups: 0, tombstones: 0 };
  const idList = JSON.stringify(ids);
  const inIds = `(SELECT value FROM json_each('${idList}'))`;
  const tombstones = db
    .prepare(`INSERT OR IGNORE INTO article_tombstones (origin, item_key, pruned_at) SELECT origin, item_key, ? FROM articles WHERE id IN ${inIds}`)
    .run(now.toISOString()).changes;
  const clusterIds = distinctValues(db, `SELECT DISTINCT cluster_id AS value FROM articles WHERE id IN ${inIds} AND cluster_id IS NOT NULL`);
  const groupIds = distinctValues(db, `SELECT DISTINCT duplicate_group_id AS value FROM articles WHERE id IN ${inIds} AND duplicate_group_id IS NOT NULL`);
  removeFromDuplicateIndex(db, ids, bandKeys);
  // A cluster that keeps other members must stop matching on what only the pruned ones said.
  for (const row of db.prepare<[], { id: number; cluster_id: number }>(`SELECT id, cluster_id FROM articles WHERE id IN ${inIds} AND cluster_id IS NOT NULL`).all()) {
    addToCentroid(db, row.cluster_id, loadArticleTerms(db, row.id), -1);
  }
  db.exec(`DELETE FROM event_article_terms WHERE article_id IN ${inIds}`);
  db.exec(`DELETE FROM articles WHERE id IN ${inIds}`);
  return {
    articles: ids.length,
    clusters: clusterIds.reduce((removed, id) => removed + (settleCluster(db, id, now) ? 1 : 0), 0),
    duplicateGroups: groupIds.reduce((removed, id) => removed + (settleGroup(db, id) ? 1 : 0), 0),
    tombstones,
  };
}

/** Recounts a cluster, or removes it (with the clusters merged into it) when it has no article left. */
function settleCluster(db: Db, id: number, now: Date): boolean {
  const left = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM articles WHERE cluster_id = ?`).get(id)?.n ?? 0;
  if (left > 0) {
    refreshClusterStats(db, id, now.toISOString());
    return false;
  }
  const family = distinctValues(
    db,
    `WITH RECURSIVE family(value) AS (SELECT ${Number(id)} UNION SELECT c.id FROM clusters c JOIN family f ON c.merged_into = f.value)
     SELECT value FROM family`,
  );
  const inFamily = `(SELECT value FROM json_each('${JSON.stringify(family)}'))`;
  db.exec(`DELETE FROM cluster_merges WHERE survivor_id IN ${inFamily} OR merged_id IN ${inFamily}`);
  db.exec(`DELETE FROM cluster_terms WHERE cluster_id IN ${inFamily}`);
  db.exec(`DELETE FROM cluster_bands WHERE cluster_id IN ${inFamily}`);
  db.exec(`UPDATE clusters SET merged_into = NULL WHERE id IN ${inFamily}`);
  db.exec(`DELETE FROM clusters WHERE id IN ${inFamily}`);
  return true;
}

/** Recounts a duplicate group (its canonical article becomes the earliest left), or removes it when empty. */
function settleGroup(db: Db, id: number): boolean {
  const earliest = db
    .prepare<[{ id: number }], { id: number; first_seen_at: string; n: number }>(
      `SELECT id, first_seen_at, (SELECT count(*) FROM articles WHERE duplicate_group_id = @id) AS n
       FROM articles WHERE duplicate_group_id = @id ORDER BY first_seen_at, id LIMIT 1`,
    )
    .get({ id });
  if (!earliest) {
    db.prepare(`DELETE FROM duplicate_groups WHERE id = ?`).run(id);
    return true;
  }
  db.prepare(`UPDATE duplicate_groups SET size = ?, canonical_article_id = ?, first_seen_at = ? WHERE id = ?`).run(
    earliest.n,
    earliest.id,
    earliest.first_seen_at,
    id,
  );
  return false;
}

function countPrunable(db: Db, cutoff: Date): PruneReport {
  const count = (sql: string) => db.prepare<[{ cutoff: string }], { n: number }>(sql).get({ cutoff: cutoff.toISOString() })?.n ?? 0;
  const old = `coalesce(published_at, first_seen_at) < @cutoff`;
  const articles = count(`SELECT count(*) AS n FROM articles WHERE ${old}`);
  const emptied = (table: string, column: string) =>
    count(
      `SELECT count(*) AS n FROM ${table} t WHERE EXISTS (SELECT 1 FROM articles a WHERE a.${column} = t.id AND ${old})
         AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.${column} = t.id AND NOT (${old}))`,
    );
  return { articles, clusters: emptied('clusters', 'cluster_id'), duplicateGroups: emptied('duplicate_groups', 'duplicate_group_id'), tombstones: articles };
}

function distinctValues(db: Db, sql: string): number[] {
  return db
    .prepare<[], { value: number }>(sql)
    .all()
    .map((row) => row.value);
}
