import { afterEach, describe, expect, it } from 'vitest';
import type { EventClusterConfig } from '../../src/cluster/cluster-config.js';
import { openEventClusterer } from '../../src/cluster/event-clusterer.js';
import { openEventIndex } from '../../src/store/event-index.js';
import { ingest, loadFixture, partition, shuffled, tempDb, type FixtureArticle, type TempDb } from './cluster-db.js';

const quakes = loadFixture('two-earthquakes');
const syndicated: FixtureArticle[] = [
  // Wire copies: the duplicate index put each in the same group as its original.
  { ...first('napa-1'), key: 'napa-1-copy', source: 'Valley Gazette (AP)', duplicateGroup: 1 },
  { ...first('lushan-2'), key: 'lushan-2-copy', source: 'Metro Star (Reuters)', duplicateGroup: 2 },
];
const withGroups = quakes.map((a) =>
  a.key === 'napa-1' ? { ...a, duplicateGroup: 1 } : a.key === 'lushan-2' ? { ...a, duplicateGroup: 2 } : a,
);
const all = [...withGroups, ...syndicated];
const expected = [
  ['lushan-1', 'lushan-2', 'lushan-2-copy', 'lushan-3', 'lushan-4'],
  ['napa-1', 'napa-1-copy', 'napa-2', 'napa-3', 'napa-4'],
];

function first(key: string): FixtureArticle {
  const a = quakes.find((x) => x.key === key);
  if (a === undefined) throw new Error(`fixture has no ${key}`);
  return a;
}

let open: TempDb | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

function run(articles: readonly FixtureArticle[], config: Partial<EventClusterConfig> = {}): TempDb {
  open = tempDb();
  const clusterer = openEventClusterer(openEventIndex(open.db), config);
  // One batch: the k-means step of settle() is part of what makes the result independent of arrival order.
  for (const a of articles) ingest(open.db, clusterer, a);
  clusterer.settle();
  return open;
}

function timeOrder(articles: readonly FixtureArticle[]): FixtureArticle[] {
  return [...articles].sort((a, b) => a.time.localeCompare(b.time) || a.key.localeCompare(b.key));
}

describe('event clusterer', () => {
  it('puts two similar but distinct earthquakes into exactly two clusters, copies included', () => {
    const { db } = run(timeOrder(all));
    expect(partition(db)).toEqual(expected);
  });

  it.each([1, 2, 3, 4, 5])('gives the same clusters for shuffled arrival (seed %i), without a time window', (seed) => {
    const { db } = run(shuffled(all, seed), { windowHours: null });
    expect(partition(db)).toEqual(expected);
  });

  it('stamps the rows it writes with the clock it is handed, never the wall clock', () => {
    open = tempDb();
    const clock = new Date('2031-05-06T07:08:09.000Z');
    const clusterer = openEventClusterer(openEventIndex(open.db), {}, () => clock);
    for (const a of timeOrder(all)) ingest(open.db, clusterer, a);
    const stamps = open.db.prepare('SELECT DISTINCT created_at, updated_at FROM clusters').all();
    expect(stamps).toEqual([{ created_at: clock.toISOString(), updated_at: clock.toISOString() }]);
  });

  it('fills the cluster row: central headline, times, counts and distinct outlets', () => {
    const { db } = run(timeOrder(all));
    const row = db
      .prepare(
        `SELECT c.headline, c.first_seen_at AS first, c.last_updated_at AS last, c.article_count AS n, c.outlet_count AS outlets,
                c.representative_article_id AS rep, c.merged_into
         FROM clusters c JOIN articles a ON a.cluster_id = c.id WHERE a.item_key = 'napa-2'`,
      )
      .get();
    expect(row).toMatchObject({
      first: '2026-03-02T10:20:00.000Z',
      last: '2026-03-03T08:15:00.000Z',
      n: 5,
      outlets: 5,
      merged_into: null,
    });
    const headlines = quakes.filter((a) => a.event === 'napa').map((a) => a.title);
    expect(headlines).toContain(Reflect.get(row ?? {}, 'headline'));
  });

  it('keeps articles of the same kind of event apart when they lie outside the time window', () => {
    const later = first('napa-2');
    const { db } = run([first('napa-1'), { ...later, key: 'napa-2-late', time: '2026-06-01T00:00:00.000Z' }], { windowHours: 72 });
    expect(partition(db)).toEqual([['napa-1'], ['napa-2-late']]);
  });

  it('joins the cluster of the article’s duplicate group even when the wording alone would not', () => {
    const { db } = run([
      { ...first('napa-1'), duplicateGroup: 7 },
      { ...first('lushan-1'), key: 'odd-copy', title: 'Brief', text: 'Unrelated short text about gardening.', duplicateGroup: 7 },
    ]);
    expect(partition(db)).toEqual([['napa-1', 'odd-copy']]);
  });

  it('merges two clusters when a later article bridges them, recording the merge', () => {
    const config = { threshold: 0.3, mergeThreshold: 0.35, rebalanceNeighbours: 0, windowHours: null };
    open = tempDb();
    const { db } = open;
    const clusterer = openEventClusterer(openEventIndex(db), config);
    const base = { event: 'x', time: '2026-03-02T10:00:00.000Z' };
    const a = ingest(db, clusterer, {
      ...base,
      key: 'a',
      source: 'A',
      title: 'Volcano erupts on Karimun island',
      text: 'Lava flows from the Karimun volcano toward fishing villages.',
    });
    const b = ingest(db, clusterer, {
      ...base,
      key: 'b',
      source: 'B',
      title: 'Airline pilots strike at Batavia airport',
      text: 'Pilots of Batavia Air walk out over pay, grounding flights.',
    });
    expect(b.assignment.created).toBe(true);
    expect(b.assignment.clusterId).not.toBe(a.assignment.clusterId);
    const bridge = ingest(db, clusterer, {
      ...base,
      key: 'c',
      source: 'C',
      title: 'Volcano erupts on Karimun island as pilots strike at Batavia airport',
      text: 'Lava flows from the Karimun volcano toward fishing villages. Pilots of Batavia Air walk out over pay, grounding flights.',
    });
    expect(bridge.assignment.mergedFrom).toHaveLength(1);
    expect(partition(db)).toEqual([['a', 'b', 'c']]);
    const merged = bridge.assignment.mergedFrom[0];
    const survivor = bridge.assignment.clusterId;
    expect(db.prepare('SELECT merged_into FROM clusters WHERE id = ?').pluck().get(merged)).toBe(survivor);
    expect(db.prepare('SELECT survivor_id, merged_id, bridging_article_id FROM cluster_merges').all()).toEqual([
      { survivor_id: survivor, merged_id: merged, bridging_article_id: bridge.id },
    ]);
    expect(db.prepare('SELECT article_count FROM clusters WHERE id = ?').pluck().get(survivor)).toBe(3);
  });

  it('keeps an updated article in its cluster unless it clearly belongs elsewhere', () => {
    const { db } = run(timeOrder(quakes));
    const clusterer = openEventClusterer(openEventIndex(db));
    const napa3 = db.prepare(`SELECT id, cluster_id FROM articles WHERE item_key = 'napa-3'`).get();
    const id = Number(Reflect.get(napa3 ?? {}, 'id'));
    const before = Number(Reflect.get(napa3 ?? {}, 'cluster_id'));
    const a = first('napa-3');
    const same = clusterer.reassign({
      id,
      title: `${a.title} (updated)`,
      text: `${a.text}\nUpdated with new figures.`,
      lang: 'en',
      time: a.time,
      source: a.source,
      duplicateGroupId: null,
    });
    expect(same.clusterId).toBe(before);
    const l = first('lushan-3');
    db.prepare('UPDATE articles SET title = ?, text = ? WHERE id = ?').run(l.title, l.text, id);
    const moved = clusterer.reassign({
      id,
      title: l.title,
      text: l.text,
      lang: 'en',
      time: l.time,
      source: a.source,
      duplicateGroupId: null,
    });
    const lushan = db.prepare(`SELECT cluster_id FROM articles WHERE item_key = 'lushan-1'`).pluck().get();
    expect(moved.clusterId).toBe(lushan);
  });

  it('clusters headline-only articles with the title-only threshold', () => {
    const t = '2026-03-11T10:00:00.000Z';
    const heads: FixtureArticle[] = [
      ['t1', 'Microsoft counts on Titanfall to fire up Xbox One sales'],
      ['m1', 'Malaysia Airlines flight MH370 search widens to Andaman Sea'],
      ['t2', 'Titanfall launch hit by Xbox Live sign-in problems'],
      ['m2', 'Missing Malaysia Airlines jet: MH370 search enters fifth day'],
      ['t3', 'Titanfall review: Xbox One shooter worth the hype'],
      ['m3', 'Vietnam scales back search for missing Malaysia Airlines plane'],
    ].map(([key = '', title = '']) => ({ key, event: key.charAt(0), source: `outlet-${key}`, time: t, title, text: '' }));
    for (const seed of [1, 2, 3]) {
      const { db } = run(shuffled(heads, seed));
      expect(partition(db)).toEqual([
        ['m1', 'm2', 'm3'],
        ['t1', 't2', 't3'],
      ]);
      open?.close();
      open = null;
    }
  });

  it('does not merge two headline clusters whose likeness rests on one shared name', () => {
    const t = '2026-03-11T10:00:00.000Z';
    const headline = ([key = '', title = '']: string[]): FixtureArticle => ({
      key,
      event: key.replace(/\d+$/, ''),
      source: `outlet-${key}`,
      time: t,
      title,
      text: '',
    });
    // Other news of the day, so that "Google" is a distinctive word and not everyday vocabulary.
    const background = [
      'Malaysia Airlines flight MH370 search widens to Andaman Sea',
      'Vietnam scales back search for missing Malaysia Airlines plane',
      'Mt. Gox files for bankruptcy protection in the United States',
      'Bitcoin exchange Mt. Gox seeks US court protection',
      'Miley Cyrus fan arrested after sneaking into dressing room',
      'Teen arrested in Miley Cyrus dressing room break-in',
      'Stocks slip as weak China export data weighs on markets',
      'Wall Street closes lower after China trade figures',
      'GM names legal heavyweight to lead recall probe',
      'Federal prosecutors open criminal probe into GM recall',
      'Colorado collects $2 million in first month of marijuana taxes',
      'Marijuana tax haul in Colorado beats forecasts',
      'Snowden tells SXSW audience that encryption works',
      'Edward Snowden speaks at South by Southwest via video link',
      'Juan Pablo picks Nikki in The Bachelor finale',
      'The Bachelor finale ends without a proposal from Juan Pablo',
    ].map((title, i) => headline([`bg${i}`, title]));
    // Two different Google stories: a smartwatch software kit and a reseller bounty.
    const stories = [
      ['watch1', 'Smartwatch software preview from Google'],
      ['watch2', 'Google smartwatch software shown to developers'],
      ['watch3', 'Developers get smartwatch software kit from Google'],
      ['watch4', 'Google previews smartwatch software for developers'],
      ['bounty1', 'Referral bounty of $15 for resellers'],
      ['bounty2', 'Google referral bounty: $15 per reseller signup'],
      ['bounty3', 'Resellers offered $15 referral bounty by Google'],
      ['bounty4', 'Google pays resellers a $15 referral bounty'],
    ].map(headline);
    const ingestAll = (config: Partial<EventClusterConfig>): { merges: string[]; db: TempDb['db']; settle: () => void } => {
      open?.close();
      const { db } = (open = tempDb());
      const clusterer = openEventClusterer(openEventIndex(db), config);
      for (const a of background) ingest(db, clusterer, a);
      clusterer.settle();
      const merges = stories.filter((a) => ingest(db, clusterer, a).assignment.mergedFrom.length > 0).map((a) => a.key);
      return { merges, db, settle: () => clusterer.settle() };
    };
    const storyGroups = (db: TempDb['db']): string[][] => partition(db).filter((group) => !group.some((key) => key.startsWith('bg')));
    // Without the guard, the last bounty headline merges the two clusters: their centroids meet on "google" alone.
    const unguarded = ingestAll({ mergeResidual: 0 });
    expect(unguarded.merges).toEqual(['bounty4']);
    expect(storyGroups(unguarded.db)).toEqual([stories.map((a) => a.key).sort()]);
    // With it (the default), they stay two stories, also after the batch settles.
    const guarded = ingestAll({});
    expect(guarded.merges).toEqual([]);
    guarded.settle();
    expect(storyGroups(guarded.db)).toEqual([
      ['bounty1', 'bounty2', 'bounty3', 'bounty4'],
      ['watch1', 'watch2', 'watch3', 'watch4'],
    ]);
  });

  it('rejects an invalid config with a config error naming the key', () => {
    open = tempDb();
    const db = open.db;
    expect(() => openEventClusterer(openEventIndex(db), { threshold: Number.NaN })).toThrow(
      'config: cluster.threshold: expected a non-negative number, got NaN',
    );
    expect(() => openEventClusterer(openEventIndex(db), { windowHours: 0 })).toThrow(
      'config: cluster.windowHours: expected a positive number or null, got 0',
    );
  });

  it('starts a cluster of its own for an article with no usable terms', () => {
    const { db } = run([first('napa-1'), { ...first('napa-2'), key: 'empty', title: '…', text: '' }]);
    expect(partition(db)).toEqual([['empty'], ['napa-1']]);
  });
});
