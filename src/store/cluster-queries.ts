/** The event clusters as people see them: the biggest recent ones, and one in detail with its members. */
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** One event cluster as people see it (the clusterer's own row is model.ts's IndexedCluster). */
export interface ClusterSummary {
  id: number;
  headline: string;
  firstSeenAt: string;
  lastUpdatedAt: string;
  articles: number;
  outlets: number;
  outletNames: string[];
}

/** Filters for {@link listClusters}. */
export interface ClusterFilter {
  /** Only clusters whose coverage moved at or after this time. Default: any time. */
  since?: Date | null;
  /** Only clusters covered by at least this many outlets. Default 1. */
  minOutlets?: number;
  /** At most this many clusters. Default 20. */
  limit?: number;
}

/** The biggest recent clusters: most outlets first, then most articles, then most recently updated. */
export function listClusters(db: Db, filter: ClusterFilter = {}): ClusterSummary[] {
  const rows = db
    .prepare<[{ since: string | null; minOutlets: number; limit: number }], ClusterSummaryRow>(
      `SELECT id, headline, first_seen_at, last_updated_at, articles, outlets, outlet_names
       FROM cluster_summary
       WHERE (@since IS NULL OR last_updated_at >= @since) AND outlets >= @minOutlets
       ORDER BY outlets DESC, articles DESC, last_updated_at DESC, id
       LIMIT @limit`,
    )
    .all({ since: filter.since?.toISOString() ?? null, minOutlets: filter.minOutlets ?? 1, limit: filter.limit ?? 20 });
  return rows.map(toClusterSummary);
}

/** One article of a cluster, with the copies (same duplicate group) it stands for. */
export interface ClusterMember {
  id: number;
  title: string;
  outlet: string;
  publishedAt: string;
  url: string | null;
  duplicateGroupId: number | null;
  /** Other articles of the same duplicate group in this cluster (syndicated copies): outlet and URL. */
  copies: Array<{ id: number; outlet: string; url: string | null }>;
}

/** A cluster with its members ordered by time, copies folded under the group's earliest article. */
export interface ClusterDetail extends ClusterSummary {
  members: ClusterMember[];
  mergedFrom: number[];
}

/** Finds a cluster by id, following merges to the surviving cluster; null when there is none. */
export function getCluster(db: Db, requestedId: number): ClusterDetail | null {
  const id = resolveMerged(db, requestedId);
  if (id === null) return null;
  const summary = db.prepare<[number], ClusterSummaryRow>(`SELECT * FROM cluster_summary WHERE id = ?`).get(id);
  if (!summary) return null;
  const articles = db
    .prepare<[number], MemberRow>(
      `SELECT id, title, source, coalesce(published_at, first_seen_at) AS published, url, duplicate_group_id
       FROM articles WHERE cluster_id = ? ORDER BY published, id`,
    )
    .all(id);
  const mergedFrom = db
    .prepare<[number], { merged_id: number }>(`SELECT merged_id FROM cluster_merges WHERE survivor_id = ? ORDER BY merged_at`)
    .all(id)
    .map((row) => row.merged_id);
  return { ...toClusterSummary(summary), members: foldCopies(articles), mergedFrom };
}

function resolveMerged(db: Db, id: number): number | null {
  const lookup = db.prepare<[number], { id: number; merged_into: number | null }>(`SELECT id, merged_into FROM clusters WHERE id = ?`);
  let current = lookup.get(id);
  // Bounded: a merge chain can't be longer than the number of clusters, but a corrupted cycle must not hang us.
  for (let hops = 0; current && current.merged_into !== null && hops < 1000; hops++) current = lookup.get(current.merged_into);
  return current ? current.id : null;
}

function foldCopies(rows: readonly MemberRow[]): ClusterMember[] {
  const members: ClusterMember[] = [];
  const byGroup = new Map<number, ClusterMember>();
  for (const row of rows) {
    const leader = row.duplicate_group_id === null ? undefined : byGroup.get(row.duplicate_group_id);
    if (leader) {
      leader.copies.push({ id: row.id, outlet: row.source, url: row.url });
      continue;
    }
    const member: ClusterMember = {
      id: row.id,
      title: row.title,
      outlet: row.source,
      publishedAt: row.published,
      url: row.url,
      duplicateGroupId: row.duplicate_group_id,
      copies: [],
    };
    if (row.duplicate_group_id !== null) byGroup.set(row.duplicate_group_id, member);
    members.push(member);
  }
  return members;
}

interface ClusterSummaryRow {
  id: number;
  headline: string;
  first_seen_at: string;
  last_updated_at: string;
  articles: number;
  outlets: number;
  outlet_names: string | null;
}

interface MemberRow {
  id: number;
  title: string;
  source: string;
  published: string;
  url: string | null;
  duplicate_group_id: number | null;
}

function toClusterSummary(row: ClusterSummaryRow): ClusterSummary {
  return {
    id: row.id,
    headline: row.headline,
    firstSeenAt: row.first_seen_at,
    lastUpdatedAt: row.last_updated_at,
    articles: row.articles,
    outlets: row.outlets,
    outletNames: parseNames(row.outlet_names),
  };
}

function parseNames(json: string | null): string[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string') : [];
}
