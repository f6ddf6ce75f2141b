import { describe, expect, it } from 'vitest';
import {
  findKnownItems,
  findStoredArticle,
  insertArticle,
  originOf,
  recentPublicationDates,
  saveItemState,
  updateArticle,
} from '../../src/store/articles.js';
import { syncFeeds } from '../../src/store/feeds.js';
import { articleInput } from '../helpers/article-input.js';
import { tempDatabasePerTest, type TempDatabase } from '../helpers/temp-db.js';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const LATER = new Date('2026-11-25T10:00:00.000Z');

describe('store/articles', () => {
  const openStore = tempDatabasePerTest();
  let store: TempDatabase;
  const open = () => (store = openStore()).db;
  const feedArticle = (itemKey: string, url: string | null, fields = {}) =>
    articleInput(itemKey, { feedName: 'wire', source: 'Wire', url, text: `text of ${itemKey}`, ...fields });
  const row = (id: number) =>
    store.db
      .prepare<[number], { feed_id: number | null; origin: string; version: number; text_hash: string; previous_text_hash: string | null; first_seen_at: string; updated_at: string; title: string }>(
        `SELECT feed_id, origin, version, text_hash, previous_text_hash, first_seen_at, updated_at, title FROM articles WHERE id = ?`,
      )
      .get(id);

  it('an article without a feed comes from "import"', () => {
    expect(originOf({ feedName: null })).toBe('import');
    expect(originOf({ feedName: 'wire' })).toBe('wire');
  });

  it('finds nothing in an empty database', () => {
    const db = open();
    expect(findStoredArticle(db, 'wire', 'k1', 'https://wire.example/1')).toBeNull();
    expect(findKnownItems(db, 'wire', [{ key: 'k1', url: 'https://wire.example/1' }])).toEqual({ hashes: new Map(), pruned: new Set(), pageFailures: new Map() });
    expect(findKnownItems(db, 'wire', [])).toEqual({ hashes: new Map(), pruned: new Set(), pageFailures: new Map() });
    expect(recentPublicationDates(db, 'wire')).toEqual([]);
  });

  it('inserts with both stamps from the clock and the feed id of a synced feed; an unknown feed leaves it null', () => {
    const db = open();
    syncFeeds(db, [{ name: 'wire', url: 'https://wire.example/feed', outlet: 'Wire' }], NOW);
    const id = insertArticle(db, feedArticle('k1', 'https://wire.example/1'), 'h1', NOW);
    expect(row(id)).toMatchObject({ feed_id: 1, origin: 'wire', version: 1, text_hash: 'h1', previous_text_hash: null, first_seen_at: NOW.toISOString(), updated_at: NOW.toISOString() });
    const orphan = insertArticle(db, articleInput('k2', { feedName: 'gone' }), 'h2', NOW);
    expect(row(orphan)).toMatchObject({ feed_id: null, origin: 'gone' });
  });

  it('refuses a second article with the same origin and item key; the same key from another origin is another article', () => {
    const db = open();
    insertArticle(db, feedArticle('k1', null), 'h1', NOW);
    expect(() => insertArticle(db, feedArticle('k1', null), 'h1', NOW)).toThrow(/UNIQUE/);
    expect(() => insertArticle(db, articleInput('k1'), 'h1', NOW)).not.toThrow();
  });

  it('finds by item key first, else by URL, but never takes the article of another live item of the batch', () => {
    const db = open();
    const id = insertArticle(db, feedArticle('guid-1', 'https://wire.example/story'), 'h1', NOW);
    expect(findStoredArticle(db, 'wire', 'guid-1', null)).toEqual({ id, title: 'guid-1', textHash: 'h1', version: 1, duplicateGroupId: null, clusterId: null });
    // The feed minted a new GUID for the same link.
    expect(findStoredArticle(db, 'wire', 'guid-2', 'https://wire.example/story')?.id).toBe(id);
    // ...unless guid-1 is still in the feed: then guid-2 is an item of its own sharing the link.
    expect(findStoredArticle(db, 'wire', 'guid-2', 'https://wire.example/story', ['guid-1', 'guid-2'])).toBeNull();
    expect(findStoredArticle(db, 'other', 'guid-2', 'https://wire.example/story')).toBeNull();
    expect(findStoredArticle(db, 'wire', 'guid-2', null)).toBeNull();
  });

  it('updates in place: same id, version + 1, the previous text hash kept only when the text changed', () => {
    const db = open();
    const id = insertArticle(db, feedArticle('k1', null), 'h1', NOW);
    updateArticle(db, id, feedArticle('k1', null, { title: 'Corrected' }), 'h2', LATER);
    expect(row(id)).toMatchObject({ title: 'Corrected', version: 2, text_hash: 'h2', previous_text_hash: 'h1', first_seen_at: NOW.toISOString(), updated_at: LATER.toISOString() });
    // A title-only change: the text hash is the same, so the hash of the text before it stays.
    updateArticle(db, id, feedArticle('k1', null, { title: 'Corrected again' }), 'h2', LATER);
    expect(row(id)).toMatchObject({ version: 3, text_hash: 'h2', previous_text_hash: 'h1' });
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
  });

  it('knows a feed\'s items by key, by URL for a new key, as pruned by tombstone, and their page failures', () => {
    const db = open();
    insertArticle(db, feedArticle('a', 'https://wire.example/a', { itemHash: 'ia', pageFailures: 2 }), 'h', NOW);
    insertArticle(db, feedArticle('b', 'https://wire.example/b', { itemHash: 'ib' }), 'h', NOW);
    db.prepare(`INSERT INTO article_tombstones (origin, item_key, pruned_at) VALUES ('wire', 'old', ?)`).run(NOW.toISOString());
    const known = findKnownItems(db, 'wire', [
      { key: 'a', url: 'https://wire.example/a' },
      { key: 'b2', url: 'https://wire.example/b' },
      { key: 'new', url: 'https://wire.example/new' },
      { key: 'old', url: null },
    ]);
    expect(known.hashes).toEqual(new Map([['a', 'ia'], ['b2', 'ib']]));
    expect(known.pruned).toEqual(new Set(['old']));
    expect(known.pageFailures).toEqual(new Map([['a', 2]]));
    // b is still in the feed itself: b2 is not its new key.
    expect(findKnownItems(db, 'wire', [{ key: 'b', url: null }, { key: 'b2', url: 'https://wire.example/b' }]).hashes).toEqual(new Map([['b', 'ib']]));
  });

  it('lists a feed\'s publication dates newest first, undated and other feeds left out, at most `limit`', () => {
    const db = open();
    for (const [key, publishedAt] of [['1', '2026-11-01T00:00:00.000Z'], ['2', '2026-11-03T00:00:00.000Z'], ['3', null], ['4', '2026-11-02T00:00:00.000Z']] as const) {
      insertArticle(db, feedArticle(key, null, { publishedAt }), 'h', NOW);
    }
    insertArticle(db, articleInput('x', { publishedAt: '2026-12-01T00:00:00.000Z' }), 'h', NOW);
    expect(recentPublicationDates(db, 'wire')).toEqual(['2026-11-03T00:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    expect(recentPublicationDates(db, 'wire', 1)).toEqual(['2026-11-03T00:00:00.000Z']);
  });

  it('saves an item\'s hash and page failures without touching its text or version', () => {
    const db = open();
    const id = insertArticle(db, feedArticle('a', null, { itemHash: 'old' }), 'h', NOW);
    saveItemState(db, id, 'new', 1);
    expect(db.prepare('SELECT item_hash, page_failures, version, text_hash FROM articles WHERE id = ?').get(id)).toEqual({ item_hash: 'new', page_failures: 1, version: 1, text_hash: 'h' });
    saveItemState(db, id, null, 0);
    expect(db.prepare('SELECT item_hash, page_failures FROM articles WHERE id = ?').get(id)).toEqual({ item_hash: null, page_failures: 0 });
  });
});
