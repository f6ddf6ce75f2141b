/** RSS 0.9x / 2.0 and RSS 1.0 (RDF) as written in the feed, before normalization. */
import type { RawEnclosure, RawLink, RawPerson, RawText } from './raw-common.js';

/** An RSS `<guid>` with its permalink flag (RSS 2.0 says a guid is a permalink unless told otherwise). */
export interface RawGuid {
  value: string;
  isPermaLink: boolean;
}

/** One `<item>`. */
export interface RawRssItem {
  title: string | null;
  /** Media RSS `media:title` (of the item, its `media:content` or `media:group`): the title when there is no other. */
  mediaTitle: RawText | null;
  links: string[];
  /** `rdf:about` (RSS 1.0). */
  about: string | null;
  guid: RawGuid | null;
  description: string | null;
  contentEncoded: string | null;
  itunesSummary: string | null;
  pubDate: string | null;
  /** `dc:date`, Atom `published`/`updated` used inside RSS. */
  dcDate: string | null;
  atomPublished: string | null;
  atomUpdated: string | null;
  /** `author`, `dc:creator`, `dc:author`, `itunes:author`, in that order. */
  authors: string[];
  /** `atom:author` elements (name, email, uri). */
  atomAuthors: RawPerson[];
  /** `category`, `dc:subject`. */
  categories: string[];
  enclosures: RawEnclosure[];
  atomLinks: RawLink[];
  language: string | null;
  base: string | null;
  lang: string | null;
}

/** The channel. */
export interface RawRssFeed {
  /** `rss` for RSS 0.9x/2.0, `rdf` for RSS 1.0. */
  kind: 'rss' | 'rdf';
  version: string | null;
  title: string | null;
  link: string | null;
  atomLinks: RawLink[];
  language: string | null;
  ttl: string | null;
  /** xml:base of the root or channel. */
  base: string | null;
  lang: string | null;
  items: RawRssItem[];
}
