import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PipelineError } from '../model.js';
import { assertNewsdedupDatabase } from './database.js';

/** A held run lock; release it when the run ends (a killed process releases it by itself). */
export interface RunLock {
  readonly file: string;
  release(): void;
}

/** Thrown when another run holds the lock. */
export class LockedError extends PipelineError {
  override readonly name = 'LockedError';
  readonly holder: string | null;

  constructor(file: string, holder: string | null) {
    super('run', 'locked', `another run holds the lock ${file}${holder ? ` (${holder})` : ''}`, { disposition: 'fatal' });
    this.holder = holder;
  }
}

/**
 * Takes the run lock for a database: an exclusive SQLite transaction on `<db>.lock`.
 *
 * SQLite's lock is a POSIX record lock held by the kernel, so a run killed with SIGKILL frees it at once — there is
 * no stale lock file to reclaim by guessing whether a pid is alive. The second run fails immediately (no waiting).
 * An existing database that is not newsdedup's is refused first: no lock file is created beside another program's file.
 */
export function acquireRunLock(databaseFile: string, now: Date = new Date()): RunLock {
  assertNewsdedupDatabase(databaseFile);
  const file = `${databaseFile}.lock`;
  const infoFile = `${file}.info`;
  let db: Database.Database;
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file);
  } catch (error) {
    throw new PipelineError(
      'run',
      'lock_failed',
      `unable to create the run lock ${file}: ${error instanceof Error ? error.message : String(error)}`,
      {
        disposition: 'fatal',
        cause: error,
      },
    );
  }
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_BUSY') throw new LockedError(file, readHolder(infoFile));
    throw error;
  }
  writeFileSync(infoFile, `pid ${process.pid}, started ${now.toISOString()}`);
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      rmSync(infoFile, { force: true });
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

function readHolder(infoFile: string): string | null {
  try {
    return readFileSync(infoFile, 'utf8').trim() || null;
  } catch {
    return null;
  }
}
