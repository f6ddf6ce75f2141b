import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PipelineError } from '../model.js';
import { CORE_SCHEMA_SQL, ensureShape, PAGE_FAILURES_SQL } from './schema-core.js';
import { CLUSTER_SCHEMA_SQL } from './schema-clusters.js';
import { BOILERPLATE_LINES_SQL, DUPLICATE_SCHEMA_SQL } from './schema-duplicates.js';

export type { Database } from 'better-sqlite3';
type Db = Database.Database;

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** How long a write waits for another connection's lock before failing with SQLITE_BUSY. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Open without creating or migrating (for read-only commands). Default false. */
  readonly?: boolean;
  /**
   * Bring the schema up to date (and set WAL mode). Default true; `db check` opens with false, so that a damaged
   * database is looked at, not written to.
   */
  migrate?: boolean;
}

/**
 * `PRAGMA application_id` of a newsdedup database ("NSDD"): with the `newsdedup_meta` table it is how a file is
 * recognised as ours. Another program's SQLite file is never written to.
 */
export const APPLICATION_ID = 0x4e534444;

/** A file that is not a newsdedup database (another program's SQLite file, or not SQLite at all). Exit code 2. */
export class ForeignDatabaseError extends PipelineError {
  override readonly name = 'ForeignDatabaseError';
  readonly file: string;

  constructor(file: string, reason: string) {
    super(
      'store',
      'not_newsdedup_database',
      `${file} is not a newsdedup database (${reason}); refusing to touch it: point --db or \`database\` at a new file`,
      {
        disposition: 'fatal',
      },
    );
    this.file = file;
  }
}

/**
 * Migrations, applied in order and keyed on `PRAGMA user_version`: append only, never edit a released one.
 * Each runs in its own IMMEDIATE transaction together with the version bump.
 */
const MIGRATIONS: readonly string[] = [
  [CORE_SCHEMA_SQL, DUPLICATE_SCHEMA_SQL, CLUSTER_SCHEMA_SQL].join('\n'),
  PAGE_FAILURES_SQL,
  BOILERPLATE_LINES_SQL,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The page cache of every connection, KiB (negative cache_size: a size, not a page count). */
const PAGE_CACHE_KIB = 32 * 1024;

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 *
 * WAL with `synchronous = NORMAL`: a killed process never loses a committed transaction or corrupts the file
 * (only a power cut can lose the last commits); readers never block the writer.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  let db: Db;
  try {
    if (!options.readonly && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new PipelineError('store', 'open_failed', `unable to open database ${file}: ${errorMessage(error)}`, {
      disposition: 'fatal',
      cause: error,
    });
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    // SQLite's default page cache is 2 MiB: past a few thousand articles every index lookup re-read its pages
    // from the OS (system time grew with the store). 32 MiB keeps the hot index pages (README, "Scale").
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    // Before anything is written (even the WAL mode, which lives in the file header): is this file ours?
    const ownership = ownershipOf(db);
    if (ownership.kind === 'foreign') throw new ForeignDatabaseError(file, ownership.reason);
    if (options.readonly || options.migrate === false) return db;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, ownership);
    ensureShape(db);
    return db;
  } catch (error) {
    db.close();
    throw storeError(file, error);
  }
}

/**
 * Refuses (with {@link ForeignDatabaseError}) an existing file that is not a newsdedup database, writing nothing; a
 * missing file is fine (it will be created). Commands call this before they create files next to the database.
 */
export function assertNewsdedupDatabase(file: string): void {
  if (file === ':memory:' || !existsSync(file)) return;
  openDatabase(file, { migrate: false }).close();
}

/** Whose a database file is: a new (empty) file, a newsdedup database (marked or from before the mark), or not ours. */
type Ownership = { kind: 'empty' } | { kind: 'ours'; marked: boolean } | { kind: 'foreign'; reason: string };

/** Reads the mark and the schema of an open database, writing nothing. */
function ownershipOf(db: Db): Ownership {
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  if (applicationId === APPLICATION_ID) return { kind: 'ours', marked: true };
  if (applicationId !== 0) return { kind: 'foreign', reason: `PRAGMA application_id is ${applicationId}` };
  const version = Number(db.pragma('user_version', { simple: true }));
  const names = new Set(
    db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema`)
      .all()
      .map((row) => row.name),
  );
  if (names.size === 0 && version === 0) return { kind: 'empty' };
  // Databases written before the mark existed: they have newsdedup's bookkeeping table and core tables.
  if (version >= 1 && ['newsdedup_meta', 'articles', 'feeds', 'runs'].every((name) => names.has(name)))
    return { kind: 'ours', marked: false };
  return {
    kind: 'foreign',
    reason: names.size > 0 ? `it has ${names.size} schema objects and no newsdedup mark` : `PRAGMA user_version is ${version}`,
  };
}

/** SQLite's errors as stage errors: corruption and "not a database" said as such, the rest kept. */
function storeError(file: string, error: unknown): unknown {
  if (error instanceof PipelineError) return error;
  if (sqliteCode(error) === 'SQLITE_NOTADB') return new ForeignDatabaseError(file, 'not an SQLite file');
  if (isCorruptError(error)) return corruptDatabaseError(file, error);
  return new PipelineError('store', 'open_failed', `unable to open database ${file}: ${errorMessage(error)}`, {
    disposition: 'fatal',
    cause: error,
  });
}

/** The error a command fails with when SQLite finds the database damaged (exit code 1). */
export function corruptDatabaseError(file: string, cause: unknown): PipelineError {
  return new PipelineError(
    'store',
    'database_corrupt',
    `database ${file} is damaged (${errorMessage(cause)}); \`newsdedup db check\` reports what is wrong`,
    {
      disposition: 'fatal',
      cause,
    },
  );
}

/** True when SQLite reports a damaged database file. */
export function isCorruptError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== null && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** The SQLite result code of an error (`SQLITE_BUSY`, `SQLITE_CORRUPT_VTAB`, …), or null for other errors. */
export function sqliteCode(error: unknown): string | null {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_')
    ? error.code
    : null;
}

/**
 * Applies the migrations the database has not seen yet, and marks it as newsdedup's. Refuses a database written by a
 * newer version.
 */
function migrate(db: Db, ownership: Ownership): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > SCHEMA_VERSION) {
    throw new PipelineError(
      'store',
      'schema_too_new',
      `database schema version ${current} is newer than this newsdedup supports (${SCHEMA_VERSION}); upgrade newsdedup`,
      { disposition: 'fatal' },
    );
  }
  // A database from before the mark: marked once, in its own transaction.
  if (ownership.kind === 'ours' && !ownership.marked) {
    db.transaction(() => db.pragma(`application_id = ${APPLICATION_ID}`)).immediate();
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const sql = MIGRATIONS[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
      if (version === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    }).immediate();
  }
}

/** Runs `fn` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so no read-then-write upgrade can deadlock. */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** Sets how long a statement waits for another process's lock before SQLITE_BUSY, ms. */
export function setBusyTimeout(db: Db, ms: number): void {
  db.pragma(`busy_timeout = ${ms}`);
}

/** True when an error is SQLite's "database is locked/busy" after the busy timeout ran out. */
export function isBusyError(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
