import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/model.js';
import {
  APPLICATION_ID,
  assertNewsdedupDatabase,
  corruptDatabaseError,
  ForeignDatabaseError,
  isBusyError,
  isCorruptError,
  openDatabase,
  SCHEMA_VERSION,
  setBusyTimeout,
  sqliteCode,
  writeTransaction,
  type OpenDatabaseOptions,
} from '../../src/store/database.js';
import { tempDir } from '../helpers/cli.js';
import { writeOldDatabase } from '../helpers/temp-db.js';

describe('schema migrations', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  afterEach(() => {
    tmp?.cleanup();
    tmp = null;
  });

  it('brings a version-1 database with articles up to date, keeping its rows', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'old.db');
    writeOldDatabase(file, 1, (old) => {
      old
        .prepare(
          `INSERT INTO feeds (name, url, effective_url, outlet, created_at, updated_at)
           VALUES ('f', 'https://example.org/feed', 'https://example.org/feed', 'Example', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`,
        )
        .run();
      old
        .prepare(
          `INSERT INTO articles (feed_id, origin, item_key, source, title, text, first_seen_at, updated_at, method, text_hash)
         VALUES (1, 'f', 'k1', 'Example', 'A title', 'Some text', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', 'feed', 'h')`,
        )
        .run();
    });

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      expect(db.prepare(`SELECT title, page_failures FROM articles`).all()).toEqual([{ title: 'A title', page_failures: 0 }]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    // Opening again applies nothing twice.
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a database written by a newer version, with the reason', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'new.db');
    const future = new Database(file);
    // What a newer newsdedup writes: its mark and a higher schema version.
    future.pragma(`application_id = ${APPLICATION_ID}`);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    expect(() => openDatabase(file)).toThrow(PipelineError);
    expect(() => openDatabase(file)).toThrow(/newer than this newsdedup supports/);
  });

  it('marks a database of the current schema written before the mark, keeping its rows; a new file is marked at once', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'current.db');
    // The current schema as this build writes it, then the mark taken away: a database from before the mark.
    const created = openDatabase(file);
    created.prepare(`INSERT INTO newsdedup_meta (key, value) VALUES ('probe', 'kept')`).run();
    expect(created.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    created.pragma('application_id = 0');
    created.close();

    const reopened = openDatabase(file);
    try {
      expect(reopened.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(reopened.prepare(`SELECT value FROM newsdedup_meta WHERE key = 'probe'`).get()).toEqual({ value: 'kept' });
    } finally {
      reopened.close();
    }
  });

  it('refuses a file with another application_id, or with tables but no newsdedup mark', () => {
    tmp = tempDir();
    const marked = path.join(tmp.dir, 'marked.db');
    const other = new Database(marked);
    other.pragma('application_id = 12345');
    other.close();
    expect(() => openDatabase(marked)).toThrow(ForeignDatabaseError);
    const unmarked = path.join(tmp.dir, 'unmarked.db');
    const foreign = new Database(unmarked);
    foreign.exec('CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT); CREATE TABLE newsdedup_meta (key TEXT)');
    foreign.close();
    expect(() => openDatabase(unmarked)).toThrow(/not a newsdedup database/);
  });
});

describe('openDatabase and the error helpers', () => {
  let tmp: ReturnType<typeof tempDir>;
  const opened: Database.Database[] = [];
  const file = (name = 'news.db') => path.join(tmp.dir, name);
  const open = (name?: string, options?: OpenDatabaseOptions) => {
    const db = openDatabase(file(name), options);
    opened.push(db);
    return db;
  };
  const caught = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    throw new Error('expected a throw');
  };
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    tmp.cleanup();
  });

  it('creates the file and its folders, in WAL mode with foreign keys on, at the current schema version', () => {
    const db = open(path.join('a', 'b', 'news.db'));
    expect(existsSync(file(path.join('a', 'b', 'news.db')))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('cache_size', { simple: true })).toBe(-32 * 1024); // 32 MiB, not SQLite's 2 MiB
    expect(open(path.join('a', 'b', 'news.db'), { readonly: true }).pragma('cache_size', { simple: true })).toBe(-32 * 1024);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(open('other.db', { busyTimeoutMs: 250.9 }).pragma('busy_timeout', { simple: true })).toBe(250);
    setBusyTimeout(db, 1234);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
  });

  it('read-only: a missing file is an open_failed error, not a new file; an existing one cannot be written', () => {
    const error = caught(() => open('missing.db', { readonly: true }));
    expect(error).toMatchObject({ stage: 'store', code: 'open_failed', disposition: 'fatal' });
    expect(existsSync(file('missing.db'))).toBe(false);
    open().close();
    const reader = open('news.db', { readonly: true });
    expect(() => reader.prepare(`INSERT INTO newsdedup_meta (key, value) VALUES ('x', 'y')`).run()).toThrow(/readonly/);
  });

  it('migrate: false opens an old database as it is, writing nothing', () => {
    writeOldDatabase(file(), 1);
    const before = readFileSync(file());
    const db = open('news.db', { migrate: false });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
    expect(readFileSync(file()).equals(before)).toBe(true);
  });

  it("assertNewsdedupDatabase: a missing file and our own pass; another program's file is refused, untouched", () => {
    expect(() => assertNewsdedupDatabase(file('missing.db'))).not.toThrow();
    expect(existsSync(file('missing.db'))).toBe(false);
    open().close();
    expect(() => assertNewsdedupDatabase(file())).not.toThrow();
    writeFileSync(file('notes.txt'), 'these are my notes, not a database at all, and long enough to have a header\n'.repeat(20));
    const before = readFileSync(file('notes.txt'));
    const error = caught(() => assertNewsdedupDatabase(file('notes.txt')));
    expect(error).toBeInstanceOf(ForeignDatabaseError);
    expect(error).toMatchObject({ code: 'not_newsdedup_database', file: file('notes.txt') });
    expect(String(error)).toMatch(/not an SQLite file/);
    expect(readFileSync(file('notes.txt')).equals(before)).toBe(true);
  });

  it("a damaged schema page is reported as database_corrupt, not as someone else's file", () => {
    open().close();
    const bytes = readFileSync(file());
    // Page 1 after the 100-byte header holds sqlite_schema: garbage there is corruption of our file.
    bytes.fill(0xa5, 100, 4096);
    writeFileSync(file(), bytes);
    rmSync(`${file()}-wal`, { force: true });
    const error = caught(() => open());
    expect(error).toMatchObject({ code: 'database_corrupt' });
    expect(isCorruptError(error instanceof Error ? error.cause : null)).toBe(true);
  });

  it('a writer waits at most the busy timeout, then fails busy; a reader opening meanwhile does not wait', () => {
    const writer = open();
    const other = open('news.db', { busyTimeoutMs: 0 });
    writer.exec('BEGIN IMMEDIATE');
    try {
      const error = caught(() =>
        writeTransaction(other, () => other.prepare(`INSERT INTO newsdedup_meta (key, value) VALUES ('a', 'b')`).run()),
      );
      expect(isBusyError(error)).toBe(true);
      expect(sqliteCode(error)).toBe('SQLITE_BUSY');
      expect(isCorruptError(error)).toBe(false);
      // The shape is applied already: opening does not need the write lock.
      expect(() => open('news.db', { busyTimeoutMs: 0 })).not.toThrow();
    } finally {
      writer.exec('ROLLBACK');
    }
  });

  it('writeTransaction commits what its function did, and rolls all of it back when it throws', () => {
    const db = open();
    const put = db.prepare<[string]>(`INSERT INTO newsdedup_meta (key, value) VALUES (?, 'v')`);
    expect(writeTransaction(db, () => put.run('kept').changes)).toBe(1);
    expect(() =>
      writeTransaction(db, () => {
        put.run('lost');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare(`SELECT key FROM newsdedup_meta WHERE key IN ('kept', 'lost')`).pluck().all()).toEqual(['kept']);
  });

  it("sqliteCode and corruptDatabaseError: only SQLite's codes; a message naming the file and db check", () => {
    expect(sqliteCode(new Error('plain'))).toBeNull();
    expect(sqliteCode(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeNull();
    expect(sqliteCode('SQLITE_BUSY')).toBeNull();
    expect(isCorruptError(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT_VTAB' }))).toBe(true);
    expect(isBusyError(Object.assign(new Error('x'), { code: 'SQLITE_LOCKED_SHAREDCACHE' }))).toBe(true);
    const error = corruptDatabaseError('/data/news.db', new Error('database disk image is malformed'));
    expect(error.message).toBe(
      'store: database /data/news.db is damaged (database disk image is malformed); `newsdedup db check` reports what is wrong',
    );
    expect(error.disposition).toBe('fatal');
  });
});
