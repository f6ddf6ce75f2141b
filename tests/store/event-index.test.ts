import { describe, expect, it } from 'vitest';
import type { EventIndex } from '../../src/cluster/event-index-port.js';
import { openEventIndex } from '../../src/store/event-index.js';
import { addArticle } from '../helpers/store-rows.js';
import { hour } from '../helpers/story-fixture.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

/** Every method of the port, so a method added to it without a binding here fails to compile (and this test). */
const PORT_METHODS = {
  addDocumentTerms: true,
  addTermCases: true,
  termCases: true,
  sourceCorpus: true,
  corpusDocs: true,
  dfLookup: true,
  flush: true,
  loadCentroid: true,
  readCentroid: true,
  addToCentroid: true,
  pruneCentroid: true,
  saveArticleTerms: true,
  loadArticleTerms: true,
  addBands: true,
  bandCandidates: true,
  createCluster: true,
  getIndexedCluster: true,
  resolveCluster: true,
  articleCluster: true,
  setArticleCluster: true,
  duplicateGroupCluster: true,
  memberFacts: true,
  sourceMemberCount: true,
  clusterMemberIds: true,
  recentMembers: true,
  refreshClusterStats: true,
  coverageSpan: true,
  addToClusterStats: true,
  setRepresentative: true,
  mergeClusterRows: true,
  settleMembers: true,
} satisfies Record<keyof EventIndex, true>;

describe('store/event-index', () => {
  const open = tempDatabasePerTest();

  it('binds every method of the EventIndex port, and nothing else', () => {
    const index: EventIndex = openEventIndex(open().db);
    expect(Object.keys(index).sort()).toEqual(Object.keys(PORT_METHODS).sort());
    for (const [name, method] of Object.entries(index)) expect(typeof method, name).toBe('function');
  });

  it('a round trip through the bound methods writes to its own connection only', () => {
    const { db } = open();
    const other = open().db;
    const index: EventIndex = openEventIndex(db);
    const a = addArticle(db, 'a', { source: 'Alpha', publishedAt: hour(1), title: 'Harbour budget' });
    const b = addArticle(db, 'b', { source: 'Beta', publishedAt: hour(4) });
    index.addDocumentTerms('en', ['harbour']);
    index.addTermCases('en', ['harbour'], []);
    const cluster = index.createCluster(a, 'en', hour(1), hour(5));
    index.setArticleCluster(a, cluster);
    index.setArticleCluster(b, cluster);
    index.refreshClusterStats(cluster, hour(5));
    index.addToCentroid(
      cluster,
      new Map([
        ['harbour', 1],
        ['budget', 1],
      ]),
    );
    index.pruneCentroid(cluster, new Set(['harbour']));
    index.saveArticleTerms(a, new Map([['harbour', 1]]));
    index.addBands(cluster, [5, 6]);
    expect([index.corpusDocs('en'), index.dfLookup('en')('harbour'), index.termCases('en', 'harbour')]).toEqual([
      1,
      1,
      { capitalised: 1, lowercase: 0 },
    ]);
    expect(index.resolveCluster(cluster)).toMatchObject({ id: cluster, articleCount: 2, firstSeenAt: hour(1), lastUpdatedAt: hour(4) });
    expect([index.articleCluster(b), index.sourceMemberCount(cluster, 'Beta'), index.clusterMemberIds(cluster, 5)]).toEqual([
      cluster,
      1,
      [a, b],
    ]);
    expect(Object.fromEntries(index.loadCentroid(cluster))).toEqual({ harbour: 1 });
    expect(index.bandCandidates([5, 6], 3)).toEqual(new Map([[cluster, 2]]));
    expect(index.coverageSpan({ id: cluster, articleCount: 2 }, 0, 1)).toEqual({
      start: Date.parse(hour(1)),
      end: Date.parse(hour(4)),
      members: 2,
    });
    expect(index.sourceCorpus('Alpha')).not.toBe('Alpha');
    expect(openEventIndex(other).corpusDocs('en')).toBe(0);
    expect(openEventIndex(other).getIndexedCluster(cluster)).toBeNull();
    // A second object on the same connection sees the same rows (and shares its caches).
    expect(openEventIndex(db).readCentroid(cluster)).toBe(index.readCentroid(cluster));
  });
});
