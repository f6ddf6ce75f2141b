import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/model.js';
import { APPLICATION_ID, ForeignDatabaseError, openDatabase, SCHEMA_VERSION } from '../../src/store/database.js';
import { CLUSTER_SCHEMA_SQL } from '../../src/store/schema-clusters.js';
import { CORE_SCHEMA_SQL } from '../../src/store/schema-core.js';
import { DUPLICATE_SCHEMA_SQL } from '../../src/store/schema-duplicates.js';
import { tempDir } from '../helpers/cli.js';

describe('schema migrations', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  afterEach(() => {
    tmp?.cleanup();
    tmp = null;
  });

  it('brings a version-1 database with articles up to date, keeping its rows', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'old.db');
    const old = new Database(file);
    old.exec([CORE_SCHEMA_SQL, DUPLICATE_SCHEMA_SQL, CLUSTER_SCHEMA_SQL].join('\n'));
    old.pragma('user_version = 1');
    old
      .prepare(
        `INSERT INTO feeds (name, url, effective_url, outlet, created_at, updated_at)
         VALUES ('f', 'https://example.org/feed', 'https://example.org/feed', 'Example', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`,
      )
      .run();
    old.prepare(
      `INSERT INTO articles (feed_id, origin, item_key, source, title, text, first_seen_at, updated_at, method, text_hash)
       VALUES (1, 'f', 'k1', 'Example', 'A title', 'Some text', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', 'feed', 'h')`,
    ).run();
    old.close();

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
