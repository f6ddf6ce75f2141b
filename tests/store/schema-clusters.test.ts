import { describe, expect, it } from 'vitest';
import { CLUSTER_SCHEMA_SQL } from '../../src/store/schema-clusters.js';
import { addArticle, addCluster } from '../helpers/store-rows.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

const STAMP = '2026-11-24T10:00:00.000Z';

describe('store/schema-clusters', () => {
  const open = tempDatabasePerTest();

  it('creates the cluster tables, and re-applying the schema is harmless', () => {
    const { db } = open();
    const tables = () => db.prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name`).pluck().all();
    expect(tables()).toEqual(expect.arrayContaining(['clusters', 'cluster_merges', 'cluster_terms', 'event_article_terms', 'term_stats', 'term_corpus', 'cluster_bands', 'cluster_bands_cluster', 'clusters_last_updated']));
    const before = tables();
    db.exec(CLUSTER_SCHEMA_SQL);
    expect(tables()).toEqual(before);
  });

  it('keys: one centroid weight per (cluster, term), one df per (lang, term), one band entry per (band, key, cluster)', () => {
    const { db } = open();
    addCluster(db, { id: 1 });
    db.exec(`INSERT INTO cluster_terms VALUES (1, 'quake', 0.5); INSERT INTO term_stats VALUES ('en', 'quake', 1); INSERT INTO cluster_bands VALUES (0, 7, 1)`);
    expect(() => db.exec(`INSERT INTO cluster_terms VALUES (1, 'quake', 0.7)`)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.exec(`INSERT INTO term_stats VALUES ('en', 'quake', 2)`)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.exec(`INSERT INTO term_stats VALUES ('de', 'quake', 2); INSERT INTO cluster_bands VALUES (1, 7, 1)`)).not.toThrow();
    expect(() => db.exec(`INSERT INTO cluster_bands VALUES (0, 7, 1)`)).toThrow(/UNIQUE|PRIMARY KEY/);
    // A merge must name clusters that exist (foreign keys are on).
    expect(() => db.prepare(`INSERT INTO cluster_merges (survivor_id, merged_id, similarity, merged_at) VALUES (1, 99, 0.4, ?)`).run(STAMP)).toThrow(/FOREIGN KEY/);
  });

  it('cluster_summary lists surviving clusters only, with their distinct outlets sorted', () => {
    const { db } = open();
    db.transaction(() => {
      addCluster(db, { id: 1 });
      addCluster(db, { id: 2, mergedInto: 1 });
      for (const [key, source] of [['a', 'Zeta'], ['b', 'Alpha'], ['c', 'Zeta']] as const) addArticle(db, key, { source, cluster: 1 });
    })();
    expect(db.prepare('SELECT id, headline, outlet_names FROM cluster_summary').all()).toEqual([{ id: 1, headline: 'story 1', outlet_names: '["Alpha","Zeta"]' }]);
  });
});
