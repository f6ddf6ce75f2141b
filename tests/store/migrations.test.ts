import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/model.js';
import { openDatabase, SCHEMA_VERSION } from '../../src/store/database.js';
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
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    expect(() => openDatabase(file)).toThrow(PipelineError);
    expect(() => openDatabase(file)).toThrow(/newer than this newsdedup supports/);
  });
});
