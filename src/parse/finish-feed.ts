/**
 * The feed-wide steps after a format adapter: keys (which depend on the other items), duplicate items, dates
 * in the future, and the per-run cap on items.
 */
import type { FeedItem, ParsedFeed } from '../model.js';
import { collisionKey, itemKey } from './item-key.js';
import type { FeedDraft, ItemDraft } from './normalize-fields.js';

/** Default cap on items taken from one feed per run. */
export const DEFAULT_MAX_ITEMS = 200;

/** Dates later than this after `now` are treated as wrong (a clock or time-zone mistake) and clamped. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Options for `finishFeed`. */
export interface FinishOptions {
  now: Date;
  maxItems: number;
}

function guidCounts(items: ItemDraft[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.guid !== null) counts.set(item.guid, (counts.get(item.guid) ?? 0) + 1);
  }
  return counts;
}

function sameItem(a: ItemDraft, b: ItemDraft): boolean {
  return a.title === b.title && a.url === b.url && a.published === b.published && a.guid === b.guid;
}

/** Assigns keys; exact repeats are dropped, other collisions get a content hash. */
function assignKeys(items: ItemDraft[], warnings: string[]): FeedItem[] {
  const counts = guidCounts(items);
  const shared = [...counts.values()].filter((n) => n > 1).length;
  if (shared > 0) warnings.push(`${shared} guids are shared by several items; those items are keyed by their link`);
  const byKey = new Map<string, ItemDraft>();
  const keyed: FeedItem[] = [];
  let dropped = 0;
  let empty = 0;
  for (const draft of items) {
    const preferred = itemKey(draft, (counts.get(draft.guid ?? '') ?? 0) > 1);
    if (preferred === null) {
      empty += 1;
      continue;
    }
    const previous = byKey.get(preferred);
    const key = previous === undefined ? preferred : sameItem(previous, draft) ? null : collisionKey(draft);
    if (key === null || byKey.has(key)) {
      dropped += 1;
      continue;
    }
    byKey.set(key, draft);
    const { guidIsPermalink: _unused, ...fields } = draft;
    keyed.push({ key, ...fields });
  }
  if (dropped > 0) warnings.push(`dropped ${dropped} duplicate items`);
  if (empty > 0) warnings.push(`dropped ${empty} empty items (no guid, link, title, date, content or anything else)`);
  return keyed;
}

/** Clamps dates more than a day in the future to `now`. */
function clampFuture(items: FeedItem[], now: Date, warnings: string[]): void {
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  const nowIso = now.toISOString();
  let clamped = 0;
  for (const item of items) {
    if (item.published !== null && Date.parse(item.published) > limit) {
      item.published = nowIso;
      clamped += 1;
    }
    if (item.updated !== null && Date.parse(item.updated) > limit) {
      item.updated = nowIso;
      clamped += 1;
    }
  }
  if (clamped > 0) warnings.push(`clamped ${clamped} dates more than a day in the future to the time of parsing`);
}

/**
 * Keeps at most `maxItems`: the newest ones when every item is dated (feeds are not always newest first),
 * else the first ones in document order. The kept items stay in document order.
 */
function capItems(items: FeedItem[], maxItems: number, warnings: string[]): FeedItem[] {
  if (items.length <= maxItems) return items;
  const dated = items.every((item) => item.published !== null);
  let kept: FeedItem[];
  if (dated) {
    const order = items.map((item, index) => ({ index, time: Date.parse(item.published ?? '') }));
    order.sort((a, b) => b.time - a.time || a.index - b.index);
    const keep = new Set(order.slice(0, maxItems).map((entry) => entry.index));
    kept = items.filter((_, index) => keep.has(index));
  } else {
    kept = items.slice(0, maxItems);
  }
  warnings.push(`feed has ${items.length} items; kept the ${dated ? 'newest' : 'first'} ${maxItems}`);
  return kept;
}

/**
 * Turns an adapted feed into the final model: keys, duplicates, future dates, item cap. Item HTML is sanitized
 * after this (see sanitize-feed-html.ts): keys come from the HTML as written, so a change of the sanitizing
 * policy cannot change them.
 */
export function finishFeed(draft: FeedDraft, warnings: string[], options: FinishOptions): ParsedFeed {
  const items = assignKeys(draft.items, warnings);
  clampFuture(items, options.now, warnings);
  return { ...draft, items: capItems(items, options.maxItems, warnings), warnings };
}
