/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): our own small reader into a raw type, then an
 * adapter into the normalized model. Unknown or mistyped members are ignored, never trusted.
 */
import { err, ok, type Result } from '../model.js';
import {
  absolutizeHtml,
  authorsFromPeople,
  categoriesFrom,
  enclosuresFrom,
  isoDate,
  languageFrom,
  nonEmpty,
  titleFromText,
  type FeedDraft,
  type ItemDraft,
} from './normalize-fields.js';
import { escapeHtml } from './plain-text.js';
import type { RawEnclosure, RawPerson } from './raw-common.js';
import { resolveBase, resolveHttpUrl } from './resolve-url.js';

/** One JSON Feed item, members as written (mistyped members read as null). */
export interface RawJsonItem {
  id: string | null;
  url: string | null;
  externalUrl: string | null;
  title: string | null;
  contentHtml: string | null;
  contentText: string | null;
  summary: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: RawPerson[];
  tags: string[];
  language: string | null;
  attachments: RawEnclosure[];
}

/** A JSON Feed document. */
export interface RawJsonFeed {
  version: string | null;
  title: string | null;
  homePageUrl: string | null;
  feedUrl: string | null;
  language: string | null;
  authors: RawPerson[];
  items: RawJsonItem[];
}

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(object: JsonObject, key: string): string | null {
  const value = object[key];
  if (typeof value === 'string') return value;
  // Ids are often numbers in the wild although the spec says string.
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function toPerson(object: JsonObject): RawPerson {
  return { name: str(object, 'name'), email: null, uri: str(object, 'url') };
}

/** JSON Feed 1.1 `authors` and the deprecated 1.0 `author` (feeds written for both readers carry both). */
function people(object: JsonObject): RawPerson[] {
  const single = object['author'];
  return [...objects(object['authors']), ...(isObject(single) ? [single] : [])].map(toPerson);
}

function toAttachment(object: JsonObject): RawEnclosure | null {
  const url = str(object, 'url');
  return url === null ? null : { url, type: str(object, 'mime_type'), length: str(object, 'size_in_bytes'), medium: null };
}

function toItem(object: JsonObject): RawJsonItem {
  const tags = Array.isArray(object['tags']) ? object['tags'].filter((t): t is string => typeof t === 'string') : [];
  return {
    id: str(object, 'id'),
    url: str(object, 'url'),
    externalUrl: str(object, 'external_url'),
    title: str(object, 'title'),
    contentHtml: str(object, 'content_html'),
    contentText: str(object, 'content_text'),
    summary: str(object, 'summary'),
    datePublished: str(object, 'date_published'),
    dateModified: str(object, 'date_modified'),
    authors: people(object),
    tags,
    language: str(object, 'language'),
    attachments: objects(object['attachments'])
      .map(toAttachment)
      .filter((a): a is RawEnclosure => a !== null),
  };
}

/** Reads a JSON Feed document; the reason is returned when it is not JSON or not a JSON Feed. */
export function readJsonFeed(text: string): Result<RawJsonFeed, string> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    return err(`invalid JSON (${cause instanceof Error ? cause.message : 'syntax error'})`);
  }
  if (!isObject(document)) return err('JSON document is not an object');
  const version = str(document, 'version');
  // Lenient: a non-standard version ("1.1") is accepted as long as the document has the items of a feed.
  if ((version === null || !version.includes('jsonfeed.org')) && !Array.isArray(document['items'])) {
    return err(`not a JSON Feed (version is ${JSON.stringify(version)}, expected https://jsonfeed.org/version/1.x, and no items)`);
  }
  return ok({
    version,
    title: str(document, 'title'),
    homePageUrl: str(document, 'home_page_url'),
    feedUrl: str(document, 'feed_url'),
    language: str(document, 'language'),
    authors: people(document),
    items: objects(document['items']).map(toItem),
  });
}

function adaptItem(item: RawJsonItem, base: string | null, language: string | null, feedAuthors: string[]): ItemDraft {
  const authors = authorsFromPeople(item.authors);
  const text = nonEmpty(item.contentText);
  return {
    guid: nonEmpty(item.id),
    guidIsPermalink: true,
    url: resolveHttpUrl(item.url, base) ?? resolveHttpUrl(item.externalUrl, base),
    // JSON Feed titles and summaries are plain text; summaries become HTML like those of the other formats.
    title: titleFromText(item.title === null ? null : { value: item.title, type: 'text' }),
    summary: nonEmpty(item.summary === null ? null : escapeHtml(item.summary)),
    contentHtml: absolutizeHtml(nonEmpty(item.contentHtml), base) ?? (text === null ? null : escapeHtml(text)),
    published: isoDate(item.datePublished),
    updated: isoDate(item.dateModified, item.datePublished),
    authors: authors.length > 0 ? authors : feedAuthors,
    categories: categoriesFrom(item.tags),
    enclosures: enclosuresFrom(item.attachments, base),
    lang: languageFrom(item.language, language),
  };
}

/** Adapts a JSON Feed; relative URLs resolve against `home_page_url`, else the URL it was fetched from. */
export function adaptJsonFeed(feed: RawJsonFeed, baseUrl: string): FeedDraft {
  const link = resolveHttpUrl(feed.homePageUrl, baseUrl);
  const base = resolveBase(null, link ?? baseUrl);
  const language = languageFrom(feed.language);
  const authors = authorsFromPeople(feed.authors);
  return {
    format: 'json',
    title: nonEmpty(titleFromText(feed.title === null ? null : { value: feed.title, type: 'text' })),
    link,
    language,
    ttlMinutes: null,
    items: feed.items.map((item) => adaptItem(item, base, language, authors)),
  };
}
