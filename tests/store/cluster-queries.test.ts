import { describe, expect, it } from 'vitest';
import { getCluster, listClusters } from '../../src/store/cluster-queries.js';
import { addCluster } from '../helpers/store-rows.js';
import { hour, seedStories } from '../helpers/story-fixture.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

describe('store/cluster-queries', () => {
  const open = tempDatabasePerTest();
  const seeded = () => {
    const store = open();
    seedStories(store.db);
    return store;
  };

  it('an empty database: no clusters, no cluster 1', () => {
    const { db } = open();
    expect(listClusters(db)).toEqual([]);
    expect(getCluster(db, 1)).toBeNull();
  });

  it('lists surviving clusters by outlets, articles, then most recent, with their outlet names; filters and limit apply', () => {
    const { db } = seeded();
    expect(listClusters(db).map((c) => [c.id, c.outlets, c.outletNames])).toEqual([
      [1, 3, ['Alpha', 'Beta', 'Gamma']],
      [2, 2, ['Alpha', 'Beta']],
      [3, 1, ['Alpha']],
    ]);
    expect(listClusters(db, { minOutlets: 2 }).map((c) => c.id)).toEqual([1, 2]);
    expect(listClusters(db, { since: new Date(hour(10)) }).map((c) => c.id)).toEqual([2, 3]);
    expect(listClusters(db, { limit: 1 }).map((c) => c.id)).toEqual([1]);
  });

  it("a cluster in detail: members in time order, copies folded under the group's earliest, merged clusters named", () => {
    const { db } = seeded();
    const cluster = getCluster(db, 1);
    expect(cluster).toMatchObject({ id: 1, headline: 'Harbour budget', articles: 4, outlets: 3, mergedFrom: [4] });
    expect(cluster?.members.map((m) => [m.title, m.outlet, m.copies.map((c) => c.outlet)])).toEqual([
      ['Dredging debate', 'Gamma', []],
      ['Harbour budget approved', 'Alpha', ['Beta']],
      ['Ferry fares frozen', 'Gamma', []],
    ]);
    expect(cluster?.members[1]?.copies).toEqual([{ id: expect.any(Number), outlet: 'Beta', url: 'https://beta.example/copy' }]);
  });

  it("a merged cluster's id leads to its survivor; an unknown id and a merge cycle to null", () => {
    const { db } = seeded();
    expect(getCluster(db, 4)?.id).toBe(1);
    expect(getCluster(db, 99)).toBeNull();
    // A damaged database with a cycle must not hang the lookup.
    db.pragma('foreign_keys = OFF');
    addCluster(db, { id: 5, mergedInto: 6 });
    addCluster(db, { id: 6, mergedInto: 5 });
    expect(getCluster(db, 5)).toBeNull();
  });
});
