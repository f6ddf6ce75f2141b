/** RSS 0.9x/2.0 and RSS 1.0 (RDF), raw → the normalized model. */
import {
  absolutizeHtml,
  authorFromString,
  authorsFromPeople,
  categoriesFrom,
  distinct,
  enclosuresFrom,
  isoDate,
  languageFrom,
  nonEmpty,
  titleFromHtml,
  titleFromText,
  type FeedDraft,
  type ItemDraft,
} from './normalize-fields.js';
import type { RawLink } from './raw-common.js';
import { resolveBase, resolveHttpUrl } from './resolve-url.js';
import type { RawRssFeed, RawRssItem } from './rss-raw.js';

/** The alternate link among `<atom:link>` elements (no rel means alternate). */
function alternateLink(links: RawLink[]): RawLink | undefined {
  return links.find((link) => link.rel === null || link.rel === 'alternate');
}

/** The article URL: `<link>`, else a permalink guid, else an alternate atom:link, else `rdf:about`. */
function itemUrl(item: RawRssItem, base: string | null): string | null {
  // A permalink guid counts only when it is an absolute URL by itself: "js-1" is an id, not a relative link.
  const guidLink = item.guid?.isPermaLink === true ? resolveHttpUrl(item.guid.value, null) : null;
  const candidates = [...item.links, guidLink, alternateLink(item.atomLinks)?.href ?? null, item.about];
  for (const candidate of candidates) {
    const url = resolveHttpUrl(candidate, base);
    if (url !== null) return url;
  }
  return null;
}

function adaptItem(item: RawRssItem, feedBase: string | null, feedLanguage: string | null): ItemDraft {
  const base = resolveBase(item.base, feedBase);
  return {
    guid: nonEmpty(item.guid?.value) ?? nonEmpty(item.about),
    guidIsPermalink: item.guid?.isPermaLink ?? false,
    url: itemUrl(item, base),
    title: titleFromHtml(item.title) || titleFromText(item.mediaTitle),
    summary: absolutizeHtml(nonEmpty(item.description) ?? nonEmpty(item.itunesSummary), base),
    contentHtml: absolutizeHtml(nonEmpty(item.contentEncoded), base),
    published: isoDate(item.pubDate, item.dcDate, item.atomPublished),
    // RSS has no modification date of its own: without atom:updated, the item was last changed when published.
    updated: isoDate(item.atomUpdated, item.pubDate, item.dcDate, item.atomPublished),
    authors: distinct([...item.authors.map(authorFromString), ...authorsFromPeople(item.atomAuthors)]),
    categories: categoriesFrom(item.categories),
    enclosures: enclosuresFrom(item.enclosures, base),
    lang: languageFrom(item.lang, item.language, feedLanguage),
  };
}

/**
 * Adapts a raw RSS feed. Relative links resolve against xml:base, else the channel's own link, else the URL the
 * feed was fetched from.
 */
export function adaptRss(feed: RawRssFeed, baseUrl: string): FeedDraft {
  const link = resolveHttpUrl(feed.link, baseUrl) ?? resolveHttpUrl(alternateLink(feed.atomLinks)?.href, baseUrl);
  const base = resolveBase(feed.base, link ?? baseUrl);
  const language = languageFrom(feed.language, feed.lang);
  const ttl = feed.ttl === null ? NaN : Number(feed.ttl.trim());
  return {
    format: feed.kind,
    title: nonEmpty(titleFromHtml(feed.title)),
    link,
    language,
    ttlMinutes: Number.isInteger(ttl) && ttl > 0 && ttl <= 525_600 ? ttl : null,
    items: feed.items.map((item) => adaptItem(item, base, language)),
  };
}
