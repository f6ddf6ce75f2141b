import * as cheerio from 'cheerio';

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
]);

/** Paths where sites commonly publish their feed, tried when a page announces none. */
export const COMMON_FEED_PATHS = [
  '/feed',
  '/rss',
  '/rss.xml',
  '/feed.xml',
  '/atom.xml',
  '/index.xml',
  '/feeds/posts/default',
  '/?feed=rss2',
];

/**
 * The feeds an HTML page announces with `<link rel="alternate" type="application/rss+xml" href="…">` (RSS, Atom,
 * JSON Feed), as absolute http(s) URLs in document order, without duplicates.
 */
export function findFeedLinks(html: string, pageUrl: string): string[] {
  const $ = cheerio.load(html.slice(0, 2 * 1024 * 1024));
  const found: string[] = [];
  $('link[rel][href]').each((_index, element) => {
    const rel = ($(element).attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = ($(element).attr('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
    const url = absoluteHttpUrl($(element).attr('href') ?? '', pageUrl);
    if (url && !found.includes(url)) found.push(url);
  });
  return found;
}

function absoluteHttpUrl(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
