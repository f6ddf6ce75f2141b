/**
 * Stable item keys. The store deduplicates on (feed, key), so a key must stay the same across fetches of the
 * same item and differ between different items.
 *
 * Order: the guid (RSS guid, Atom id, JSON Feed id), else the canonical link (shared/canonical-url.ts, the same
 * form the dedup stage matches on), else a hash of title and date.
 * Two guards keep a feed with unstable guids from exploding into duplicates:
 * - a guid shared by several items of one feed is no identity; those items are keyed by their link;
 * - a guid that embeds a timestamp (Unix seconds or milliseconds, or an ISO date-time) is typical of feeds that
 *   mint a fresh guid on every render; when the item has a link, the link is the key. The rule depends only on
 *   the item itself, so the choice is the same on every fetch. Guids that change without any visible sign (a
 *   random UUID per fetch) cannot be told apart within one fetch; downstream, identical text is caught by the
 *   text hash of the fingerprint stage.
 */
import { createHash } from 'node:crypto';
import { canonicalizeUrl } from '../shared/canonical-url.js';
import type { ItemDraft } from './normalize-fields.js';

/** Keys longer than this are replaced by a hash of themselves. */
const MAX_KEY_LENGTH = 512;

/** Unix time in seconds (2000-2099) or milliseconds, or an ISO date with a time of day. */
const TIMESTAMP = /(?<!\d)(?:9\d{8}|[1-3]\d{9}|[1-3]\d{12})(?!\d)|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function bounded(prefix: string, value: string): string {
  const key = `${prefix}:${value}`;
  return key.length <= MAX_KEY_LENGTH ? key : `${prefix}-sha256:${sha256(value)}`;
}

/** True when a guid carries a timestamp, a sign that it may be minted anew on every fetch. */
export function looksVolatile(guid: string): boolean {
  return TIMESTAMP.test(guid);
}

/**
 * The key from the title and date; without either, from the content; without content either, from whatever the
 * item still has (authors, categories, enclosures). Null for an item with nothing at all.
 */
export function contentKey(item: ItemDraft): string | null {
  const date = item.published ?? item.updated;
  const rest = [...item.authors, ...item.categories, ...item.enclosures.map((e) => e.url)];
  const basis = item.title !== '' || date !== null ? `${item.title}\n${date ?? ''}` :
    item.contentHtml ?? item.summary ?? (rest.length > 0 ? rest.join('\n') : null);
  return basis === null ? null : `hash:${sha256(basis).slice(0, 32)}`;
}

/**
 * The preferred key of an item. `guidShared` says the guid is used by another item of the same feed.
 * Null when the item has nothing to identify it by (no guid, link, title, date or content).
 */
export function itemKey(item: ItemDraft, guidShared: boolean): string | null {
  const guidUsable = item.guid !== null && !guidShared && !(item.url !== null && looksVolatile(item.guid));
  if (guidUsable && item.guid !== null) return bounded('guid', item.guid);
  // item.url is already an absolute http(s) URL; the fallback only covers one that percent-encoding made overlong.
  if (item.url !== null) return bounded('url', canonicalizeUrl(item.url) ?? item.url);
  if (item.guid !== null) return bounded('guid', item.guid);
  return contentKey(item);
}

/** A key that tells apart items that collided on their preferred key: a hash of everything that identifies them. */
export function collisionKey(item: ItemDraft): string {
  const parts = [item.guid, item.url, item.title, item.published, item.summary ?? item.contentHtml];
  return `hash:${sha256(parts.map((p) => p ?? '').join('\n')).slice(0, 32)}`;
}
