/**
 * What each page and API answer reads, built from the same store functions as the CLI's `--json` output so the
 * shapes match: `clusters --json` rows, `cluster ID --json`, `search --json` hits, `feeds --json` rows.
 */
import type Database from 'better-sqlite3';
import type { FeedConfig } from '../config/config.js';
import { getCluster, type ClusterDetail, type ClusterSummary } from '../store/cluster-queries.js';
import { listFeedStatus, neverFetched, type FeedStatusRow } from '../store/feed-status.js';
import { listCoverage, listCoverageOf, listStoryRows, type CoveragePoint, type StoryFilter } from '../store/web-queries.js';

type Db = Database.Database;

/** A row of the stories page: the cluster as `newsdedup clusters --json` has it, its copies and its coverage times. */
export interface StoryListItem {
  story: ClusterSummary;
  /** The cluster's language (for the headline's `lang`). */
  lang: string;
  /** Syndicated copies folded under the story's articles (as getCluster folds them). */
  copies: number;
  coverage: CoveragePoint[];
}

/**
 * The stories page's clusters in rank order. Two queries for the whole page (the rows, then every listed cluster's
 * articles), not getCluster per row: the page stays within its time budget at 100,000 articles.
 */
export function loadStories(db: Db, filter: StoryFilter): StoryListItem[] {
  const rows = listStoryRows(db, filter);
  const coverage = listCoverageOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map(({ lang, ...row }) => {
    const points = coverage.get(row.id) ?? [];
    // The same order as the cluster_summary view's outlet names: distinct, by their UTF-8 bytes (SQLite's BINARY).
    const outletNames = [...new Set(points.map((point) => point.outlet))]
      .map((name) => ({ name, bytes: Buffer.from(name) }))
      .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
      .map((entry) => entry.name);
    return { story: { ...row, outletNames }, lang, copies: copiesAmong(points), coverage: points };
  });
}

/** Articles that share a duplicate group with an earlier article of the same cluster. */
function copiesAmong(points: readonly CoveragePoint[]): number {
  const groups = new Set<number>();
  let copies = 0;
  for (const point of points) {
    if (point.duplicateGroupId === null) continue;
    if (groups.has(point.duplicateGroupId)) copies += 1;
    groups.add(point.duplicateGroupId);
  }
  return copies;
}

/** One story with its coverage times. */
export interface StoryItem {
  story: ClusterDetail;
  coverage: CoveragePoint[];
}

/** One story (following merges, as getCluster does) with its coverage times; null when there is none. */
export function loadStory(db: Db, id: number): StoryItem | null {
  const story = getCluster(db, id);
  return story === null ? null : { story, coverage: listCoverage(db, story.id) };
}

/** How many syndicated copies are folded under the story's articles. */
export function copiesOf(detail: ClusterDetail): number {
  return detail.members.reduce((sum, member) => sum + member.copies.length, 0);
}

/** A feed as `newsdedup feeds --json` prints it; `configured` is false for a stored feed no longer in feeds.yaml. */
export type FeedRow = FeedStatusRow & { configured: boolean };

/** Every configured feed (fetched or not) in config order, then the stored feeds feeds.yaml no longer lists. */
export function loadFeeds(db: Db, configured: readonly FeedConfig[]): FeedRow[] {
  const stored = new Map(listFeedStatus(db).map((row) => [row.name, row]));
  const rows: FeedRow[] = configured.map((feed) => ({
    ...(stored.get(feed.name) ?? neverFetched(feed.name, feed.outlet, feed.url)),
    configured: true,
  }));
  const names = new Set(configured.map((feed) => feed.name));
  for (const row of stored.values()) if (!names.has(row.name)) rows.push({ ...row, configured: false });
  return rows;
}

/** The feed names of each tag in feeds.yaml, for the stories page's tag filter. */
export function feedsByTag(configured: readonly FeedConfig[]): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const feed of configured) for (const tag of feed.tags) tags.set(tag, [...(tags.get(tag) ?? []), feed.name]);
  return new Map([...tags].sort(([a], [b]) => a.localeCompare(b)));
}
