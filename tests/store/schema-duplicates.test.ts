import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../src/store/articles.js';
import { openDatabase, SCHEMA_VERSION } from '../../src/store/database.js';
import { BOILERPLATE_LINES_SQL, DUPLICATE_SCHEMA_SQL } from '../../src/store/schema-duplicates.js';
import { articleInput } from '../helpers/article-input.js';
import { tempDatabasePerTest, writeOldDatabase } from '../helpers/temp-db.js';

const NOW = new Date('2026-11-24T10:00:00.000Z');

describe('store/schema-duplicates', () => {
  const open = tempDatabasePerTest();
  const fingerprint = (db: ReturnType<typeof open>['db'], articleId: number) =>
    db.prepare(`INSERT INTO article_fingerprints (article_id, num_perm, shingle_size, seed, signature, shingles, text_hash, lsh_bands, lsh_rows)
                VALUES (?, 4, 3, 1, ?, ?, 'h', 2, 2)`).run(articleId, Buffer.alloc(16), Buffer.alloc(8));

  it('creates the near-duplicate tables; re-applying both parts is harmless', () => {
    const { db } = open();
    const objects = () => db.prepare<[], string>(`SELECT name FROM sqlite_schema ORDER BY name`).pluck().all();
    expect(objects()).toEqual(expect.arrayContaining(['duplicate_groups', 'article_fingerprints', 'lsh_bands', 'boilerplate_lines', 'article_fingerprints_text_hash']));
    const before = objects();
    db.exec(DUPLICATE_SCHEMA_SQL + BOILERPLATE_LINES_SQL);
    expect(objects()).toEqual(before);
  });

  it('an article\'s fingerprint goes with it; a fingerprint of no article is refused', () => {
    const { db } = open();
    const id = insertArticle(db, articleInput('a'), 'h', NOW);
    fingerprint(db, id);
    expect(() => fingerprint(db, id)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => fingerprint(db, 999)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM articles WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) FROM article_fingerprints').pluck().get()).toBe(0);
  });

  it('one lsh_bands row per (key, article)', () => {
    const { db } = open();
    db.exec('INSERT INTO lsh_bands VALUES (1, 1), (1, 2)');
    expect(() => db.exec('INSERT INTO lsh_bands VALUES (1, 2)')).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('migration 3: a version-2 database gets boilerplate_lines on open', () => {
    const store = open();
    store.db.close();
    const file = `${store.file}.v2`;
    writeOldDatabase(file, 2);
    const db = openDatabase(file);
    try {
      expect(SCHEMA_VERSION).toBe(3);
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      db.prepare(`INSERT INTO boilerplate_lines VALUES (1, 1, ?, ?)`).run(NOW.toISOString(), NOW.toISOString());
      expect(db.prepare('SELECT docs FROM boilerplate_lines WHERE hash = 1').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });
});
