import { afterEach, describe, expect, it } from 'vitest';
import { openEventClusterer } from '../../src/cluster/event-clusterer.js';
import { openEventIndex } from '../../src/store/event-index.js';
import { silhouette, twoMeans } from '../../src/cluster/two-means.js';
import type { TermVector } from '../../src/cluster/term-vector.js';
import { ingest, loadFixture, partition, tempDb, type FixtureArticle, type TempDb } from './cluster-db.js';

const quakes = loadFixture('two-earthquakes');
const napa = ['napa-1', 'napa-2', 'napa-3', 'napa-4'];
const lushan = ['lushan-1', 'lushan-2', 'lushan-3', 'lushan-4'];

let open: TempDb | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

const vec = (entries: Record<string, number>): TermVector => new Map(Object.entries(entries));

describe('two-way split (2-means + silhouette)', () => {
  const groupA = [vec({ quake: 1, napa: 2, wine: 1 }), vec({ quake: 1, napa: 2, valley: 1 }), vec({ napa: 1, wine: 1, valley: 1 })];
  const groupB = [vec({ quake: 1, sichuan: 2, lushan: 1 }), vec({ sichuan: 2, rubble: 1 }), vec({ quake: 1, lushan: 2, sichuan: 1 })];

  it('separates two groups that share only topic vocabulary', () => {
    const side = twoMeans([...groupA, ...groupB]);
    expect(new Set(side.slice(0, 3)).size).toBe(1);
    expect(new Set(side.slice(3)).size).toBe(1);
    expect(side[0]).not.toBe(side[3]);
    expect(silhouette([...groupA, ...groupB], side)).toBeGreaterThan(0.4);
  });

  it('scores an arbitrary split of one coherent group low', () => {
    const one = [vec({ quake: 1, napa: 2, wine: 1 }), vec({ quake: 1, napa: 2, wine: 1.2 }), vec({ quake: 1.1, napa: 2, wine: 1 }), vec({ quake: 1, napa: 2.2, wine: 1 })];
    expect(silhouette(one, [0, 0, 1, 1])).toBeLessThan(0.4);
  });
});

describe('EventClusterer.settle()', () => {
  // threshold 0: every article joins the best candidate cluster, so the two earthquakes end up in one cluster
  // (the single-pass mistake settle() exists to undo).
  const greedy = { threshold: 0, mergeThreshold: 1, rebalanceNeighbours: 0, windowHours: null, lshThreshold: 0.01 };

  function lumped(articles: readonly FixtureArticle[]): TempDb {
    open = tempDb();
    const clusterer = openEventClusterer(openEventIndex(open.db), greedy);
    for (const a of articles) ingest(open.db, clusterer, a);
    return open;
  }

  it('splits a cluster whose members form two well-separated events', () => {
    open = tempDb();
    const clusterer = openEventClusterer(openEventIndex(open.db), greedy);
    const order = ['napa-1', 'lushan-1', 'napa-2', 'lushan-2', 'napa-3', 'lushan-3', 'napa-4', 'lushan-4'];
    for (const key of order) ingest(open.db, clusterer, byKey(key));
    expect(partition(open.db)).toHaveLength(1);
    const result = clusterer.settle();
    expect(result.created).toHaveLength(1);
    expect(partition(open.db)).toEqual([lushan, napa]);
    const counts = open.db.prepare('SELECT article_count FROM clusters WHERE merged_into IS NULL AND article_count > 0 ORDER BY id').pluck().all();
    expect(counts).toEqual([4, 4]);
  });

  it('keeps copies of one duplicate group on the same side of a split', () => {
    const copy: FixtureArticle = { ...byKey('lushan-2'), key: 'napa-wire', source: 'Wire', duplicateGroup: 9 };
    const interleaved = ['napa-1', 'lushan-1', 'napa-2', 'lushan-2', 'napa-3', 'lushan-3', 'napa-4', 'lushan-4'].map(byKey);
    const articles = [...interleaved.map((a) => (a.key === 'napa-1' ? { ...a, duplicateGroup: 9 } : a)), copy];
    const { db } = lumped(articles);
    expect(partition(db)).toHaveLength(1);
    const clusterer = openEventClusterer(openEventIndex(db), greedy);
    // A fresh clusterer has touched nothing: settle() is a no-op.
    expect(clusterer.settle()).toEqual({ created: [], mergedFrom: [] });
    const id = Number(db.prepare(`SELECT id FROM articles WHERE item_key = 'napa-4'`).pluck().get());
    const a = byKey('napa-4');
    clusterer.reassign({ id, title: a.title, text: a.text, lang: 'en', time: a.time, source: a.source, duplicateGroupId: null });
    expect(clusterer.settle().created).toHaveLength(1);
    expect(partition(db)).toHaveLength(2);
    const together = partition(db).find((keys) => keys.includes('napa-1'));
    expect(together).toContain('napa-wire');
  });

  it.each([1, 3, 5])('keeps the right two clusters when settle() runs after every batch of %i, default config', (batch) => {
    open = tempDb();
    const clusterer = openEventClusterer(openEventIndex(open.db), { windowHours: null });
    const order = [...quakes].sort((x, y) => x.time.localeCompare(y.time) || x.key.localeCompare(y.key));
    order.forEach((a, i) => {
      ingest(open?.db ?? fail(), clusterer, a);
      if ((i + 1) % batch === 0 || i === order.length - 1) clusterer.settle();
    });
    expect(partition(open.db)).toEqual([lushan, napa]);
  });

  it('does not split one event', () => {
    const { db } = lumped(quakes.filter((a) => a.event === 'napa'));
    const clusterer = openEventClusterer(openEventIndex(db), greedy);
    const id = Number(db.prepare(`SELECT id FROM articles WHERE item_key = 'napa-4'`).pluck().get());
    const a = byKey('napa-4');
    clusterer.reassign({ id, title: a.title, text: a.text, lang: 'en', time: a.time, source: a.source, duplicateGroupId: null });
    expect(clusterer.settle().created).toEqual([]);
    expect(partition(db)).toEqual([napa]);
  });
});

function byKey(key: string): FixtureArticle {
  const a = quakes.find((x) => x.key === key);
  if (a === undefined) throw new Error(`fixture has no ${key}`);
  return a;
}

function fail(): never {
  throw new Error('no open database');
}
