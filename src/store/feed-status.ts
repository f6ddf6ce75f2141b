/** A feed's stored status read as the CLI and the web pages show it (one copy for both). */
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** One feed's fetch status, for `newsdedup feeds`. */
export interface FeedStatusRow {
  name: string;
  outlet: string;
  url: string;
  effectiveUrl: string;
  lastFetchedAt: string | null;
  lastSuccessAt: string | null;
  lastStatus: number | null;
  lastOutcome: string | null;
  itemsLastSeen: number | null;
  errorCount: number;
  lastError: string | null;
  nextCheckAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  articles: number;
}

/** Every stored feed with its status, in name order. */
export function listFeedStatus(db: Db): FeedStatusRow[] {
  return db
    .prepare<[], FeedStatusRow>(
      `SELECT f.name, f.outlet, f.url, f.effective_url AS effectiveUrl, f.last_fetched_at AS lastFetchedAt,
         f.last_success_at AS lastSuccessAt, f.last_status AS lastStatus, f.last_outcome AS lastOutcome,
         f.items_last_seen AS itemsLastSeen, f.error_count AS errorCount, f.last_error AS lastError,
         f.next_check_at AS nextCheckAt, f.disabled_at AS disabledAt, f.disabled_reason AS disabledReason,
         (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS articles
       FROM feeds f ORDER BY f.name`,
    )
    .all();
}

/** The status row of a configured feed that no run has fetched yet. */
export function neverFetched(name: string, outlet: string, url: string): FeedStatusRow {
  return {
    name,
    outlet,
    url,
    effectiveUrl: url,
    lastFetchedAt: null,
    lastSuccessAt: null,
    lastStatus: null,
    lastOutcome: null,
    itemsLastSeen: null,
    errorCount: 0,
    lastError: null,
    nextCheckAt: null,
    disabledAt: null,
    disabledReason: null,
    articles: 0,
  };
}

/** A feed's status in one word: new, ok, ok (304), failing or disabled. */
export function statusOf(row: FeedStatusRow): string {
  if (row.disabledAt) return 'disabled';
  if (row.lastFetchedAt === null) return 'new';
  if (row.errorCount > 0) return 'failing';
  return row.lastOutcome === 'not_modified' ? 'ok (304)' : 'ok';
}
