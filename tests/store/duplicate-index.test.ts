import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Fingerprint } from '../../src/model.js';
import {
  countStaleEntries,
  openDuplicateStore,
  removeFromDuplicateIndex,
  staleEntries,
  staleIndexLayout,
  type BandKeys,
  type DuplicateIndexLayout,
} from '../../src/store/duplicate-index.js';
import { addArticle } from '../helpers/store-rows.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

/** Band `b`'s key: the band number in the thousands, its first row's value below (readable, and enough here). */
const bandKeys: BandKeys = (signature, bands, rows) => Array.from({ length: bands }, (_, b) => b * 1000 + (signature[b * rows] ?? 0));

const LSH = { bands: 2, rows: 2 };
const LAYOUT: DuplicateIndexLayout = { numPerm: 4, shingleSize: 3, seed: 1, ...LSH };

/** A fingerprint of the test layout whose bands have keys `k0` and `1000 + k1`. */
function fp(k0: number, k1: number, textHash = `hash-${k0}-${k1}`, shingles = Uint32Array.from([1, 2, 3])): Fingerprint {
  return { params: { numPerm: 4, shingleSize: 3, seed: 1 }, signature: Uint32Array.from([k0, 0, k1, 0]), shingles, textHash };
}

const bandRows = (db: Database.Database) => db.prepare('SELECT key, article_id AS id FROM lsh_bands ORDER BY key, article_id').all();

describe('store/duplicate-index', () => {
  const open = tempDatabasePerTest();
  const setUp = () => {
    const { db } = open();
    return { db, index: openDuplicateStore(db, LSH, bandKeys) };
  };

  it("stores an article's fingerprint and band rows, and reads the fingerprint back; absent rows are undefined", () => {
    const { db, index } = setUp();
    const a = addArticle(db, 'a');
    const print = fp(7, 8);
    index.store(a, print, 'https://a.example/1');
    expect(index.fingerprint(a)).toEqual(print);
    expect(bandRows(db)).toEqual([
      { key: 7, id: a },
      { key: 1008, id: a },
    ]);
    expect(index.fingerprint(a + 1)).toBeUndefined();
    expect(db.prepare('SELECT lsh_bands, lsh_rows, canonical_url FROM article_fingerprints').get()).toEqual({
      lsh_bands: 2,
      lsh_rows: 2,
      canonical_url: 'https://a.example/1',
    });
  });

  it("an article's group: its id, null when unset, undefined when there is no such article", () => {
    const { db, index } = setUp();
    const grouped = addArticle(db, 'g', { group: 5 });
    const loose = addArticle(db, 'l');
    expect([index.groupOf(grouped), index.groupOf(loose), index.groupOf(999)]).toEqual([5, null, undefined]);
    expect(index.groups).toBeDefined();
  });

  it('lookups by canonical URL, by text hash and by shared band keys, newest first', () => {
    const { db, index } = setUp();
    const ids = ['a', 'b', 'c'].map((key) => addArticle(db, key));
    const [a = 0, b = 0, c = 0] = ids;
    index.store(a, fp(1, 2, 'same'), 'https://x.example/story');
    index.store(b, fp(1, 3, 'same'), 'https://x.example/story');
    index.store(c, fp(4, 3, 'other'), null);
    expect(index.byUrl('https://x.example/story')).toEqual([b, a]);
    expect(index.byUrl('https://x.example/none')).toEqual([]);
    expect(index.byTextHash('same')).toEqual([b, a]);
    expect(index.byTextHash('other')).toEqual([c]);
    expect(new Set(index.candidates(bandKeys(fp(1, 3).signature, 2, 2)))).toEqual(new Set([a, b, c]));
    expect([...index.candidates(bandKeys(fp(4, 9).signature, 2, 2))]).toEqual([c]);
    expect([...index.candidates([555, 1555])]).toEqual([]);
  });

  it('a text without shingles is found by URL and hash only (no band rows)', () => {
    const { db, index } = setUp();
    const a = addArticle(db, 'a');
    index.store(a, fp(1, 2, 'empty', new Uint32Array(0)), 'https://x.example/empty');
    expect(bandRows(db)).toEqual([]);
    expect([index.byUrl('https://x.example/empty'), index.byTextHash('empty')]).toEqual([[a], [a]]);
  });

  it('each lookup reads at most 64 articles per key, the newest', () => {
    const { db, index } = setUp();
    const ids = Array.from({ length: 70 }, (_, i) => addArticle(db, `copy-${i}`));
    for (const id of ids) index.store(id, fp(1, 2, 'wire'), 'https://wire.example/story');
    const newest = ids.slice(-64).reverse();
    expect(index.byTextHash('wire')).toEqual(newest);
    expect(index.byUrl('https://wire.example/story')).toEqual(newest);
    expect(new Set(index.candidates([1, 1002]))).toEqual(new Set(newest));
  });

  it('dropping removes band rows and fingerprint of that article only; an unknown id is ignored', () => {
    const { db, index } = setUp();
    const a = addArticle(db, 'a');
    const b = addArticle(db, 'b');
    index.store(a, fp(1, 2), null);
    index.store(b, fp(1, 3), null);
    index.drop(a);
    index.drop(999);
    expect(index.fingerprint(a)).toBeUndefined();
    expect(bandRows(db)).toEqual([
      { key: 1, id: b },
      { key: 1003, id: b },
    ]);
  });

  it("removing for prune recomputes each article's keys from its own stored layout", () => {
    const { db } = open();
    const a = addArticle(db, 'a');
    const b = addArticle(db, 'b');
    const c = addArticle(db, 'c');
    openDuplicateStore(db, LSH, bandKeys).store(a, fp(1, 2), null);
    openDuplicateStore(db, { bands: 4, rows: 1 }, bandKeys).store(b, fp(1, 2), null);
    openDuplicateStore(db, LSH, bandKeys).store(c, fp(5, 6), null);
    removeFromDuplicateIndex(db, [a, b, 999], bandKeys);
    expect(bandRows(db)).toEqual([
      { key: 5, id: c },
      { key: 1006, id: c },
    ]);
    expect(db.prepare('SELECT article_id FROM article_fingerprints').pluck().all()).toEqual([c]);
  });

  it('stale layouts: none in an empty or matching index; the oldest or newest entry of another layout; counted and listed oldest first', () => {
    const { db } = open();
    expect(staleIndexLayout(db, LAYOUT)).toBeNull();
    const ids = ['a', 'b', 'c', 'd'].map((key) => addArticle(db, key, { text: `text of ${key}` }));
    const [, b = 0, c = 0, d = 0] = ids;
    const current = openDuplicateStore(db, LSH, bandKeys);
    for (const id of ids) current.store(id, fp(id, 1), null);
    expect([staleIndexLayout(db, LAYOUT), countStaleEntries(db, LAYOUT), staleEntries(db, LAYOUT, 10)]).toEqual([null, 0, []]);
    const old = openDuplicateStore(db, { bands: 4, rows: 1 }, bandKeys);
    old.store(b, fp(b, 1), 'https://b.example/');
    old.store(c, fp(c, 1), null);
    // The check reads only the oldest and newest entries: a stale entry in between is for `reindex` to find.
    expect(staleIndexLayout(db, LAYOUT)).toBeNull();
    expect(countStaleEntries(db, LAYOUT)).toBe(2);
    expect(staleEntries(db, LAYOUT, 10).map((entry) => entry.articleId)).toEqual([b, c]);
    expect(staleEntries(db, LAYOUT, 1)).toEqual([
      { articleId: b, fingerprint: fp(b, 1), canonicalUrl: 'https://b.example/', title: 'b', text: 'text of b' },
    ]);
    old.store(d, fp(d, 1), null);
    expect(staleIndexLayout(db, LAYOUT)).toEqual({ ...LAYOUT, bands: 4, rows: 1 });
    expect(staleIndexLayout(db, { ...LAYOUT, bands: 4, rows: 1 })).toEqual(LAYOUT);
    expect(countStaleEntries(db, { ...LAYOUT, seed: 2 })).toBe(4);
  });
});
