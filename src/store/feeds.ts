import type Database from 'better-sqlite3';
import type { ConditionalState } from '../model.js';

type Db = Database.Database;

/** What the store needs to know about a configured feed. */
export interface FeedDefinition {
  name: string;
  url: string;
  outlet: string;
}

/** A feed's stored fetch state. */
export interface FeedState {
  id: number;
  name: string;
  url: string;
  /** The URL actually fetched: the configured one, or where a repeated permanent redirect moved it. */
  effectiveUrl: string;
  outlet: string;
  conditional: ConditionalState;
  lastFetchedAt: string | null;
  nextCheckAt: string | null;
  errorCount: number;
  redirectTarget: string | null;
  redirectCount: number;
  disabledAt: string | null;
  disabledReason: string | null;
}

/**
 * Makes the feeds table match the configuration: new feeds are added; a feed whose configured URL changed starts
 * afresh (validators, redirects, errors, disabling are reset) — the user fixed something. Feeds removed from the
 * configuration keep their rows and articles.
 */
export function syncFeeds(db: Db, feeds: readonly FeedDefinition[], now: Date): void {
  const stamp = now.toISOString();
  const upsert = db.prepare(
    `INSERT INTO feeds (name, url, effective_url, outlet, created_at, updated_at)
     VALUES (@name, @url, @url, @outlet, @stamp, @stamp)
     ON CONFLICT (name) DO UPDATE SET
       outlet = excluded.outlet,
       url = excluded.url,
       effective_url = CASE WHEN feeds.url = excluded.url THEN feeds.effective_url ELSE excluded.url END,
       etag = CASE WHEN feeds.url = excluded.url THEN feeds.etag END,
       last_modified = CASE WHEN feeds.url = excluded.url THEN feeds.last_modified END,
       body_hash = CASE WHEN feeds.url = excluded.url THEN feeds.body_hash END,
       redirect_target = CASE WHEN feeds.url = excluded.url THEN feeds.redirect_target END,
       redirect_count = CASE WHEN feeds.url = excluded.url THEN feeds.redirect_count ELSE 0 END,
       error_count = CASE WHEN feeds.url = excluded.url THEN feeds.error_count ELSE 0 END,
       next_check_at = CASE WHEN feeds.url = excluded.url THEN feeds.next_check_at END,
       disabled_at = CASE WHEN feeds.url = excluded.url THEN feeds.disabled_at END,
       disabled_reason = CASE WHEN feeds.url = excluded.url THEN feeds.disabled_reason END,
       updated_at = CASE WHEN feeds.url = excluded.url AND feeds.outlet = excluded.outlet THEN feeds.updated_at ELSE excluded.updated_at END`,
  );
  for (const feed of feeds) upsert.run({ ...feed, stamp });
}

/** The stored state of the named feeds (missing names are left out). */
export function getFeedStates(db: Db, names: readonly string[]): Map<string, FeedState> {
  const rows = db
    .prepare<[string], FeedRow>(`SELECT * FROM feeds WHERE name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(names));
  return new Map(rows.map((row) => [row.name, toFeedState(row)]));
}

/** The id of the stored feed of that name; null when it is not registered (yet). */
export function feedIdByName(db: Db, name: string): number | null {
  const row = db.prepare<[string], { id: number }>(`SELECT id FROM feeds WHERE name = ?`).get(name);
  return row?.id ?? null;
}

/** Whether a feed should be fetched now: enabled, and never checked or its next check has come. */
export function isDue(state: FeedState, now: Date): boolean {
  if (state.disabledAt !== null) return false;
  return state.nextCheckAt === null || state.nextCheckAt <= now.toISOString();
}

/** What one fetch of a feed found out, written in the same transaction as the feed's items. */
export interface FeedFetchRecord {
  now: Date;
  status: number | null;
  /** `ok` (new content parsed), `not_modified`, or `error`. */
  outcome: 'ok' | 'not_modified' | 'error';
  conditional: ConditionalState | null;
  nextCheckAt: Date;
  itemsSeen: number | null;
  title?: string | null;
  siteLink?: string | null;
  error?: { code: string; message: string } | null;
  /** Where a permanent redirect pointed on this fetch, or null when there was none. */
  permanentRedirectTo?: string | null;
  /** After this many consecutive fetches redirected permanently to the same place, the feed moves there. */
  redirectsToMove?: number;
  /** Disable the feed (410 Gone), with the reason. */
  disable?: string | null;
}

/** The result of saving a fetch: whether the feed moved to a new URL or got disabled, for the log. */
export interface FeedSaveEffect {
  movedTo: string | null;
  disabled: boolean;
}

/** Records one fetch of a feed: validators, status, errors, schedule, redirects. The caller holds the transaction. */
export function saveFeedFetch(db: Db, feedId: number, record: FeedFetchRecord): FeedSaveEffect {
  const current = db.prepare<[number], FeedRow>(`SELECT * FROM feeds WHERE id = ?`).get(feedId);
  if (!current) return { movedTo: null, disabled: false };
  const stamp = record.now.toISOString();
  const redirect = nextRedirectState(current, record);
  const failed = record.outcome === 'error';
  db.prepare(
    `UPDATE feeds SET
       last_fetched_at = @stamp, last_status = @status, last_outcome = @outcome,
       last_success_at = CASE WHEN @failed THEN last_success_at ELSE @stamp END,
       etag = CASE WHEN @hasConditional THEN @etag ELSE etag END,
       last_modified = CASE WHEN @hasConditional THEN @lastModified ELSE last_modified END,
       body_hash = CASE WHEN @hasConditional THEN @bodyHash ELSE body_hash END,
       error_count = CASE WHEN @failed THEN error_count + 1 ELSE 0 END,
       last_error = CASE WHEN @failed THEN @errorMessage ELSE last_error END,
       last_error_code = CASE WHEN @failed THEN @errorCode ELSE last_error_code END,
       items_last_seen = coalesce(@itemsSeen, items_last_seen),
       next_check_at = @nextCheckAt,
       title = coalesce(@title, title), site_link = coalesce(@siteLink, site_link),
       effective_url = @effectiveUrl, redirect_target = @redirectTarget, redirect_count = @redirectCount,
       disabled_at = CASE WHEN @disable IS NOT NULL THEN @stamp WHEN @failed THEN disabled_at END,
       disabled_reason = CASE WHEN @disable IS NOT NULL THEN @disable WHEN @failed THEN disabled_reason END,
       updated_at = @stamp
     WHERE id = @id`,
  ).run({
    id: feedId,
    stamp,
    status: record.status,
    outcome: record.outcome,
    failed: failed ? 1 : 0,
    hasConditional: record.conditional ? 1 : 0,
    etag: record.conditional?.etag ?? null,
    lastModified: record.conditional?.lastModified ?? null,
    bodyHash: record.conditional?.bodyHash ?? null,
    errorMessage: record.error?.message ?? null,
    errorCode: record.error?.code ?? null,
    itemsSeen: record.itemsSeen,
    nextCheckAt: record.nextCheckAt.toISOString(),
    title: record.title ?? null,
    siteLink: record.siteLink ?? null,
    effectiveUrl: redirect.effectiveUrl,
    redirectTarget: redirect.target,
    redirectCount: redirect.count,
    disable: record.disable ?? null,
  });
  return { movedTo: redirect.moved ? redirect.effectiveUrl : null, disabled: Boolean(record.disable) };
}

/**
 * A permanent redirect moves the feed only when several consecutive fetches agree on the target: one
 * misconfigured response must not lose a feed's address for good.
 */
function nextRedirectState(current: FeedRow, record: FeedFetchRecord) {
  const target = record.permanentRedirectTo ?? null;
  if (record.outcome === 'error' && target === null) {
    return { effectiveUrl: current.effective_url, target: current.redirect_target, count: current.redirect_count, moved: false };
  }
  if (target === null) return { effectiveUrl: current.effective_url, target: null, count: 0, moved: false };
  const count = current.redirect_target === target ? current.redirect_count + 1 : 1;
  if (count >= (record.redirectsToMove ?? 3)) return { effectiveUrl: target, target: null, count: 0, moved: true };
  return { effectiveUrl: current.effective_url, target, count, moved: false };
}

interface FeedRow {
  id: number;
  name: string;
  url: string;
  effective_url: string;
  outlet: string;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  last_fetched_at: string | null;
  next_check_at: string | null;
  error_count: number;
  redirect_target: string | null;
  redirect_count: number;
  disabled_at: string | null;
  disabled_reason: string | null;
}

function toFeedState(row: FeedRow): FeedState {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    effectiveUrl: row.effective_url,
    outlet: row.outlet,
    conditional: { etag: row.etag, lastModified: row.last_modified, bodyHash: row.body_hash },
    lastFetchedAt: row.last_fetched_at,
    nextCheckAt: row.next_check_at,
    errorCount: row.error_count,
    redirectTarget: row.redirect_target,
    redirectCount: row.redirect_count,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
  };
}
