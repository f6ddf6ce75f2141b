/**
 * Field-level normalization shared by the format adapters: plain-text titles, ISO dates, people, categories,
 * enclosures. The adapters decide which raw value feeds which field; these functions decide what it becomes.
 */
import type { Enclosure, FeedItem, ParsedFeed } from '../model.js';
import { parseFeedDate } from '../shared/parse-date.js';
import { collapseWhitespace, decodeAttributeValue, escapeHtml, htmlToPlainText, stripControls, textToPlainText } from './plain-text.js';
import type { RawEnclosure, RawPerson, RawText } from './raw-common.js';
import { resolveHttpUrl } from './resolve-url.js';

/** An item before its key is assigned (keys depend on the whole feed: duplicates, collisions). */
export type ItemDraft = Omit<FeedItem, 'key'> & {
  /** False when the feed said its guid is not a permalink (RSS `isPermaLink="false"`). */
  guidIsPermalink: boolean;
};

/** A feed before keys, caps and date checks (see finish-feed.ts). */
export type FeedDraft = Omit<ParsedFeed, 'items' | 'warnings'> & { items: ItemDraft[] };

/** Longest title kept, in characters; the rest is cut at a word boundary. */
const MAX_TITLE_LENGTH = 1000;
/** Longest raw title or label read at all: 16× what is kept leaves room for markup, bounds the work. */
const MAX_RAW_TEXT = 16 * MAX_TITLE_LENGTH;
/** Longest author name or category kept. */
const MAX_LABEL_LENGTH = 200;
/** Most authors, categories and enclosures kept per item. */
const MAX_LIST_LENGTH = 50;

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/** Atom text construct types that carry markup. */
function isMarkupType(type: string | null): boolean {
  const t = (type ?? 'text').trim().toLowerCase();
  return t === 'html' || t === 'xhtml' || t.endsWith('/html') || t.endsWith('+xml') || t.endsWith('/xml');
}

/** A title from a text that may hold HTML (RSS titles are routinely escaped HTML). */
export function titleFromHtml(value: string | null): string {
  return value === null ? '' : truncate(htmlToPlainText(value.slice(0, MAX_RAW_TEXT)), MAX_TITLE_LENGTH);
}

/** A title from an Atom text construct: markup only when its type says so. */
export function titleFromText(text: RawText | null): string {
  if (text === null) return '';
  const value = text.value.slice(0, MAX_RAW_TEXT);
  const plain = isMarkupType(text.type) ? htmlToPlainText(value) : textToPlainText(value);
  return truncate(plain, MAX_TITLE_LENGTH);
}

/** Removes the `<div>` wrapper the Atom spec requires around xhtml content (it is not part of the content). */
function unwrapXhtmlDiv(html: string): string {
  const match = /^\s*<(?:[\w-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?div>\s*$/.exec(html);
  return match?.[1] ?? html;
}

/** HTML from an Atom text construct: text is escaped, xhtml unwrapped, html kept. Empty → null. */
export function htmlFromText(text: RawText | null): string | null {
  if (text === null) return null;
  const t = (text.type ?? 'text').trim().toLowerCase();
  const html = !isMarkupType(text.type)
    ? escapeHtml(text.value)
    : t === 'xhtml' || t === 'application/xhtml+xml'
      ? unwrapXhtmlDiv(text.value)
      : text.value;
  return nonEmpty(html);
}

/** `href`/`src` attributes in HTML; values cannot contain their quote, so each match is found in one pass. */
const URL_ATTRIBUTE = /(\s(?:href|src)\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi;

/**
 * Resolves relative `href` and `src` values in feed HTML against the item's base (xml:base applies to content
 * too, RFC 4287 §2), so the HTML still works away from the feed. Absolute and non-http references are kept.
 */
export function absolutizeHtml(html: string | null, base: string | null): string | null {
  if (html === null || base === null || !/\s(?:href|src)\s*=/i.test(html)) return html;
  return html.replace(URL_ATTRIBUTE, (match, prefix: string, double: string | undefined, single: string | undefined) => {
    // The value the browser would read: `jav&#x61;script:` is a scheme, `?a=1&amp;b=2` has one `&`.
    const value = decodeAttributeValue(double ?? single ?? '').trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('#')) return match;
    const resolved = resolveHttpUrl(value, base);
    return resolved === null ? match : `${prefix}"${escapeHtml(resolved)}"`;
  });
}

/** The value with controls removed and trimmed, or null when nothing is left. */
export function nonEmpty(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = stripControls(value).trim();
  return cleaned === '' ? null : cleaned;
}

/** The first date among the candidates that parses, as ISO 8601 UTC. */
export function isoDate(...candidates: (string | null)[]): string | null {
  for (const candidate of candidates) {
    const date = parseFeedDate(candidate);
    if (date !== null) return date.toISOString();
  }
  return null;
}

function label(value: string): string {
  return truncate(htmlToPlainText(value.slice(0, MAX_RAW_TEXT)), MAX_LABEL_LENGTH);
}

/** Distinct, non-empty values in their first order, at most `MAX_LIST_LENGTH`. */
export function distinct(values: string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    if (value !== '' && seen.size < MAX_LIST_LENGTH) seen.add(value);
  }
  return [...seen];
}

function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(text);
}

/** A person as feed readers show one: "Name (email)", else whichever of the two is given. */
function personLabel(name: string | null, email: string | null): string {
  const n = collapseWhitespace(name ?? '');
  const e = collapseWhitespace(email ?? '').replace(/^mailto:/i, '');
  return n !== '' && e !== '' && n !== e ? `${n} (${e})` : n !== '' ? n : e;
}

/**
 * An author from an RSS author string, as feed readers show it: "jane@example.org (Jane Doe)",
 * "Jane Doe (jane@example.org)" and "Jane Doe <jane@example.org>" all give "Jane Doe (jane@example.org)"; a bare
 * address or name is kept as it is; any other parenthesis ("Jane Doe (Editor)") is left out.
 */
export function authorFromString(value: string): string {
  const text = collapseWhitespace(value);
  // Before `label`: as HTML, `<jane@example.org>` would be a tag.
  const angle = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text);
  if (angle !== null) return label(escapeHtml(personLabel(angle[1] ?? null, angle[2] ?? null)));
  const paren = /^(.*?)\s*\(([^()]*)\)$/.exec(text);
  if (paren !== null) {
    const [, outside = '', inside = ''] = paren;
    if (isEmail(outside)) return label(personLabel(inside, outside));
    if (isEmail(inside.trim())) return label(personLabel(outside, inside));
    return label(outside === '' ? inside : outside);
  }
  return label(text);
}

/** People as feed readers show them: "Name (email)", else the name, else the email, else the URI. */
export function authorsFromPeople(people: RawPerson[]): string[] {
  return distinct(people.map((p) => label(personLabel(p.name, p.email) || (p.uri ?? ''))));
}

/** Category labels, plain text. */
export function categoriesFrom(values: string[]): string[] {
  return distinct(values.map(label));
}

function parseLength(value: string | null): number | null {
  if (value === null || !/^\s*\d{1,15}\s*$/.test(value)) return null;
  return Number(value);
}

const IMAGE_TYPES: ReadonlyMap<string, string> = new Map([
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['webp', 'image/webp'],
  ['avif', 'image/avif'],
  ['svg', 'image/svg+xml'],
]);

/** The MIME type of an image URL from its extension, or null. */
function imageType(url: string): string | null {
  const extension = /\.([a-z]{3,4})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return extension === undefined ? null : (IMAGE_TYPES.get(extension) ?? null);
}

/** Enclosures with absolute http(s) URLs, one per URL. */
export function enclosuresFrom(raw: RawEnclosure[], base: string | null): Enclosure[] {
  const byUrl = new Map<string, Enclosure>();
  for (const enclosure of raw) {
    const url = resolveHttpUrl(enclosure.url, base);
    if (url === null || byUrl.has(url) || byUrl.size >= MAX_LIST_LENGTH) continue;
    const type = nonEmpty(enclosure.type) ?? (enclosure.medium === 'image' ? imageType(url) : null);
    byUrl.set(url, { url, type, length: parseLength(enclosure.length) });
  }
  return [...byUrl.values()];
}

/**
 * A tag in BCP 47 form (RFC 5646 §2.1.1): subtags joined by hyphens (`en_US` is a POSIX locale name), the
 * language in lower case, a script in title case, a region in upper case (`EN-us` → `en-US`, `zh_hant_tw` →
 * `zh-Hant-TW`); everything after a singleton (`x-…`, `u-…`) in lower case.
 */
function bcp47(tag: string): string {
  let afterSingleton = false;
  return tag
    .split(/[-_]/)
    .map((subtag, index) => {
      const lower = subtag.toLowerCase();
      afterSingleton ||= index > 0 && subtag.length === 1;
      if (index === 0 || afterSingleton) return lower;
      if (/^[a-z]{4}$/.test(lower)) return lower.charAt(0).toUpperCase() + lower.slice(1);
      return /^([a-z]{2}|\d{3})$/.test(lower) ? lower.toUpperCase() : lower;
    })
    .join('-');
}

/** The first candidate that is a language tag, in BCP 47 form (`en_us` → `en-US`), or null. */
export function languageFrom(...candidates: (string | null)[]): string | null {
  for (const candidate of candidates) {
    const tag = nonEmpty(candidate);
    if (tag !== null && /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(tag)) return bcp47(tag);
  }
  return null;
}
