/** The database at a glance (`newsdedup stats`) and its checks (`newsdedup db check`). */
import type Database from 'better-sqlite3';
import { isBusyError } from './database.js';

type Db = Database.Database;

/** Counts for `newsdedup stats`. */
export interface Stats {
  feeds: number;
  feedsFailing: number;
  feedsDisabled: number;
  articles: number;
  /** Articles that are copies of an earlier article (in a duplicate group, not its canonical one). */
  duplicates: number;
  clusters: number;
  /** Clusters with articles from at least two outlets. */
  multiOutletClusters: number;
  databaseBytes: number;
  schemaVersion: number;
  lastRun: { startedAt: string; finishedAt: string | null; status: string; articlesNew: number; feedsFailed: number } | null;
}

/** The database at a glance. */
export function getStats(db: Db): Stats {
  const one = <T>(sql: string): T => db.prepare<[], T>(sql).get() as T;
  const feeds = one<{ total: number; failing: number; disabled: number }>(
    `SELECT count(*) AS total, coalesce(sum(error_count > 0), 0) AS failing, coalesce(sum(disabled_at IS NOT NULL), 0) AS disabled FROM feeds`,
  );
  const pages = one<{ bytes: number }>(`SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()`);
  const lastRun = db
    .prepare<[], { startedAt: string; finishedAt: string | null; status: string; articlesNew: number; feedsFailed: number }>(
      `SELECT started_at AS startedAt, finished_at AS finishedAt, status, articles_new AS articlesNew, feeds_failed AS feedsFailed
       FROM runs ORDER BY id DESC LIMIT 1`,
    )
    .get();
  return {
    feeds: feeds.total,
    feedsFailing: feeds.failing,
    feedsDisabled: feeds.disabled,
    articles: one<{ n: number }>(`SELECT count(*) AS n FROM articles`).n,
    duplicates: one<{ n: number }>(
      `SELECT count(*) AS n FROM articles a JOIN duplicate_groups g ON g.id = a.duplicate_group_id WHERE g.canonical_article_id <> a.id`,
    ).n,
    clusters: one<{ n: number }>(`SELECT count(*) AS n FROM clusters WHERE merged_into IS NULL`).n,
    multiOutletClusters: one<{ n: number }>(`SELECT count(*) AS n FROM clusters WHERE merged_into IS NULL AND outlet_count >= 2`).n,
    databaseBytes: pages.bytes,
    schemaVersion: Number(db.pragma('user_version', { simple: true })),
    lastRun: lastRun ?? null,
  };
}

/** The result of `newsdedup db check`. */
export interface DatabaseCheck {
  /** `ok`; `damaged` when any check found a problem or could not run for one; `busy` when a check needed a lock another process holds. */
  status: 'ok' | 'damaged' | 'busy';
  ok: boolean;
  integrity: string[];
  foreignKeyViolations: number | null;
  /** 'ok', or what SQLite's integrity check of the full-text index said. */
  fullTextIndex: string;
  schemaVersion: number | null;
}

/**
 * SQLite's integrity and foreign-key checks plus the full-text index's own check. Each check runs even when another
 * failed, so a damaged file gets a full report; an error while checking is part of the report, never a crash.
 */
export function checkDatabase(db: Db): DatabaseCheck {
  let busy = false;
  let damaged = false;
  const attempt = <T>(fn: () => T, onError: (message: string) => T): T => {
    try {
      return fn();
    } catch (error) {
      if (isBusyError(error)) busy = true;
      else damaged = true;
      return onError(error instanceof Error ? error.message : String(error));
    }
  };
  const integrity = attempt(
    () =>
      db
        .prepare<[], { integrity_check: string }>(`PRAGMA integrity_check`)
        .all()
        .map((row) => row.integrity_check),
    (message) => [message],
  );
  const foreignKeyViolations = attempt<number | null>(
    () => db.prepare(`PRAGMA foreign_key_check`).all().length,
    () => null,
  );
  // The FTS5 check is an INSERT: it needs the write lock, which a running writer may hold (that is "busy", not damage).
  const fullTextIndex = attempt(
    () => {
      db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run();
      return 'ok';
    },
    (message) => message,
  );
  const schemaVersion = attempt<number | null>(
    () => Number(db.pragma('user_version', { simple: true })),
    () => null,
  );
  if (integrity.length !== 1 || integrity[0] !== 'ok' || (foreignKeyViolations ?? 0) > 0) damaged = true;
  const status = damaged ? 'damaged' : busy ? 'busy' : 'ok';
  return { status, ok: status === 'ok', integrity, foreignKeyViolations, fullTextIndex, schemaVersion };
}
