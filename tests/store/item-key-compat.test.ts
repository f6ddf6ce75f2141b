import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/model.js';
import { itemKey } from '../../src/parse/item-key.js';
import type { ItemDraft } from '../../src/parse/normalize-fields.js';
import { findKnownItems, findStoredArticle, insertArticle } from '../../src/store/articles.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../helpers/cli.js';

/**
 * Item keys by link moved to shared/canonical-url.ts (issue 18), which drops more tracking parameters and sorts the
 * query. An article stored under the key the old canonicaliser gave must still be recognised: the store matches an
 * unknown key by the item's URL, which is stored as the feed gave it and did not change.
 */
describe('an article stored under a link key of the old canonical form', () => {
  const link = 'https://news.example/2024/story?utm_source=rss&spm=a1.b2&page=2&id=7';
  const draft: ItemDraft = {
    guid: null, guidIsPermalink: false, url: link, title: 'Story', summary: null, contentHtml: null, published: null,
    updated: null, authors: [], categories: [], enclosures: [], lang: null,
  };
  // What parse/resolve-url.ts's canonicalUrl made of the link: utm_* dropped, spm kept, order kept.
  const oldKey = 'url:https://news.example/2024/story?spm=a1.b2&page=2&id=7';
  const stored: ArticleInput = {
    feedName: 'wire', source: 'Wire', itemKey: oldKey, externalId: null, guid: null, url: link, canonicalUrl: null,
    title: 'Story', text: 'Body.', html: null, byline: null, lang: null, publishedAt: null, modifiedAt: null,
    method: 'feed', fallbackReason: null, itemHash: 'h1',
  };

  it('gets a new key today', () => {
    expect(itemKey(draft, false)).toBe('url:https://news.example/2024/story?id=7&page=2');
  });

  it('is found by URL when the feed is read again, and is not taken for a new item', () => {
    const tmp = tempDir();
    const db = openDatabase(path.join(tmp.dir, 'news.db'));
    try {
      const id = insertArticle(db, stored, 'text-hash', new Date('2026-01-01T00:00:00Z'));
      const key = itemKey(draft, false) ?? '';
      expect(findKnownItems(db, 'wire', [{ key, url: link }]).hashes.get(key)).toBe('h1');
      expect(findStoredArticle(db, 'wire', key, link)?.id).toBe(id);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });
});
