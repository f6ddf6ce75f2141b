/** Atom 0.3 and 1.0, raw → the normalized model. */
import type { RawAtomEntry, RawAtomFeed } from './atom-raw.js';
import {
  absolutizeHtml,
  authorsFromPeople,
  categoriesFrom,
  enclosuresFrom,
  htmlFromText,
  isoDate,
  languageFrom,
  nonEmpty,
  titleFromText,
  type FeedDraft,
  type ItemDraft,
} from './normalize-fields.js';
import type { RawEnclosure, RawLink } from './raw-common.js';
import { resolveBase, resolveHttpUrl } from './resolve-url.js';

/** Link relations that never point at the article itself. */
const NON_ARTICLE_RELS = new Set([
  'self',
  'enclosure',
  'edit',
  'edit-media',
  'replies',
  'license',
  'hub',
  'via',
  'next',
  'previous',
  'prev',
  'first',
  'last',
  'service.edit',
  'service.post',
  'service.feed',
]);

/**
 * The article link: `rel="alternate"` (or no rel) preferring an HTML type, else any link that is not a known
 * non-article relation. Each link resolves against its own xml:base.
 */
function articleLink(links: RawLink[], base: string | null): string | null {
  const alternates = links.filter((link) => link.rel === null || link.rel === 'alternate');
  const preferred =
    alternates.find((link) => link.type === null || /html/i.test(link.type)) ??
    alternates[0] ??
    links.find((link) => !NON_ARTICLE_RELS.has(link.rel ?? ''));
  return preferred === undefined ? null : resolveHttpUrl(preferred.href, resolveBase(preferred.base, base));
}

function linkEnclosures(links: RawLink[]): RawEnclosure[] {
  return links
    .filter((link) => link.rel === 'enclosure')
    .map((link) => ({ url: link.href, type: link.type, length: link.length, medium: null }));
}

function adaptEntry(entry: RawAtomEntry, feedBase: string | null, feedLanguage: string | null, feedAuthors: string[]): ItemDraft {
  const base = resolveBase(entry.base, feedBase);
  const authors = authorsFromPeople(entry.authors);
  return {
    guid: nonEmpty(entry.id),
    // Atom ids are meant to be permanent, unlike RSS guids flagged as not being permalinks.
    guidIsPermalink: true,
    url: articleLink(entry.links, base),
    title: titleFromText(entry.title) || titleFromText(entry.mediaTitle),
    summary: absolutizeHtml(htmlFromText(entry.summary), resolveBase(entry.summary?.base, base)),
    contentHtml:
      entry.content?.src === null || entry.content === null
        ? absolutizeHtml(htmlFromText(entry.content), resolveBase(entry.content?.base, base))
        : null,
    // Atom 0.3 feeds often give only `modified`: the best estimate of publication is then the last change.
    published: isoDate(entry.published, entry.dcDate, entry.updated),
    // An entry that was never updated was last changed when published.
    updated: isoDate(entry.updated, entry.published, entry.dcDate),
    authors: authors.length > 0 ? authors : feedAuthors,
    categories: categoriesFrom(entry.categories),
    enclosures: enclosuresFrom([...linkEnclosures(entry.links), ...entry.media], base),
    lang: languageFrom(entry.lang, feedLanguage),
  };
}

/**
 * Adapts a raw Atom feed. Relative references resolve against xml:base (feed, entry, then link level), else the
 * URL the feed was fetched from. Entries without authors inherit the feed's authors, as the Atom spec says.
 */
export function adaptAtom(feed: RawAtomFeed, baseUrl: string): FeedDraft {
  const base = resolveBase(feed.base, baseUrl);
  const language = languageFrom(feed.lang);
  const authors = authorsFromPeople(feed.authors);
  return {
    format: 'atom',
    title: nonEmpty(titleFromText(feed.title)),
    link: articleLink(feed.links, base),
    language,
    ttlMinutes: null,
    items: feed.entries.map((entry) => adaptEntry(entry, base, language, authors)),
  };
}
