/**
 * The web server's view of the database: one read-only connection, never a write, never the run lock.
 *
 * WAL lets it read while a run writes (readers and the writer never block each other), and each request reads in
 * its own read transaction, so a page sees one consistent snapshot and the next request sees what a run committed
 * meanwhile. The file is checked on every request: a database created, replaced (the demo starts from a new file)
 * or removed after `serve` started is picked up without a restart.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../store/database.js';
import { WebError } from './web-error.js';

type Db = Database.Database;

/** A read-only database that may be missing, locked or replaced while the server runs. */
export class ReadonlyStore {
  private db: Db | null = null;
  private identity = '';

  /**
   * @param file the SQLite database
   * @param busyTimeoutMs how long a read waits when the file is locked (a WAL reader only waits during recovery or
   *   while a non-WAL writer holds it); then the request is a 503. Default 1000 ms.
   */
  constructor(
    readonly file: string,
    private readonly busyTimeoutMs = 1000,
  ) {}

  /** Runs `fn` in one read transaction; a missing, locked or foreign database is a WebError with status 503. */
  read<T>(fn: (db: Db) => T): T {
    const db = this.connection();
    try {
      checkSchema(db);
      return db.transaction(() => fn(db)).deferred();
    } catch (error) {
      throw classify(error, this.label());
    }
  }

  /** Closes the connection (a later read opens it again). */
  close(): void {
    this.db?.close();
    this.db = null;
    this.identity = '';
  }

  private connection(): Db {
    const identity = fileIdentity(this.file);
    if (identity === null) {
      this.close();
      throw new WebError(
        'database_missing',
        `the database ${this.label()} does not exist yet: run \`newsdedup run\` (or \`npm run demo\`) first`,
      );
    }
    if (this.db !== null && identity === this.identity) return this.db;
    this.close();
    try {
      const db = new Database(this.file, { readonly: true, fileMustExist: true });
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(this.busyTimeoutMs))}`);
      this.db = db;
      this.identity = identity;
      return db;
    } catch (error) {
      throw classify(error, this.label());
    }
  }

  private label(): string {
    // The file's name only: a reader of the page has no business with the server's directories.
    return path.basename(this.file);
  }
}

function fileIdentity(file: string): string | null {
  try {
    const stats = statSync(file);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return null;
  }
}

function checkSchema(db: Db): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version === 0)
    throw new WebError('database_not_newsdedup', 'the database has no newsdedup tables yet: is a first run still creating it?');
  if (version > SCHEMA_VERSION) {
    throw new WebError(
      'schema_too_new',
      `the database has schema version ${version}, newer than this newsdedup serves (${SCHEMA_VERSION}): upgrade newsdedup`,
    );
  }
}

function classify(error: unknown, label: string): unknown {
  if (error instanceof WebError) return error;
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new WebError('database_locked', `the database ${label} is locked by another process; try again in a moment`, { cause: error });
  }
  if (
    code === 'SQLITE_NOTADB' ||
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_IOERR' ||
    code.startsWith('SQLITE_IOERR_')
  ) {
    return new WebError('database_unreadable', `the database ${label} cannot be read (${code}); check it with \`newsdedup db check\``, {
      cause: error,
    });
  }
  if (error instanceof Error && /no such (table|column)/.test(error.message)) {
    return new WebError(
      'database_not_newsdedup',
      `the database ${label} is not a newsdedup database (or an older version): ${error.message}`,
      { cause: error },
    );
  }
  return error;
}
