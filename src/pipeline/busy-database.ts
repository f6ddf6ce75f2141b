/**
 * The run's policy for a database another process holds: a write that stays locked past the busy timeout is
 * logged and deferred to the next run, and once the database was found busy, later writes wait only briefly.
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../shared/log.js';
import { isBusyError, setBusyTimeout, writeTransaction } from '../store/database.js';

/** Busy timeout of the writes that follow a busy one, ms (at most the configured one). */
const BUSY_RETRY_TIMEOUT_MS = 250;

/** Runs a run's writes, each in its own write transaction, under the busy-database policy. */
export interface RunWriter {
  /**
   * Runs a write; when the database stays locked by another process past the busy timeout, logs it and returns null
   * (the work is deferred to the next run). The first wait is the full busy timeout; once the database was found
   * busy, later writes of the run wait only briefly, so one stuck `sqlite3` shell costs one timeout, not one per feed.
   */
  tryWrite<T>(step: string, write: () => T, feed?: string): T | null;
}

/** `onRollback` runs whenever a write's transaction rolled back (busy or not), before the error is looked at. */
export function createRunWriter(db: Database.Database, logger: Logger, busyTimeoutMs: number, onRollback: () => void): RunWriter {
  // Set once a write timed out on another process's lock: later writes of this run wait only briefly.
  let databaseBusy = false;
  return {
    tryWrite(step, write, feed) {
      try {
        const result = writeTransaction(db, write);
        if (databaseBusy) {
          databaseBusy = false;
          setBusyTimeout(db, busyTimeoutMs);
        }
        return result;
      } catch (error) {
        onRollback();
        if (!isBusyError(error)) throw error;
        logger.warn({ step, ...(feed ? { feed } : {}), busy_timeout_ms: busyTimeoutMs }, 'database_busy_deferred');
        if (!databaseBusy) {
          databaseBusy = true;
          setBusyTimeout(db, Math.min(BUSY_RETRY_TIMEOUT_MS, busyTimeoutMs));
        }
        return null;
      }
    },
  };
}
