import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  addBands,
  addToCentroid,
  bandCandidates,
  loadArticleTerms,
  loadCentroid,
  pruneCentroid,
  readCentroid,
  saveArticleTerms,
} from '../../src/store/event-vectors.js';
import { cacheOf, MAX_CACHED_CENTROIDS } from '../../src/store/event-stats-cache.js';
import { addArticle, addCluster } from '../helpers/store-rows.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

/** A cluster's centroid as stored (not through the cache), by term. */
const storedCentroid = (db: Database.Database, clusterId: number) =>
  Object.fromEntries(
    db
      .prepare<[number], { term: string; weight: number }>(`SELECT term, weight FROM cluster_terms WHERE cluster_id = ? ORDER BY term`)
      .all(clusterId)
      .map((row) => [row.term, row.weight]),
  );

describe('store/event-vectors', () => {
  const open = tempDatabasePerTest();
  const withClusters = (...ids: number[]) => {
    const { db } = open();
    for (const id of ids) addCluster(db, { id });
    return db;
  };

  it('an unknown cluster has an empty centroid, an unclustered article no terms', () => {
    const db = withClusters();
    expect(loadCentroid(db, 1)).toEqual(new Map());
    expect(loadArticleTerms(db, 1)).toEqual(new Map());
  });

  it('adding vectors sums them per term, stored and cached alike', () => {
    const db = withClusters(1, 2);
    expect(readCentroid(db, 1).size).toBe(0); // cached empty, then written through
    addToCentroid(
      db,
      1,
      new Map([
        ['harbour', 0.5],
        ['budget', 0.25],
      ]),
    );
    addToCentroid(
      db,
      1,
      new Map([
        ['harbour', 0.5],
        ['vote', 1],
      ]),
      2,
    );
    const expected = { budget: 0.25, harbour: 1.5, vote: 2 };
    expect(storedCentroid(db, 1)).toEqual(expected);
    expect(Object.fromEntries(readCentroid(db, 1))).toEqual(expected);
    expect(storedCentroid(db, 2)).toEqual({});
  });

  it('subtracting a member deletes the weights that fall to ~0, and keeps the others', () => {
    const db = withClusters(1);
    const member = new Map([
      ['harbour', 0.1],
      ['budget', 0.2],
    ]);
    addToCentroid(db, 1, member);
    addToCentroid(db, 1, new Map([['harbour', 0.3]]));
    readCentroid(db, 1);
    addToCentroid(db, 1, member, -1);
    expect(storedCentroid(db, 1)).toEqual({ harbour: expect.closeTo(0.3, 12) });
    expect([...readCentroid(db, 1).keys()]).toEqual(['harbour']);
  });

  it('loadCentroid returns a copy: changing it changes neither the store nor the cache', () => {
    const db = withClusters(1);
    addToCentroid(db, 1, new Map([['harbour', 1]]));
    const copy = loadCentroid(db, 1);
    copy.set('harbour', 99);
    copy.set('extra', 1);
    expect(Object.fromEntries(readCentroid(db, 1))).toEqual({ harbour: 1 });
    expect(storedCentroid(db, 1)).toEqual({ harbour: 1 });
  });

  it('pruning keeps exactly the given terms, in the store and the cache', () => {
    const db = withClusters(1);
    addToCentroid(
      db,
      1,
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    readCentroid(db, 1);
    pruneCentroid(db, 1, new Set(['a', 'c', 'not-there']));
    expect(storedCentroid(db, 1)).toEqual({ a: 1, c: 3 });
    expect(Object.fromEntries(readCentroid(db, 1))).toEqual({ a: 1, c: 3 });
    pruneCentroid(db, 1, new Set());
    expect(storedCentroid(db, 1)).toEqual({});
  });

  it("an article's terms replace its earlier ones, also after they were read", () => {
    const { db } = open();
    const a = addArticle(db, 'a');
    const b = addArticle(db, 'b');
    saveArticleTerms(
      db,
      a,
      new Map([
        ['harbour', 0.6],
        ['budget', 0.8],
      ]),
    );
    expect(Object.fromEntries(loadArticleTerms(db, a))).toEqual({ harbour: 0.6, budget: 0.8 });
    saveArticleTerms(db, a, new Map([['ferry', 1]]));
    expect(Object.fromEntries(loadArticleTerms(db, a))).toEqual({ ferry: 1 });
    expect(db.prepare('SELECT count(*) FROM event_article_terms WHERE article_id = ?').pluck().get(a)).toBe(1);
    expect(loadArticleTerms(db, b).size).toBe(0);
  });

  it('band candidates: clusters sharing keys, counted per shared band; a key in another band does not match', () => {
    const db = withClusters(1, 2, 3);
    addBands(db, 1, [10, 20, 30]);
    addBands(db, 2, [10, 21, 30]);
    addBands(db, 3, [20, 10, 99]); // same keys, other bands
    addBands(db, 1, [10, 20, 30]); // again: no double rows
    expect(bandCandidates(db, [10, 20, 30], 10)).toEqual(
      new Map([
        [1, 3],
        [2, 2],
      ]),
    );
    expect(bandCandidates(db, [11, 22, 33], 10)).toEqual(new Map());
    expect(bandCandidates(db, [], 10)).toEqual(new Map());
  });

  it('each key contributes at most perKeyLimit clusters, the newest (highest id) first', () => {
    const db = withClusters(1, 2, 3, 4);
    for (const id of [1, 2, 3, 4]) addBands(db, id, [7, id * 100]);
    expect(bandCandidates(db, [7], 2)).toEqual(
      new Map([
        [4, 1],
        [3, 1],
      ]),
    );
    expect(bandCandidates(db, [7, 100], 2)).toEqual(
      new Map([
        [4, 1],
        [3, 1],
        [1, 1],
      ]),
    );
    expect([...bandCandidates(db, [7], 4).keys()]).toEqual([4, 3, 2, 1]);
  });

  it('vectors longer than one multi-row statement are written whole (centroid sums, article terms)', () => {
    const db = withClusters(1);
    const a = addArticle(db, 'a');
    const long = new Map(Array.from({ length: 150 }, (_, i) => [`term${i}`, (i + 1) / 1000] as const));
    addToCentroid(db, 1, long);
    addToCentroid(db, 1, long);
    saveArticleTerms(db, a, long);
    const doubled = Object.fromEntries([...long].map(([term, weight]) => [term, weight * 2]));
    expect(storedCentroid(db, 1)).toEqual(doubled);
    expect(Object.fromEntries(readCentroid(db, 1))).toEqual(doubled);
    expect(db.prepare('SELECT count(*) FROM event_article_terms WHERE article_id = ?').pluck().get(a)).toBe(150);
    expect(Object.fromEntries(loadArticleTerms(db, a))).toEqual(Object.fromEntries(long));
  });

  it('a full cache makes room by dropping the least recently used vector, not every vector', () => {
    const { db } = open();
    const cached = cacheOf(db).centroids;
    for (let id = 1; id <= MAX_CACHED_CENTROIDS; id++) readCentroid(db, id);
    expect(cached.size).toBe(MAX_CACHED_CENTROIDS);
    readCentroid(db, 1); // used again: now the most recent
    readCentroid(db, MAX_CACHED_CENTROIDS + 1);
    expect(cached.size).toBe(MAX_CACHED_CENTROIDS);
    expect(cached.has(1)).toBe(true);
    expect(cached.has(2)).toBe(false); // the least recently used
    expect(cached.has(MAX_CACHED_CENTROIDS + 1)).toBe(true);
  });
});
