import { describe, expect, it } from 'vitest';
import { cacheOf, dfOfLang, forgetCachedStats, scalar, stmt } from '../../src/store/event-stats-cache.js';
import { coverageSpan, setArticleCluster, createCluster } from '../../src/store/event-clusters.js';
import { addToCentroid, loadArticleTerms, readCentroid, saveArticleTerms } from '../../src/store/event-vectors.js';
import { addDocumentTerms, corpusDocs, flushTermStats, termDf } from '../../src/store/term-stats.js';
import { addArticle } from '../helpers/store-rows.js';
import { hour } from '../helpers/story-fixture.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

describe('store/event-stats-cache', () => {
  const open = tempDatabasePerTest();

  it('one cache per connection, made on first use; one language map per language', () => {
    const a = open().db;
    const b = open().db;
    expect(cacheOf(a)).toBe(cacheOf(a));
    expect(cacheOf(a)).not.toBe(cacheOf(b));
    expect(cacheOf(a)).toMatchObject({ dfSize: 0, docs: new Map(), centroids: new Map(), articleTerms: new Map(), spans: new Map() });
    const cache = cacheOf(a);
    expect(dfOfLang(cache, 'en')).toBe(dfOfLang(cache, 'en'));
    expect(dfOfLang(cache, 'en')).not.toBe(dfOfLang(cache, 'de'));
  });

  it('reads are served from the cache until forgetCachedStats; then rows changed behind it are seen', () => {
    const { db } = open();
    const article = addArticle(db, 'a', { publishedAt: hour(1) });
    const cluster = createCluster(db, article, 'en', hour(1), hour(2));
    setArticleCluster(db, article, cluster);
    addDocumentTerms(db, 'en', ['harbour']);
    flushTermStats(db);
    addToCentroid(db, cluster, new Map([['harbour', 1]]));
    saveArticleTerms(db, article, new Map([['harbour', 1]]));
    const read = () => ({
      docs: corpusDocs(db, 'en'),
      df: termDf(db, 'en', 'harbour'),
      centroid: Object.fromEntries(readCentroid(db, cluster)),
      terms: Object.fromEntries(loadArticleTerms(db, article)),
      spanEnd: coverageSpan(db, { id: cluster, articleCount: 1 }, 0, 1)?.end,
    });
    const before = { docs: 1, df: 1, centroid: { harbour: 1 }, terms: { harbour: 1 }, spanEnd: Date.parse(hour(1)) };
    expect(read()).toEqual(before);
    // Changed behind the event index's back, as a rolled-back transaction or another tool would leave it.
    db.exec(`UPDATE term_corpus SET docs = 5; UPDATE term_stats SET df = 4; UPDATE cluster_terms SET weight = 3;
             UPDATE event_article_terms SET tf = 2; UPDATE articles SET published_at = '${hour(6)}'`);
    expect(read()).toEqual(before);
    forgetCachedStats(db);
    expect(read()).toEqual({ docs: 5, df: 4, centroid: { harbour: 3 }, terms: { harbour: 2 }, spanEnd: Date.parse(hour(6)) });
  });

  it('a rolled-back write leaves the cache (and the pending counts) ahead of the rows until it is forgotten', () => {
    const { db } = open();
    expect(corpusDocs(db, 'en')).toBe(0);
    expect(() =>
      db.transaction(() => {
        addDocumentTerms(db, 'en', ['harbour']);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(corpusDocs(db, 'en')).toBe(1);
    forgetCachedStats(db);
    flushTermStats(db);
    expect([corpusDocs(db, 'en'), termDf(db, 'en', 'harbour')]).toEqual([0, 0]);
  });

  it('statements are prepared once per connection and SQL; scalar falls back when there is no number', () => {
    const a = open().db;
    const b = open().db;
    const sql = 'SELECT 1';
    expect(stmt(a, sql)).toBe(stmt(a, sql));
    expect(stmt(a, sql)).not.toBe(stmt(b, sql));
    expect(scalar(a, 'SELECT ? + 1', [41], -1)).toBe(42);
    expect(scalar(a, 'SELECT docs FROM term_corpus WHERE lang = ?', ['xx'], -1)).toBe(-1);
    expect(scalar(a, "SELECT 'text'", [], -1)).toBe(-1);
  });
});
