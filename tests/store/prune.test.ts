import { describe, expect, it } from 'vitest';
import { findKnownItems } from '../../src/store/articles.js';
import { bandKeys } from '../../src/fingerprint/lsh-params.js';
import { pruneArticles } from '../../src/store/prune.js';
import { articleInput } from '../helpers/article-input.js';
import { defaultIngester, ingestBatch } from '../helpers/ingest.js';
import { tempDatabasePerTest, type TempDatabase } from '../helpers/temp-db.js';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86_400_000);
const CUTOFF = day(5);
const NOW = day(11);

const WIRE = [
  'The regional council approved the new harbour budget on Tuesday after a long debate about dredging costs and ferry fares.',
  'Councillors voted eleven to four for the plan, which raises the port fee for cruise ships and freezes fares for commuters.',
  'The harbour master said the dredging would start in the spring and take about six weeks if the weather allows it.',
].join('\n');
const FIRE = [
  'A fire destroyed a timber warehouse near the railway station overnight, and firefighters kept it from spreading to the houses nearby.',
  'Nobody was hurt, the fire brigade said, but the smoke closed the main road into town for most of the morning rush hour.',
  'Investigators will examine the site on Thursday to find out how the fire started in the empty building.',
].join('\n');
const SCHOOL = [
  'The city will build a new primary school on the old bus depot site, the mayor announced, with room for four hundred pupils.',
  'Construction is to begin next year and the school should open its doors in the autumn of the year after that.',
  'Parents had campaigned for years for a school in the district, where classrooms in the existing schools are overcrowded.',
].join('\n');

/**
 * A wire story published on day 0 with a copy from day 10 (one duplicate group, one cluster), a story only from day 0,
 * and a story only from day 10.
 */
function seed(store: TempDatabase) {
  const ingester = defaultIngester(store.db, store.dir);
  const article = (key: string, source: string, text: string, published: number) =>
    articleInput(key, { feedName: 'wire', source, text, title: text.split(' ').slice(0, 8).join(' '), lang: 'en', url: `https://${source}.example/${key}`, publishedAt: day(published).toISOString() });
  ingestBatch(store.db, ingester, [article('wire-0', 'alpha', WIRE, 0), article('fire-0', 'alpha', FIRE, 0)], day(0));
  ingestBatch(store.db, ingester, [article('wire-10', 'beta', WIRE, 10), article('school-10', 'beta', SCHOOL, 10)], day(10));
  const id = (key: string) => store.db.prepare<[string], number>('SELECT id FROM articles WHERE item_key = ?').pluck().get(key) ?? -1;
  return { ids: { wire0: id('wire-0'), fire0: id('fire-0'), wire10: id('wire-10'), school10: id('school-10') } };
}

describe('store/prune', () => {
  const open = tempDatabasePerTest();
  const count = (store: TempDatabase, sql: string, ...params: unknown[]): unknown => store.db.prepare(sql).pluck().get(...params);

  it('an empty database: nothing to prune, dry run or not', () => {
    const store = open();
    const none = { articles: 0, clusters: 0, duplicateGroups: 0, tombstones: 0 };
    expect(pruneArticles(store.db, CUTOFF, NOW, bandKeys, { dryRun: true })).toEqual(none);
    expect(pruneArticles(store.db, CUTOFF, NOW, bandKeys)).toEqual(none);
  });

  it('the seed is what the cases assume: the wire copies share a group and a cluster, the other stories do not', () => {
    const store = open();
    const { ids } = seed(store);
    const of = (id: number) => store.db.prepare('SELECT duplicate_group_id AS g, cluster_id AS c FROM articles WHERE id = ?').get(id);
    expect(of(ids.wire0)).toEqual(of(ids.wire10));
    expect(count(store, 'SELECT count(DISTINCT cluster_id) FROM articles')).toBe(3);
    expect(count(store, 'SELECT count(*) FROM duplicate_groups')).toBe(3);
  });

  it('a dry run counts what would go and removes nothing', () => {
    const store = open();
    seed(store);
    expect(pruneArticles(store.db, CUTOFF, NOW, bandKeys, { dryRun: true })).toEqual({ articles: 2, clusters: 1, duplicateGroups: 1, tombstones: 2 });
    expect(count(store, 'SELECT count(*) FROM articles')).toBe(4);
    expect(count(store, 'SELECT count(*) FROM article_tombstones')).toBe(0);
  });

  it('removes the old articles with everything that points at them, and keeps what the new ones need', () => {
    const store = open();
    const { ids } = seed(store);
    const fireCluster = count(store, 'SELECT cluster_id FROM articles WHERE id = ?', ids.fire0);
    expect(pruneArticles(store.db, CUTOFF, NOW, bandKeys)).toEqual({ articles: 2, clusters: 1, duplicateGroups: 1, tombstones: 2 });
    expect(store.db.prepare<[], number>('SELECT id FROM articles ORDER BY id').pluck().all()).toEqual([ids.wire10, ids.school10]);
    const gone = JSON.stringify([ids.wire0, ids.fire0]);
    for (const [table, column] of [['article_fingerprints', 'article_id'], ['lsh_bands', 'article_id'], ['event_article_terms', 'article_id'], ['articles_fts', 'rowid']]) {
      expect([table, count(store, `SELECT count(*) FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(?))`, gone)]).toEqual([table, 0]);
    }
    expect(count(store, 'SELECT count(*) FROM clusters WHERE id = ?', fireCluster)).toBe(0);
    expect(count(store, 'SELECT count(*) FROM cluster_terms WHERE cluster_id = ?', fireCluster)).toBe(0);
    expect(count(store, 'SELECT count(*) FROM cluster_bands WHERE cluster_id = ?', fireCluster)).toBe(0);
    // The wire group and cluster live on with the copy, recounted, the copy now canonical.
    expect(store.db.prepare('SELECT g.size, g.canonical_article_id AS canonical, g.first_seen_at AS firstSeen FROM duplicate_groups g JOIN articles a ON a.duplicate_group_id = g.id WHERE a.id = ?').get(ids.wire10)).toEqual({
      size: 1, canonical: ids.wire10, firstSeen: day(10).toISOString(),
    });
    expect(store.db.prepare('SELECT c.article_count AS articles, c.outlet_count AS outlets FROM clusters c JOIN articles a ON a.cluster_id = c.id WHERE a.id = ?').get(ids.wire10)).toEqual({ articles: 1, outlets: 1 });
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a cluster that keeps members stops matching on what only the pruned ones said: its centroid is the survivors\' terms', () => {
    const store = open();
    const { ids } = seed(store);
    pruneArticles(store.db, CUTOFF, NOW, bandKeys);
    const centroid = store.db
      .prepare<[number], { term: string; weight: number }>('SELECT t.term, t.weight FROM cluster_terms t JOIN articles a ON a.cluster_id = t.cluster_id WHERE a.id = ?')
      .all(ids.wire10);
    const own = new Map(store.db.prepare<[number], { term: string; tf: number }>('SELECT term, tf FROM event_article_terms WHERE article_id = ?').all(ids.wire10).map((r) => [r.term, r.tf]));
    expect(own.size).toBeGreaterThan(0);
    for (const { term, weight } of centroid) expect([term, weight]).toEqual([term, expect.closeTo(own.get(term) ?? 0, 9)]);
    for (const [term, tf] of own) expect(centroid.find((row) => row.term === term)?.weight).toBeCloseTo(tf, 9);
  });

  it('tombstones keep a pruned item from coming back; pruning again finds nothing', () => {
    const store = open();
    seed(store);
    pruneArticles(store.db, CUTOFF, NOW, bandKeys);
    expect(store.db.prepare('SELECT origin, item_key, pruned_at FROM article_tombstones ORDER BY item_key').all()).toEqual([
      { origin: 'wire', item_key: 'fire-0', pruned_at: NOW.toISOString() },
      { origin: 'wire', item_key: 'wire-0', pruned_at: NOW.toISOString() },
    ]);
    expect(findKnownItems(store.db, 'wire', [{ key: 'wire-0', url: null }, { key: 'wire-10', url: null }]).pruned).toEqual(new Set(['wire-0']));
    expect(pruneArticles(store.db, CUTOFF, day(12), bandKeys)).toEqual({ articles: 0, clusters: 0, duplicateGroups: 0, tombstones: 0 });
  });

  it('an undated article is pruned by when it was first seen; an article exactly at the cutoff stays', () => {
    const store = open();
    const ingester = defaultIngester(store.db, store.dir);
    ingestBatch(store.db, ingester, [articleInput('undated', { text: FIRE, lang: 'en', source: 'gamma' })], day(1));
    ingestBatch(store.db, ingester, [articleInput('at-cutoff', { text: SCHOOL, lang: 'en', source: 'gamma', publishedAt: CUTOFF.toISOString() })], day(6));
    expect(pruneArticles(store.db, CUTOFF, NOW, bandKeys).articles).toBe(1);
    expect(store.db.prepare('SELECT item_key FROM articles').pluck().all()).toEqual(['at-cutoff']);
  });
});
