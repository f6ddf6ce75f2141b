/**
 * Pieces shared by the raw (format-specific) feed types: values exactly as written in the feed, before any
 * normalization. Adapters turn raw feeds into the one model in src/model.ts.
 */

/** A text construct: its value and, for Atom, its declared type (`text`, `html`, `xhtml` or a MIME type). */
export interface RawText {
  value: string;
  type: string | null;
}

/** A link element (Atom `<link>`, RSS `<atom:link>`), attributes as written. */
export interface RawLink {
  href: string;
  rel: string | null;
  type: string | null;
  length: string | null;
  /** xml:base on the link element itself. */
  base: string | null;
}

/** A media attachment: RSS `<enclosure>`, Media RSS `<media:content>`, Atom `rel="enclosure"`. */
export interface RawEnclosure {
  url: string;
  type: string | null;
  length: string | null;
  /** Media RSS `medium` (image, video, audio …), when given. */
  medium: string | null;
}

/** A person: Atom author/contributor, or an RSS author string split into name and email. */
export interface RawPerson {
  name: string | null;
  email: string | null;
  uri: string | null;
}
