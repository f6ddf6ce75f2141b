/**
 * What each page and API answer reads, built from the same store functions as the CLI's `--json` output so the
 * shapes match: `clusters --json` rows, `cluster ID --json`, `search --json` hits, `feeds --json` rows.
 */
import type Database from 'better-sqlite3';
import { neverFetched } from '../commands/feeds-command.js';
import type { FeedConfig } from '../config.js';
import { getCluster, listFeedStatus, type ClusterDetail, type ClusterRow, type FeedStatusRow } from '../store/queries.js';
import { listCoverage, listStoryIds, type CoveragePoint, type StoryFilter } from '../store/web-queries.js';

type Db = Database.Database;

/** A story with every article's time (copies too), for its timeline. */
export interface StoryItem {
  story: ClusterDetail;
  coverage: CoveragePoint[];
}

/** The stories page's clusters in rank order, each with its members (for the copies) and its coverage times. */
export function loadStories(db: Db, filter: StoryFilter): StoryItem[] {
  return listStoryIds(db, filter).flatMap((id) => loadStory(db, id) ?? []);
}

/** One story (following merges, as getCluster does) with its coverage times; null when there is none. */
export function loadStory(db: Db, id: number): StoryItem | null {
  const story = getCluster(db, id);
  return story === null ? null : { story, coverage: listCoverage(db, story.id) };
}

/** A cluster as `newsdedup clusters --json` prints it (the row without its members). */
export function clusterRowOf(detail: ClusterDetail): ClusterRow {
  const { members: _members, mergedFrom: _mergedFrom, ...row } = detail;
  return row;
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
  const rows: FeedRow[] = configured.map((feed) => ({ ...(stored.get(feed.name) ?? neverFetched(feed.name, feed.outlet, feed.url)), configured: true }));
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
