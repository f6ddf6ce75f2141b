/**
 * A real newsdedup database in a fresh temp directory, opened with the production `openDatabase` (migrations, WAL):
 * what every test that needs a store starts from. `close()` closes it and removes the directory.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openDatabase, type OpenDatabaseOptions } from '../../src/store/database.js';
import { CLUSTER_SCHEMA_SQL } from '../../src/store/schema-clusters.js';
import { CORE_SCHEMA_SQL, PAGE_FAILURES_SQL } from '../../src/store/schema-core.js';
import { DUPLICATE_SCHEMA_SQL } from '../../src/store/schema-duplicates.js';
import { tempDir } from './cli.js';

/** An open test database and where it lives. */
export interface TempDatabase {
  db: Database.Database;
  /** The temp directory holding the database file (and anything else the test writes). */
  dir: string;
  /** The database file. */
  file: string;
  /** Closes the database (if still open) and removes the directory. */
  close(): void;
}

/** Opens `<fresh temp dir>/<name>` with `openDatabase`. */
export function openTempDatabase(options: OpenDatabaseOptions & { name?: string; prefix?: string } = {}): TempDatabase {
  const { name = 'news.db', prefix, ...openOptions } = options;
  const tmp = tempDir(prefix);
  const file = path.join(tmp.dir, name);
  let db: Database.Database;
  try {
    db = openDatabase(file, openOptions);
  } catch (error) {
    tmp.cleanup();
    throw error;
  }
  return {
    db,
    dir: tmp.dir,
    file,
    close() {
      if (db.open) db.close();
      tmp.cleanup();
    },
  };
}

/**
 * For a describe block: the returned `open()` opens a fresh temp database for the running test; every database it
 * opened is closed and removed after each test.
 */
export function tempDatabasePerTest(options: Parameters<typeof openTempDatabase>[0] = {}): () => TempDatabase {
  const opened: TempDatabase[] = [];
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
  });
  return () => {
    const store = openTempDatabase(options);
    opened.push(store);
    return store;
  };
}

/**
 * Writes a database file the way the released schema `version` left it (1: core, duplicate and cluster tables;
 * 2: plus `articles.page_failures`), without the newsdedup mark (which came later): for the migration tests.
 * `seed` runs on the old connection before it is closed.
 */
export function writeOldDatabase(file: string, version: 1 | 2, seed: (db: Database.Database) => void = () => undefined): void {
  const old = new Database(file);
  try {
    old.exec([CORE_SCHEMA_SQL, DUPLICATE_SCHEMA_SQL, CLUSTER_SCHEMA_SQL].join('\n'));
    if (version >= 2) old.exec(PAGE_FAILURES_SQL);
    old.pragma(`user_version = ${version}`);
    seed(old);
  } finally {
    old.close();
  }
}
