import { describe, expect, it } from 'vitest';
import { insertArticle, updateArticle } from '../../src/store/articles.js';
import { openDatabase } from '../../src/store/database.js';
import { CORE_SCHEMA_SQL, ensureShape } from '../../src/store/schema-core.js';
import { articleInput } from '../helpers/article-input.js';
import { tempDatabasePerTest, writeOldDatabase } from '../helpers/temp-db.js';

const NOW = new Date('2026-11-24T10:00:00.000Z');

describe('store/schema-core', () => {
  const open = tempDatabasePerTest();
  const names = (db: ReturnType<typeof open>['db'], type: string): string[] =>
    db.prepare<[string], string>(`SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all(type);

  it('creates the core tables, the full-text index and its triggers', () => {
    const { db } = open();
    expect(names(db, 'table')).toEqual(expect.arrayContaining(['feeds', 'articles', 'articles_fts', 'article_tombstones', 'newsdedup_meta', 'runs']));
    expect(names(db, 'trigger')).toEqual(['articles_fts_delete', 'articles_fts_insert', 'articles_fts_update']);
    expect(names(db, 'view')).toEqual(['articles_view', 'cluster_summary']);
  });

  it('is idempotent: applying the core schema again changes nothing', () => {
    const { db } = open();
    const before = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    db.exec(CORE_SCHEMA_SQL);
    expect(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(before);
  });

  it('keeps the full-text index in step with inserts, updates and deletes', () => {
    const { db } = open();
    const search = (word: string) => db.prepare<[string], number>(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`).pluck().all(word);
    const id = insertArticle(db, articleInput('a', { title: 'Harbour closed', text: 'Storm over the café' }), 'h1', NOW);
    expect(search('harbour')).toEqual([id]);
    // unicode61 with remove_diacritics: "cafe" finds "café".
    expect(search('cafe')).toEqual([id]);
    updateArticle(db, id, articleInput('a', { title: 'Harbour reopened', text: 'Calm seas' }), 'h2', NOW);
    expect(search('storm')).toEqual([]);
    expect(search('calm')).toEqual([id]);
    db.prepare('DELETE FROM articles WHERE id = ?').run(id);
    expect(search('harbour')).toEqual([]);
    expect(() => db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
  });

  it('the shape (indexes, views) is written once per version: a dropped index comes back only when the shape is re-applied', () => {
    const store = open();
    const shape = () => store.db.prepare(`SELECT value FROM newsdedup_meta WHERE key = 'shape'`).pluck().get();
    const applied = shape();
    expect(applied).toMatch(/^[0-9a-f]{16}$/);
    store.db.exec('DROP INDEX articles_text_hash');
    ensureShape(store.db);
    // Same version, same shape: nothing is written (a reader must not need the write lock).
    expect(names(store.db, 'index')).not.toContain('articles_text_hash');
    store.db.prepare(`UPDATE newsdedup_meta SET value = 'older' WHERE key = 'shape'`).run();
    store.db.close();
    const reopened = openDatabase(store.file);
    try {
      expect(names(reopened, 'index')).toContain('articles_text_hash');
      expect(reopened.prepare(`SELECT value FROM newsdedup_meta WHERE key = 'shape'`).pluck().get()).toBe(applied);
    } finally {
      reopened.close();
    }
  });

  it('articles_view shows an article with its feed and the published time, else the first-seen one', () => {
    const { db } = open();
    db.prepare(`INSERT INTO feeds (name, url, effective_url, outlet, created_at, updated_at) VALUES ('wire', 'u', 'u', 'Wire', ?, ?)`).run(NOW.toISOString(), NOW.toISOString());
    insertArticle(db, articleInput('a', { feedName: 'wire', source: 'Wire', text: 'four', publishedAt: '2026-11-20T00:00:00.000Z' }), 'h', NOW);
    insertArticle(db, articleInput('b', { text: 'x' }), 'h', NOW);
    expect(db.prepare('SELECT title, outlet, feed, published, text_chars, version FROM articles_view ORDER BY id').all()).toEqual([
      { title: 'a', outlet: 'Wire', feed: 'wire', published: '2026-11-20T00:00:00.000Z', text_chars: 4, version: 1 },
      { title: 'b', outlet: 'test', feed: null, published: NOW.toISOString(), text_chars: 1, version: 1 },
    ]);
  });

  it('migration 2 adds articles.page_failures (0 for the rows already there)', () => {
    const store = open();
    store.db.close();
    const file = `${store.file}.v1`;
    writeOldDatabase(file, 1, (old) => {
      old.prepare(`INSERT INTO articles (origin, item_key, source, title, text, first_seen_at, updated_at, method, text_hash)
                   VALUES ('import', 'k', 'S', 'T', 'x', ?, ?, 'import', 'h')`).run(NOW.toISOString(), NOW.toISOString());
    });
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT page_failures FROM articles').pluck().all()).toEqual([0]);
    } finally {
      db.close();
    }
  });
});
