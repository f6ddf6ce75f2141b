/**
 * Page metadata read with cheerio from the elements the pre-pass set aside (`<title>`, `<meta>`, `<link>`)
 * plus the page's JSON-LD article. Each field takes the first source that has it, in the order documented on
 * `PageMetadata`.
 */
import { parseFeedDate } from '../shared/parse-date.js';
import { load, type CheerioAPI } from 'cheerio/slim';
import type { JsonLdArticle } from './json-ld.js';

/** What the page says about itself. */
export interface PageMetadata {
  /** `<link rel=canonical>`, else `og:url`, else JSON-LD `url`; absolute http(s) only. */
  canonicalUrl: string | null;
  /** `og:title`, else JSON-LD `headline`, else `<title>` minus the site-name suffix. */
  title: string | null;
  /** `og:site_name`, else JSON-LD publisher, else `application-name`. */
  siteName: string | null;
  /** JSON-LD authors, else `author`-like meta tags (never a URL). */
  author: string | null;
  /** ISO 8601 UTC from `article:published_time`, JSON-LD `datePublished`, or common date meta tags. */
  publishedAt: string | null;
  /** ISO 8601 UTC from `article:modified_time`, `og:updated_time` or JSON-LD `dateModified`. */
  modifiedAt: string | null;
  /** BCP 47 tag from `<html lang>`, `content-language`, `og:locale` or JSON-LD `inLanguage`. */
  lang: string | null;
  /** `og:image`, else `twitter:image`, else JSON-LD `image`; absolute http(s) only. */
  leadImage: string | null;
}

/** Inputs of the metadata reader, all produced by the pre-pass. */
export interface MetadataSources {
  url: string;
  headHtml: string;
  htmlLang: string | null;
  jsonLd: JsonLdArticle | null;
}

const PUBLISHED_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
  'og:published_time',
  'citation_publication_date',
];
const MODIFIED_KEYS = ['article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified'];
const AUTHOR_KEYS = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl', 'twitter:creator'];

/** Reads the metadata; total (every field falls back to null). */
export function readMetadata(sources: MetadataSources): PageMetadata {
  const $ = load(sources.headHtml);
  const metas = metaValues($);
  const ld = sources.jsonLd;
  const siteName = first(metas, ['og:site_name']) ?? ld?.publisher ?? first(metas, ['application-name']);
  return {
    canonicalUrl: absoluteUrl(canonicalHref($) ?? first(metas, ['og:url']) ?? ld?.url ?? null, sources.url),
    title: first(metas, ['og:title', 'twitter:title']) ?? ld?.headline ?? titleWithoutSite(pageTitle($), siteName),
    siteName,
    author: ld?.authors.filter((name) => !isUrl(name)).join(', ') || authorFromMetas(metas),
    publishedAt: pageDate(ld?.datePublished ?? null) ?? firstDate(metas, PUBLISHED_KEYS),
    modifiedAt: firstDate(metas, MODIFIED_KEYS) ?? pageDate(ld?.dateModified ?? null),
    lang: normalizeLang(sources.htmlLang ?? first(metas, ['content-language', 'og:locale', 'language']) ?? ld?.inLanguage ?? null),
    leadImage: absoluteUrl(
      first(metas, ['og:image', 'og:image:url', 'twitter:image', 'twitter:image:src']) ?? ld?.image ?? null,
      sources.url,
    ),
  };
}

/** `<meta>` values keyed by lower-cased property / name / itemprop / http-equiv; the first of each key wins. */
function metaValues($: CheerioAPI): Map<string, string> {
  const values = new Map<string, string>();
  $('meta').each((_, element) => {
    const content = ($(element).attr('content') ?? '').trim();
    if (content === '') return;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = ($(element).attr(attribute) ?? '').trim().toLowerCase();
      if (key !== '' && !values.has(key)) values.set(key, content);
    }
  });
  return values;
}

function first(metas: Map<string, string>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = metas.get(key);
    if (value !== undefined) return value;
  }
  return null;
}

function firstDate(metas: Map<string, string>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const date = pageDate(metas.get(key) ?? null);
    if (date !== null) return date;
  }
  return null;
}

function authorFromMetas(metas: Map<string, string>): string | null {
  for (const key of AUTHOR_KEYS) {
    const value = metas.get(key);
    if (value !== undefined && !isUrl(value)) return value.replace(/^@/, '');
  }
  return null;
}

function canonicalHref($: CheerioAPI): string | null {
  let href: string | null = null;
  $('link[rel]').each((_, element) => {
    const rel = ($(element).attr('rel') ?? '').toLowerCase().split(/\s+/);
    if (href === null && rel.includes('canonical')) href = ($(element).attr('href') ?? '').trim() || null;
  });
  return href;
}

function pageTitle($: CheerioAPI): string | null {
  const title = $('title').first().text().replace(/\s+/g, ' ').trim();
  return title === '' ? null : title;
}

const TITLE_SEPARATOR = /\s+[|\-–—:·•»]\s+|\s+::\s+/;

/**
 * Drops a site name from either end of a `<title>` ("Story – Site", "Site | Story"); without a known site name,
 * drops the last separated part when what remains still reads like a headline (three words or more).
 */
export function titleWithoutSite(title: string | null, siteName: string | null): string | null {
  if (title === null) return null;
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const site = siteName === null ? null : comparable(siteName);
  if (site !== null) {
    const kept = parts.filter((part) => comparable(part) !== site);
    if (kept.length < parts.length && kept.length > 0) return kept.join(' - ');
  }
  const head = parts.slice(0, -1).join(' - ');
  return head.split(/\s+/).length >= 3 ? head : title;
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A page's date as ISO 8601 UTC, read by the one date parser feeds use; null unless it falls in 1990-2100 (older or later dates on a page are template noise, not publication times). */
export function pageDate(value: string | null): string | null {
  const date = parseFeedDate(value);
  if (date === null) return null;
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2100 ? date.toISOString() : null;
}

/** `en_US` → `en-US`; null for empty or malformed tags. */
export function normalizeLang(value: string | null): string | null {
  if (value === null) return null;
  const tag =
    value
      .trim()
      .replace(/_/g, '-')
      .split(/[\s,;]/)[0] ?? '';
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null;
}

/** Resolves against the page URL; only http(s) URLs are kept. */
export function absoluteUrl(value: string | null, base: string): string | null {
  if (value === null || value.trim() === '') return null;
  try {
    const resolved = new URL(value.trim(), base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}
