/** Atom 0.3 and 1.0 as written in the feed, before normalization. */
import type { RawEnclosure, RawLink, RawPerson, RawText } from './raw-common.js';

/** Atom `<content>`: a text construct that may point elsewhere with `src`. */
export interface RawAtomContent extends RawText {
  src: string | null;
  /** xml:base on the element itself. */
  base: string | null;
}

/** One `<entry>`. */
export interface RawAtomEntry {
  id: string | null;
  title: RawText | null;
  /** Media RSS `media:title` (of the entry, its `media:content` or `media:group`): the title when there is no other. */
  mediaTitle: RawText | null;
  links: RawLink[];
  content: RawAtomContent | null;
  summary: RawAtomContent | null;
  /** Atom 1.0 `published`, Atom 0.3 `issued`/`created`. */
  published: string | null;
  /** Atom 1.0 `updated`, Atom 0.3 `modified`. */
  updated: string | null;
  dcDate: string | null;
  authors: RawPerson[];
  categories: string[];
  /** Media RSS attachments (Atom `rel="enclosure"` links are in `links`). */
  media: RawEnclosure[];
  base: string | null;
  lang: string | null;
}

/** The `<feed>`. */
export interface RawAtomFeed {
  version: '0.3' | '1.0';
  title: RawText | null;
  links: RawLink[];
  authors: RawPerson[];
  base: string | null;
  lang: string | null;
  entries: RawAtomEntry[];
}
