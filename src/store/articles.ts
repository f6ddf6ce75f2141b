import type Database from 'better-sqlite3';
import type { ArticleInput } from '../model.js';

type Db = Database.Database;

/** Where an article came from: the feed's name, or `import` for archived articles. */
export function originOf(input: Pick<ArticleInput, 'feedName'>): string {
  return input.feedName ?? 'import';
}

/** The stored identity and change-detection state of an article. */
export interface StoredArticleRef {
  id: number;
  title: string;
  textHash: string;
  version: number;
  duplicateGroupId: number | null;
  clusterId: number | null;
}

/**
 * Finds an article by its natural key (origin + item key), else — for a feed that changes GUIDs — by origin and
 * URL; null when neither is stored. The URL match skips articles whose key is in `liveKeys` (the other items of
 * the batch): those are items of their own that happen to share a link, not an earlier version of this one.
 */
export function findStoredArticle(
  db: Db,
  origin: string,
  itemKey: string,
  url: string | null,
  liveKeys: readonly string[] = [],
): StoredArticleRef | null {
  const byKey = db
    .prepare<[string, string], ArticleRefRow>(
      `SELECT id, title, text_hash, version, duplicate_group_id, cluster_id FROM articles WHERE origin = ? AND item_key = ?`,
    )
    .get(origin, itemKey);
  if (byKey || url === null) return byKey ? toRef(byKey) : null;
  const byUrl = db
    .prepare<[string, string, string], ArticleRefRow>(
      `SELECT id, title, text_hash, version, duplicate_group_id, cluster_id FROM articles
       WHERE origin = ? AND url = ? AND item_key NOT IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1`,
    )
    .get(origin, url, JSON.stringify(liveKeys));
  return byUrl ? toRef(byUrl) : null;
}

/** What the store already knows about a feed's items. */
export interface KnownItems {
  /** Stored items: item key → the item hash seen last. */
  hashes: Map<string, string | null>;
  /** Items removed by `prune`: never ingested again. */
  pruned: Set<string>;
  /** Stored items whose page failed transiently: item key → failures in a row (see ArticleInput.pageFailures). */
  pageFailures: Map<string, number>;
}

/**
 * Of the given items, those already stored or pruned for this origin, by item key — or, for an item whose key is
 * new, by its URL: a feed that mints new GUIDs on every fetch must not turn one article into many. A stored article
 * whose key is still among the items is that item's, never another's. Three queries per feed, not one per item.
 */
export function findKnownItems(db: Db, origin: string, items: ReadonlyArray<{ key: string; url: string | null }>): KnownItems {
  if (items.length === 0) return { hashes: new Map(), pruned: new Set(), pageFailures: new Map() };
  const keys = JSON.stringify(items.map((item) => item.key));
  const rows = db
    .prepare<[string, string], { item_key: string; item_hash: string | null; page_failures: number }>(
      `SELECT item_key, item_hash, page_failures FROM articles WHERE origin = ? AND item_key IN (SELECT value FROM json_each(?))`,
    )
    .all(origin, keys);
  const hashes = new Map(rows.map((row) => [row.item_key, row.item_hash]));
  const pageFailures = new Map(rows.filter((row) => row.page_failures > 0).map((row) => [row.item_key, row.page_failures]));
  const unknown = items.filter((item) => !hashes.has(item.key) && item.url !== null);
  if (unknown.length > 0) {
    const byUrl = new Map(
      db
        .prepare<[string, string, string], { url: string; item_hash: string | null }>(
          `SELECT url, item_hash FROM articles WHERE origin = ? AND url IN (SELECT value FROM json_each(?))
             AND item_key NOT IN (SELECT value FROM json_each(?))`,
        )
        .all(origin, JSON.stringify(unknown.map((item) => item.url)), keys)
        .map((row) => [row.url, row.item_hash]),
    );
    for (const item of unknown) if (item.url !== null && byUrl.has(item.url)) hashes.set(item.key, byUrl.get(item.url) ?? null);
  }
  const pruned = db
    .prepare<[string, string], { item_key: string }>(
      `SELECT item_key FROM article_tombstones WHERE origin = ? AND item_key IN (SELECT value FROM json_each(?))`,
    )
    .all(origin, keys);
  return { hashes, pruned: new Set(pruned.map((row) => row.item_key)), pageFailures };
}

/** Publication times of a feed's latest articles (newest first), for the adaptive fetch interval. */
export function recentPublicationDates(db: Db, origin: string, limit = 20): string[] {
  return db
    .prepare<[string, number], { published_at: string }>(
      `SELECT published_at FROM articles WHERE origin = ? AND published_at IS NOT NULL ORDER BY published_at DESC LIMIT ?`,
    )
    .all(origin, limit)
    .map((row) => row.published_at);
}

/** Inserts a new article and returns its id. The caller holds the write transaction. */
export function insertArticle(db: Db, input: ArticleInput, textHash: string, now: Date): number {
  const stamp = now.toISOString();
  const result = db
    .prepare(
      `INSERT INTO articles (feed_id, origin, item_key, external_id, guid, url, canonical_url, source, title, text, html,
         byline, lang, published_at, modified_at, first_seen_at, updated_at, method, fallback_reason, text_hash, item_hash, page_failures)
       VALUES ((SELECT id FROM feeds WHERE name = @feedName), @origin, @itemKey, @externalId, @guid, @url, @canonicalUrl, @source, @title, @text, @html,
         @byline, @lang, @publishedAt, @modifiedAt, @stamp, @stamp, @method, @fallbackReason, @textHash, @itemHash, @pageFailures)`,
    )
    .run({ ...articleParams(input), feedName: input.feedName, origin: originOf(input), itemKey: input.itemKey, stamp, textHash });
  return Number(result.lastInsertRowid);
}

/**
 * Updates a stored article in place after its title or text changed: same id, version + 1, and the previous
 * text's hash kept so queries can show that it was updated.
 */
export function updateArticle(db: Db, id: number, input: ArticleInput, textHash: string, now: Date): void {
  db.prepare(
    `UPDATE articles SET guid = @guid, url = @url, canonical_url = @canonicalUrl, source = @source, title = @title,
       text = @text, html = @html, byline = @byline, lang = @lang, published_at = @publishedAt,
       modified_at = @modifiedAt, method = @method, fallback_reason = @fallbackReason, item_hash = @itemHash, updated_at = @stamp,
       page_failures = @pageFailures,
       previous_text_hash = CASE WHEN text_hash = @textHash THEN previous_text_hash ELSE text_hash END,
       text_hash = @textHash, version = version + 1
     WHERE id = @id`,
  ).run({ ...articleParams(input), id, stamp: now.toISOString(), textHash });
}

/**
 * Remembers a changed feed item whose article text did not change (so the next run doesn't look at it again), and
 * how its page fared this time.
 */
export function saveItemState(db: Db, id: number, itemHash: string | null, pageFailures: number): void {
  db.prepare(`UPDATE articles SET item_hash = ?, page_failures = ? WHERE id = ? AND (item_hash IS NOT ? OR page_failures IS NOT ?)`).run(
    itemHash,
    pageFailures,
    id,
    itemHash,
    pageFailures,
  );
}

function articleParams(input: ArticleInput) {
  return {
    externalId: input.externalId,
    guid: input.guid,
    url: input.url,
    canonicalUrl: input.canonicalUrl,
    source: input.source,
    title: input.title,
    text: input.text,
    html: input.html,
    byline: input.byline,
    lang: input.lang,
    publishedAt: input.publishedAt,
    modifiedAt: input.modifiedAt,
    method: input.method,
    fallbackReason: input.fallbackReason,
    itemHash: input.itemHash,
    pageFailures: input.pageFailures ?? 0,
  };
}

interface ArticleRefRow {
  id: number;
  title: string;
  text_hash: string;
  version: number;
  duplicate_group_id: number | null;
  cluster_id: number | null;
}

function toRef(row: ArticleRefRow): StoredArticleRef {
  return {
    id: row.id,
    title: row.title,
    textHash: row.text_hash,
    version: row.version,
    duplicateGroupId: row.duplicate_group_id,
    clusterId: row.cluster_id,
  };
}
