/**
 * Read-only queries of the web pages (`newsdedup serve`) that queries.ts has no function for: the story list with
 * the page's filters, one article, the coverage times of a cluster, the languages to filter on. Everything else the
 * pages show comes from queries.ts itself (getCluster, searchArticles, listFeedStatus, getStats).
 */
import type Database from 'better-sqlite3';
import type { ClusterSummary } from './cluster-queries.js';

type Db = Database.Database;

/** Filters of the stories page. */
export interface StoryFilter {
  /** Only clusters whose coverage moved at or after this time. Default: any time. */
  since?: Date | null;
  /** Only clusters covered by at least this many outlets. Default 1. */
  minOutlets?: number;
  /** Only clusters in this language (the cluster's `lang`). Default: any. */
  lang?: string | null;
  /** Only clusters with an article from one of these feeds (by feed name, e.g. the feeds of a tag). Default: any feed. */
  feeds?: readonly string[] | null;
  /** At most this many clusters. Default 30. */
  limit?: number;
}

/** One row of the stories page before its coverage is read: a ClusterSummary without the outlet names, with its language. */
export type StoryRow = Omit<ClusterSummary, 'outletNames'> & { lang: string };

/**
 * The clusters the stories page lists, ranked like `newsdedup clusters` (listClusters): most outlets first, then
 * most articles, then most recently updated. Without `since` the table is scanned in order (NOT INDEXED): walking
 * the partial index on last_updated_at would look every row up again, about 5× slower at 20,000 clusters.
 */
export function listStoryRows(db: Db, filter: StoryFilter = {}): StoryRow[] {
  const since = filter.since?.toISOString() ?? null;
  return db
    .prepare<[{ since: string | null; minOutlets: number; lang: string | null; feeds: string | null; limit: number }], StoryRow>(
      `SELECT c.id, c.headline, c.first_seen_at AS firstSeenAt, c.last_updated_at AS lastUpdatedAt, c.article_count AS articles,
         c.outlet_count AS outlets, c.lang
       FROM clusters c ${since === null ? 'NOT INDEXED' : ''}
       WHERE c.merged_into IS NULL AND (@since IS NULL OR c.last_updated_at >= @since) AND c.outlet_count >= @minOutlets
         AND (@lang IS NULL OR c.lang = @lang)
         AND (@feeds IS NULL OR EXISTS (
           SELECT 1 FROM articles a JOIN feeds f ON f.id = a.feed_id
           WHERE a.cluster_id = c.id AND f.name IN (SELECT value FROM json_each(@feeds))))
       ORDER BY c.outlet_count DESC, c.article_count DESC, c.last_updated_at DESC, c.id
       LIMIT @limit`,
    )
    .all({
      since,
      minOutlets: filter.minOutlets ?? 1,
      lang: filter.lang ?? null,
      feeds: filter.feeds ? JSON.stringify(filter.feeds) : null,
      limit: filter.limit ?? 30,
    });
}

/** One article of a cluster on the coverage timeline, copies included. */
export interface CoveragePoint {
  articleId: number;
  outlet: string;
  publishedAt: string;
  duplicateGroupId: number | null;
}

/** Every article of a cluster (syndicated copies too) with its outlet and time, in time order. */
export function listCoverage(db: Db, clusterId: number): CoveragePoint[] {
  return db
    .prepare<[number], CoveragePoint>(
      `SELECT id AS articleId, source AS outlet, coalesce(published_at, first_seen_at) AS publishedAt, duplicate_group_id AS duplicateGroupId
       FROM articles WHERE cluster_id = ? ORDER BY publishedAt, id`,
    )
    .all(clusterId);
}

/** {@link listCoverage} of several clusters in one query, by cluster id. */
export function listCoverageOf(db: Db, clusterIds: readonly number[]): Map<number, CoveragePoint[]> {
  const rows = db
    .prepare<[string], CoveragePoint & { clusterId: number }>(
      `SELECT cluster_id AS clusterId, id AS articleId, source AS outlet, coalesce(published_at, first_seen_at) AS publishedAt,
         duplicate_group_id AS duplicateGroupId
       FROM articles WHERE cluster_id IN (SELECT value FROM json_each(?)) ORDER BY publishedAt, id`,
    )
    .all(JSON.stringify(clusterIds));
  const byCluster = new Map<number, CoveragePoint[]>(clusterIds.map((id) => [id, []]));
  for (const { clusterId, ...point } of rows) byCluster.get(clusterId)?.push(point);
  return byCluster;
}

/**
 * The languages to filter the stories by: those the event clusterer counted documents in (`term_corpus`, a few rows;
 * reading the languages off 20,000 clusters would cost the stories page more than all its other queries). Its
 * per-source corpora, keyed with a leading control character, are left out by the GLOB.
 */
export function listStoryLanguages(db: Db): string[] {
  return db
    .prepare<[], { lang: string }>(`SELECT lang FROM term_corpus WHERE docs > 0 AND lang GLOB '[A-Za-z][A-Za-z]*' ORDER BY lang`)
    .all()
    .map((row) => row.lang);
}

/** One stored article as the article page shows it. */
export interface ArticleView {
  id: number;
  title: string;
  outlet: string;
  feed: string | null;
  byline: string | null;
  url: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  firstSeenAt: string;
  updatedAt: string;
  version: number;
  cluster: number | null;
  /** The headline of the article's story (its cluster), or null. */
  storyHeadline: string | null;
  duplicateGroup: number | null;
  text: string;
  /** The article HTML as sanitized when it was stored (DOMPurify, see extract/sanitize.ts), or null. */
  html: string | null;
}

/** One article by id; null when there is none. */
export function getArticle(db: Db, id: number): ArticleView | null {
  return (
    db
      .prepare<[number], ArticleView>(
        `SELECT a.id, a.title, a.source AS outlet, f.name AS feed, a.byline, a.url, a.canonical_url AS canonicalUrl, a.lang,
           a.published_at AS publishedAt, a.modified_at AS modifiedAt, a.first_seen_at AS firstSeenAt,
           a.updated_at AS updatedAt, a.version, a.cluster_id AS cluster, c.headline AS storyHeadline,
           a.duplicate_group_id AS duplicateGroup, a.text, a.html
         FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id LEFT JOIN clusters c ON c.id = a.cluster_id WHERE a.id = ?`,
      )
      .get(id) ?? null
  );
}
