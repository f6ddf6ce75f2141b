import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  addToClusterStats,
  articleCluster,
  clusterMemberIds,
  coverageSpan,
  createCluster,
  duplicateGroupCluster,
  getIndexedCluster,
  mergeClusterRows,
  recentMembers,
  refreshClusterStats,
  resolveCluster,
  setArticleCluster,
  setRepresentative,
  settleMembers,
  memberFacts,
  sourceMemberCount,
} from '../../src/store/event-clusters.js';
import { addBands, addToCentroid, bandCandidates, readCentroid } from '../../src/store/event-vectors.js';
import { addArticle, addCluster } from '../helpers/store-rows.js';
import { hour } from '../helpers/story-fixture.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

type Db = Database.Database;
const now = hour(20);

/** Stores an article published at hour `h` from `source` and puts it in `clusterId`; returns its id. */
function member(db: Db, clusterId: number, key: string, h: number, fields: Parameters<typeof addArticle>[2] = {}): number {
  const id = addArticle(db, key, { source: 'Alpha', publishedAt: hour(h), ...fields });
  setArticleCluster(db, id, clusterId);
  return id;
}

/** A cluster created for a new article `key` published at hour `h` (its first member). */
function cluster(db: Db, key: string, h: number, source = 'Alpha'): { id: number; first: number } {
  const first = addArticle(db, key, { source, publishedAt: hour(h), title: `Title ${key}` });
  const id = createCluster(db, first, 'en', hour(h), now);
  setArticleCluster(db, first, id);
  return { id, first };
}

describe('store/event-clusters', () => {
  const open = tempDatabasePerTest();

  it('a new cluster takes its first article as representative and headline, stats empty until refreshed; unknown ids are null', () => {
    const { db } = open();
    const { id, first } = cluster(db, 'a', 3);
    expect(getIndexedCluster(db, id)).toEqual({
      id,
      representativeArticleId: first,
      lang: 'en',
      firstSeenAt: hour(3),
      lastUpdatedAt: hour(3),
      articleCount: 0,
      mergedInto: null,
    });
    expect(db.prepare('SELECT headline FROM clusters WHERE id = ?').pluck().get(id)).toBe('Title a');
    expect(getIndexedCluster(db, id + 1)).toBeNull();
    expect(resolveCluster(db, id + 1)).toBeNull();
  });

  it("membership: an article's cluster, null when unclustered or unknown; another group member's cluster", () => {
    const { db } = open();
    const { id } = cluster(db, 'a', 1);
    const copyA = addArticle(db, 'copy-a', { group: 7 });
    const copyB = addArticle(db, 'copy-b', { group: 7 });
    expect(articleCluster(db, copyA)).toBeNull();
    expect(articleCluster(db, 999)).toBeNull();
    expect(duplicateGroupCluster(db, 7, copyB)).toBeNull();
    setArticleCluster(db, copyA, id);
    expect(articleCluster(db, copyA)).toBe(id);
    expect(duplicateGroupCluster(db, 7, copyB)).toBe(id);
    expect(duplicateGroupCluster(db, 7, copyA)).toBeNull(); // its own cluster does not count
  });

  it('refreshing stats: article and outlet counts, first and last time (published, else first seen); member lists', () => {
    const { db } = open();
    const { id, first } = cluster(db, 'a', 5);
    const late = member(db, id, 'late', 9, { source: 'Beta' });
    const early = member(db, id, 'early', 2);
    const unpublished = member(db, id, 'unpublished', 0, { publishedAt: null, seenAt: hour(7) });
    refreshClusterStats(db, id, now);
    expect(getIndexedCluster(db, id)).toMatchObject({ articleCount: 4, firstSeenAt: hour(2), lastUpdatedAt: hour(9) });
    expect(db.prepare('SELECT outlet_count, updated_at FROM clusters WHERE id = ?').get(id)).toEqual({ outlet_count: 2, updated_at: now });
    expect([sourceMemberCount(db, id, 'Alpha'), sourceMemberCount(db, id, 'Beta'), sourceMemberCount(db, id, 'Gamma')]).toEqual([3, 1, 0]);
    expect(clusterMemberIds(db, id, 10)).toEqual([early, first, unpublished, late]);
    expect(clusterMemberIds(db, id, 2)).toEqual([early, first]);
  });

  it("a member's facts for a move decision: its time (published, else first seen), source and whether it is headline-only", () => {
    const { db } = open();
    const full = addArticle(db, 'full', { source: 'Alpha', publishedAt: hour(3), text: 'The council voted on the harbour budget.' });
    const headline = addArticle(db, 'headline', { source: 'Beta', publishedAt: null, seenAt: hour(6), text: '  ' });
    expect(memberFacts(db, full)).toEqual({ time: hour(3), source: 'Alpha', titleOnly: false });
    expect(memberFacts(db, headline)).toEqual({ time: hour(6), source: 'Beta', titleOnly: true });
    expect(memberFacts(db, 999)).toBeNull();
  });

  it('counting one joining article matches a full refresh, an outlet already present counted once', () => {
    const { db } = open();
    const { id } = cluster(db, 'a', 5);
    refreshClusterStats(db, id, now);
    const row = () => db.prepare('SELECT article_count, outlet_count, first_seen_at, last_updated_at FROM clusters WHERE id = ?').get(id);
    addToClusterStats(db, id, member(db, id, 'b', 8), now);
    addToClusterStats(db, id, member(db, id, 'c', 1, { source: 'Beta' }), now);
    const incremental = row();
    expect(incremental).toEqual({ article_count: 3, outlet_count: 2, first_seen_at: hour(1), last_updated_at: hour(8) });
    refreshClusterStats(db, id, now);
    expect(row()).toEqual(incremental);
  });

  it('a representative brings its title as the headline', () => {
    const { db } = open();
    const { id } = cluster(db, 'a', 1);
    const b = member(db, id, 'b', 2, { title: 'Better headline' });
    setRepresentative(db, id, b);
    expect(getIndexedCluster(db, id)?.representativeArticleId).toBe(b);
    expect(db.prepare('SELECT headline FROM clusters WHERE id = ?').pluck().get(id)).toBe('Better headline');
  });

  it('merging moves members, centroid and bands to the survivor, forwards the loser and records the merge', () => {
    const { db } = open();
    const survivor = cluster(db, 's', 1);
    const loser = cluster(db, 'l', 2, 'Beta');
    addToCentroid(db, survivor.id, new Map([['harbour', 1]]));
    addToCentroid(
      db,
      loser.id,
      new Map([
        ['harbour', 0.5],
        ['vote', 0.5],
      ]),
    );
    addBands(db, loser.id, [40, 41]);
    readCentroid(db, loser.id);
    mergeClusterRows(db, survivor.id, loser.id, loser.first, 0.42, now);
    expect(articleCluster(db, loser.first)).toBe(survivor.id);
    expect(Object.fromEntries(readCentroid(db, survivor.id))).toEqual({ harbour: 1.5, vote: 0.5 });
    expect(readCentroid(db, loser.id).size).toBe(0);
    expect(db.prepare('SELECT count(*) FROM cluster_terms WHERE cluster_id = ?').pluck().get(loser.id)).toBe(0);
    expect(bandCandidates(db, [40, 41], 10)).toEqual(new Map([[survivor.id, 2]]));
    expect(getIndexedCluster(db, loser.id)).toMatchObject({ mergedInto: survivor.id, articleCount: 0 });
    expect(resolveCluster(db, loser.id)?.id).toBe(survivor.id);
    expect(db.prepare('SELECT survivor_id, merged_id, bridging_article_id, similarity, merged_at FROM cluster_merges').all()).toEqual([
      { survivor_id: survivor.id, merged_id: loser.id, bridging_article_id: loser.first, similarity: 0.42, merged_at: now },
    ]);
  });

  it('earlier merges into a loser forward straight to the new survivor: chains stay one hop long', () => {
    const { db } = open();
    const a = cluster(db, 'a', 1).id;
    const b = cluster(db, 'b', 2).id;
    const c = cluster(db, 'c', 3).id;
    mergeClusterRows(db, b, c, null, 0.3, now);
    mergeClusterRows(db, a, b, null, 0.3, now);
    expect([getIndexedCluster(db, b)?.mergedInto, getIndexedCluster(db, c)?.mergedInto]).toEqual([a, a]);
    expect(resolveCluster(db, c)?.id).toBe(a);
    expect(clusterMemberIds(db, a, 10)).toHaveLength(3);
  });

  it('resolveCluster follows a longer chain written by hand, and stops on a cycle instead of hanging', () => {
    const { db } = open();
    db.transaction(() => {
      addCluster(db, { id: 1 });
      addCluster(db, { id: 2, mergedInto: 1 });
      addCluster(db, { id: 3, mergedInto: 2 });
    })();
    expect(resolveCluster(db, 3)?.id).toBe(1);
    db.pragma('foreign_keys = OFF');
    addCluster(db, { id: 5, mergedInto: 6 });
    addCluster(db, { id: 6, mergedInto: 5 });
    expect(resolveCluster(db, 5)?.mergedInto).not.toBeNull();
  });

  it('coverage span: member times at the two quantiles, one stray member moves neither end; null when empty', () => {
    const { db } = open();
    const { id } = cluster(db, 'h0', 0);
    for (let h = 1; h <= 9; h++) member(db, id, `h${h}`, h);
    member(db, id, 'stray', 23);
    expect(coverageSpan(db, { id, articleCount: 11 }, 0.1, 0.9)).toEqual({
      start: Date.parse(hour(1)),
      end: Date.parse(hour(9)),
      members: 11,
    });
    const empty = createCluster(db, addArticle(db, 'lonely'), 'en', hour(1), now);
    expect(coverageSpan(db, { id: empty, articleCount: 0 }, 0.1, 0.9)).toBeNull();
  });

  it('coverage span is cached while the cluster is small, and read again after its stats are refreshed', () => {
    const { db } = open();
    const { id } = cluster(db, 'a', 1);
    member(db, id, 'b', 3);
    expect(coverageSpan(db, { id, articleCount: 2 }, 0, 1)).toEqual({ start: Date.parse(hour(1)), end: Date.parse(hour(3)), members: 2 });
    member(db, id, 'c', 9);
    expect(coverageSpan(db, { id, articleCount: 3 }, 0, 1)?.end).toBe(Date.parse(hour(3)));
    refreshClusterStats(db, id, now);
    expect(coverageSpan(db, { id, articleCount: 3 }, 0, 1)).toEqual({ start: Date.parse(hour(1)), end: Date.parse(hour(9)), members: 3 });
  });

  it('recent and settle members: newest first, limited, with group sizes, groups and headline-only flags', () => {
    const { db } = open();
    const { id, first } = cluster(db, 'a', 1);
    const copy1 = member(db, id, 'copy1', 2, { group: 3, text: 'Body text.' });
    const copy2 = member(db, id, 'copy2', 3, { group: 3, text: 'Body text.' });
    const bare = member(db, id, 'bare', 4, { text: '   ' });
    expect(recentMembers(db, id, 10)).toEqual([
      { id: bare, copies: 1 },
      { id: copy2, copies: 2 },
      { id: copy1, copies: 2 },
      { id: first, copies: 1 },
    ]);
    expect(recentMembers(db, id, 2).map((m) => m.id)).toEqual([bare, copy2]);
    expect(settleMembers(db, id, 3)).toEqual([
      { id: bare, groupId: null, titleOnly: true },
      { id: copy2, groupId: 3, titleOnly: false },
      { id: copy1, groupId: 3, titleOnly: false },
    ]);
    expect(settleMembers(db, id + 1, 3)).toEqual([]);
  });
});
