import { describe, expect, it } from 'vitest';
import { clearEventClusters, countUnclustered, finishRecluster, nextUnclustered, reclusterStartedAt } from '../../src/store/recluster.js';
import { addArticle, addCluster } from '../helpers/store-rows.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

const STAMP = '2026-11-24T10:00:00.000Z';
const CLUSTER_TABLES = ['cluster_merges', 'cluster_terms', 'event_article_terms', 'term_stats', 'term_corpus', 'cluster_bands', 'clusters'];

describe('store/recluster', () => {
  const open = tempDatabasePerTest();
  const count = (db: ReturnType<typeof open>['db'], table: string): unknown => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

  it('an empty database: nothing under way, nothing to do', () => {
    const { db } = open();
    expect(reclusterStartedAt(db)).toBeNull();
    expect(countUnclustered(db)).toBe(0);
    expect(nextUnclustered(db, 10)).toEqual([]);
  });

  it('clears every cluster table and every article\'s cluster, marks the rebuild, and finishing removes the mark', () => {
    const { db } = open();
    db.transaction(() => {
      addCluster(db, { id: 1 });
      addCluster(db, { id: 2, mergedInto: 1 });
      db.prepare(`INSERT INTO cluster_merges (survivor_id, merged_id, similarity, merged_at) VALUES (1, 2, 0.5, ?)`).run(STAMP);
      db.exec(`INSERT INTO cluster_terms VALUES (1, 'quake', 1.0);
               INSERT INTO term_stats VALUES ('en', 'quake', 1); INSERT INTO term_corpus VALUES ('en', 1); INSERT INTO cluster_bands VALUES (0, 42, 1);`);
      const id = addArticle(db, 'a', { cluster: 1 });
      db.prepare(`INSERT INTO event_article_terms VALUES (?, 'quake', 1.0)`).run(id);
    })();
    expect(countUnclustered(db)).toBe(0);
    db.transaction(() => clearEventClusters(db, STAMP))();
    expect(CLUSTER_TABLES.map((table) => count(db, table))).toEqual(CLUSTER_TABLES.map(() => 0));
    expect(countUnclustered(db)).toBe(1);
    expect(reclusterStartedAt(db)).toBe(STAMP);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Clearing again (a resumed rebuild that starts over) moves the mark.
    db.transaction(() => clearEventClusters(db, '2026-11-25T00:00:00.000Z'))();
    expect(reclusterStartedAt(db)).toBe('2026-11-25T00:00:00.000Z');
    finishRecluster(db);
    expect(reclusterStartedAt(db)).toBeNull();
  });

  it('hands out the unclustered articles oldest first (published, else first seen, then id), `limit` at a time', () => {
    const { db } = open();
    const add = (key: string, publishedAt: string | null, seenAt: string) => addArticle(db, key, { publishedAt, text: key, source: 'S', seenAt });
    const late = add('late', '2026-11-03T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    const undated = add('undated', null, '2026-11-02T00:00:00.000Z');
    const early = add('early', '2026-11-01T00:00:00.000Z', '2026-11-05T00:00:00.000Z');
    const tie = add('tie', '2026-11-01T00:00:00.000Z', '2026-11-05T00:00:00.000Z');
    expect(nextUnclustered(db, 10).map((a) => a.id)).toEqual([early, tie, undated, late]);
    expect(nextUnclustered(db, 1)).toEqual([{ id: early, title: 'early', text: 'early', lang: null, time: '2026-11-01T00:00:00.000Z', source: 'S', duplicateGroupId: null }]);
    expect(nextUnclustered(db, 10).find((a) => a.id === undated)?.time).toBe('2026-11-02T00:00:00.000Z');
  });
});
