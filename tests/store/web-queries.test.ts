import { describe, expect, it } from 'vitest';
import { getArticle, listCoverage, listCoverageOf, listStoryLanguages, listStoryRows } from '../../src/store/web-queries.js';
import { addArticle, addCluster, addFeeds } from '../helpers/store-rows.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

const hour = (h: number) => new Date(Date.UTC(2026, 10, 24, h)).toISOString();

describe('store/web-queries', () => {
  const open = tempDatabasePerTest();
  /** Cluster 1 (en, 3 outlets, feeds alpha+beta), 2 (de, 2 outlets, feed gamma), 3 (en, 1 outlet, no feed), 4 merged into 1. */
  const seeded = () => {
    const { db } = open();
    addFeeds(db, ['alpha', 'beta', 'gamma']);
    const ids = db.transaction(() => {
      addCluster(db, { id: 1, headline: 'Harbour budget', lastUpdatedAt: hour(9), articles: 3, outlets: 3 });
      addCluster(db, { id: 2, headline: 'Lagerhaus brennt', lang: 'de', lastUpdatedAt: hour(12), articles: 2, outlets: 2 });
      addCluster(db, { id: 3, headline: 'New school', lastUpdatedAt: hour(11), articles: 1, outlets: 1 });
      addCluster(db, { id: 4, mergedInto: 1, articles: 9, outlets: 9 });
      return {
        wire: addArticle(db, 'wire', { feedName: 'alpha', source: 'Alpha', cluster: 1, group: 1, publishedAt: hour(2), byline: 'A. Writer', text: 'Body', html: '<p>Body</p>' }),
        copy: addArticle(db, 'copy', { feedName: 'beta', source: 'Beta', cluster: 1, group: 1, publishedAt: hour(1) }),
        third: addArticle(db, 'third', { source: 'Gamma', cluster: 1, seenAt: hour(3) }),
        fire: addArticle(db, 'fire', { feedName: 'gamma', source: 'Gamma', cluster: 2, publishedAt: hour(12) }),
        fire2: addArticle(db, 'fire2', { source: 'Delta', cluster: 2, publishedAt: hour(12) }),
        school: addArticle(db, 'school', { cluster: 3, publishedAt: hour(11) }),
        alone: addArticle(db, 'alone'),
      };
    })();
    return { db, ids };
  };

  it('an empty database: no stories, no coverage, no languages, no article', () => {
    const { db } = open();
    expect(listStoryRows(db)).toEqual([]);
    expect(listCoverage(db, 1)).toEqual([]);
    expect(listCoverageOf(db, [1, 2])).toEqual(new Map([[1, []], [2, []]]));
    expect(listStoryLanguages(db)).toEqual([]);
    expect(getArticle(db, 1)).toBeNull();
  });

  it('stories rank like listClusters, merged clusters left out', () => {
    const { db } = seeded();
    expect(listStoryRows(db)).toEqual([
      { id: 1, headline: 'Harbour budget', firstSeenAt: expect.any(String), lastUpdatedAt: hour(9), articles: 3, outlets: 3, lang: 'en' },
      { id: 2, headline: 'Lagerhaus brennt', firstSeenAt: expect.any(String), lastUpdatedAt: hour(12), articles: 2, outlets: 2, lang: 'de' },
      { id: 3, headline: 'New school', firstSeenAt: expect.any(String), lastUpdatedAt: hour(11), articles: 1, outlets: 1, lang: 'en' },
    ]);
  });

  it.each([
    ['since', { since: new Date(hour(10)) }, [2, 3]],
    ['minOutlets', { minOutlets: 2 }, [1, 2]],
    ['lang', { lang: 'de' }, [2]],
    ['feeds (a tag\'s feeds)', { feeds: ['beta', 'gamma'] }, [1, 2]],
    ['no feed matches', { feeds: ['nowhere'] }, []],
    ['limit', { limit: 2 }, [1, 2]],
    ['all together', { since: new Date(hour(10)), lang: 'en', minOutlets: 1 }, [3]],
  ])('the %s filter', (_name, filter, expected) => {
    const { db } = seeded();
    expect(listStoryRows(db, filter).map((row) => row.id)).toEqual(expected);
  });

  it('coverage: every article of a cluster, copies too, in time order (published, else first seen); several clusters at once', () => {
    const { db, ids } = seeded();
    expect(listCoverage(db, 1)).toEqual([
      { articleId: ids.copy, outlet: 'Beta', publishedAt: hour(1), duplicateGroupId: 1 },
      { articleId: ids.wire, outlet: 'Alpha', publishedAt: hour(2), duplicateGroupId: 1 },
      { articleId: ids.third, outlet: 'Gamma', publishedAt: hour(3), duplicateGroupId: null },
    ]);
    const many = listCoverageOf(db, [2, 1, 99]);
    expect([...many.keys()]).toEqual([2, 1, 99]);
    expect(many.get(1)).toEqual(listCoverage(db, 1));
    expect(many.get(2)?.map((p) => p.articleId)).toEqual([ids.fire, ids.fire2]);
    expect(many.get(99)).toEqual([]);
  });

  it('languages are those with documents, the per-source corpora (control-character keys) left out', () => {
    const { db } = open();
    db.exec(`INSERT INTO term_corpus VALUES ('en', 5), ('de', 2), ('fr', 0), ('\u0001Salpha', 3), ('x1', 1)`);
    expect(listStoryLanguages(db)).toEqual(['de', 'en']);
  });

  it('one article with its feed, story headline, group and stored HTML; an unclustered one without', () => {
    const { db, ids } = seeded();
    expect(getArticle(db, ids.wire)).toMatchObject({
      id: ids.wire, title: 'wire', outlet: 'Alpha', feed: 'alpha', byline: 'A. Writer', cluster: 1, storyHeadline: 'Harbour budget', duplicateGroup: 1,
      text: 'Body', html: '<p>Body</p>', version: 1, publishedAt: hour(2),
    });
    expect(getArticle(db, ids.alone)).toMatchObject({ feed: null, cluster: null, storyHeadline: null, duplicateGroup: null, html: null });
  });
});
