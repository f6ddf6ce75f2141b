import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PipelineError } from '../model.js';
import { CORE_SCHEMA_SQL, ensureShape, PAGE_FAILURES_SQL } from './schema-core.js';
import { CLUSTER_SCHEMA_SQL } from './schema-clusters.js';
import { DUPLICATE_SCHEMA_SQL } from './schema-duplicates.js';

export type { Database } from 'better-sqlite3';
type Db = Database.Database;

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Open without creating or migrating (for read-only commands). Default false. */
  readonly?: boolean;
}

/**
 * Migrations, applied in order and keyed on `PRAGMA user_version`: append only, never edit a released one.
 * Each runs in its own IMMEDIATE transaction together with the version bump.
 */
const MIGRATIONS: readonly string[] = [
  [CORE_SCHEMA_SQL, DUPLICATE_SCHEMA_SQL, CLUSTER_SCHEMA_SQL].join('\n'),
  PAGE_FAILURES_SQL,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 *
 * WAL with `synchronous = NORMAL`: a killed process never loses a committed transaction or corrupts the file
 * (only a power cut can lose the last commits); readers never block the writer.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (!options.readonly && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new PipelineError('store', 'open_failed', `unable to open database ${file}: ${errorMessage(error)}`, {
      disposition: 'fatal',
      cause: error,
    });
  }
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  if (options.readonly) return db;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  ensureShape(db);
  return db;
}

/** Applies the migrations the database has not seen yet. Refuses a database written by a newer version. */
function migrate(db: Db): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > SCHEMA_VERSION) {
    throw new PipelineError(
      'store',
      'schema_too_new',
      `database schema version ${current} is newer than this newsdedup supports (${SCHEMA_VERSION}); upgrade newsdedup`,
      { disposition: 'fatal' },
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const sql = MIGRATIONS[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

/** Runs `fn` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so no read-then-write upgrade can deadlock. */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** True when an error is SQLite's "database is locked/busy" after the busy timeout ran out. */
export function isBusyError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
