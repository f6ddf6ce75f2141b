import type Database from 'better-sqlite3';
import type { RunSummary } from '../model.js';

type Db = Database.Database;

/** Records the start of a run; returns its id. The caller holds the write transaction. */
export function startRun(db: Db, now: Date): number {
  return Number(db.prepare(`INSERT INTO runs (started_at, status) VALUES (?, 'running')`).run(now.toISOString()).lastInsertRowid);
}

/** Records how a run ended: `completed`, or `interrupted` by a signal. A run killed outright stays `running`. */
export function finishRun(db: Db, id: number, summary: RunSummary, status: 'completed' | 'interrupted', now: Date): void {
  db.prepare(
    `UPDATE runs SET finished_at = @finishedAt, status = @status, feeds_fetched = @feedsFetched,
       feeds_not_modified = @feedsNotModified, feeds_failed = @feedsFailed, feeds_skipped = @feedsSkipped,
       articles_new = @articlesNew, articles_updated = @articlesUpdated, duplicates = @duplicates,
       clusters_touched = @clustersTouched, seconds = @seconds
     WHERE id = @id`,
  ).run({ ...summary, id, status, finishedAt: now.toISOString() });
}

/** When the last completed run finished, or null. */
export function lastSuccessfulRun(db: Db): Date | null {
  const row = db
    .prepare<[], { finished_at: string | null }>(`SELECT max(finished_at) AS finished_at FROM runs WHERE status = 'completed'`)
    .get();
  return row?.finished_at ? new Date(row.finished_at) : null;
}
