import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { finishRun, startRun } from '../../src/store/runs.js';
import { checkDatabase, getStats } from '../../src/store/stats.js';
import { addFeeds } from '../helpers/store-rows.js';
import { hour, seedStories } from '../helpers/story-fixture.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

describe('store/stats', () => {
  const open = tempDatabasePerTest();
  const seeded = () => {
    const store = open();
    seedStories(store.db);
    return store;
  };

  it('an empty database: zero counts, no last run, checks ok', () => {
    const { db } = open();
    expect(getStats(db)).toMatchObject({
      feeds: 0,
      feedsFailing: 0,
      feedsDisabled: 0,
      articles: 0,
      duplicates: 0,
      clusters: 0,
      multiOutletClusters: 0,
      lastRun: null,
      schemaVersion: 3,
    });
    expect(checkDatabase(db)).toEqual({
      status: 'ok',
      ok: true,
      integrity: ['ok'],
      foreignKeyViolations: 0,
      fullTextIndex: 'ok',
      schemaVersion: 3,
    });
  });

  it('stats: duplicates are the non-canonical members of groups; multi-outlet clusters; the last run', () => {
    const { db } = seeded();
    addFeeds(db, ['alpha']);
    finishRun(
      db,
      startRun(db, new Date(hour(13))),
      {
        feedsFetched: 1,
        feedsNotModified: 0,
        feedsFailed: 1,
        feedsSkipped: 0,
        articlesNew: 7,
        articlesUpdated: 0,
        duplicates: 1,
        clustersTouched: 3,
        seconds: 2,
      },
      'completed',
      new Date(hour(14)),
    );
    expect(getStats(db)).toMatchObject({
      feeds: 1,
      articles: 7,
      duplicates: 1,
      clusters: 3,
      multiOutletClusters: 2,
      lastRun: { startedAt: hour(13), finishedAt: hour(14), status: 'completed', articlesNew: 7, feedsFailed: 1 },
    });
    expect(getStats(db).databaseBytes).toBeGreaterThan(0);
  });

  it('check: busy (not damaged) when a writer holds the lock the full-text check needs; damaged on a foreign-key violation', () => {
    const store = seeded();
    const writer = new Database(store.file);
    const reader = new Database(store.file, { timeout: 0 });
    try {
      writer.exec('BEGIN IMMEDIATE');
      expect(checkDatabase(reader)).toMatchObject({ status: 'busy', ok: false, integrity: ['ok'] });
      writer.exec('ROLLBACK');
      store.db.pragma('foreign_keys = OFF');
      store.db.exec('UPDATE articles SET cluster_id = 77 WHERE id = 1');
      expect(checkDatabase(store.db)).toMatchObject({ status: 'damaged', ok: false, foreignKeyViolations: 1 });
    } finally {
      writer.close();
      reader.close();
    }
  });
});
