import * as cheerio from 'cheerio';
import type { NewFeed } from './feeds-file.js';
import { feedNameFromUrl } from './feeds-file.js';

/**
 * The feeds of an OPML subscription list: every `<outline>` with an `xmlUrl` (nested folders become tags).
 * Outlines whose URL is not http(s) are skipped.
 */
export function parseOpml(xml: string): NewFeed[] {
  const $ = cheerio.load(xml, { xml: { xmlMode: true, decodeEntities: true } });
  const feeds: NewFeed[] = [];
  $('outline[xmlUrl]').each((_index, element) => {
    const url = ($(element).attr('xmlUrl') ?? '').trim();
    if (!/^https?:\/\//i.test(url)) return;
    const title = ($(element).attr('title') ?? $(element).attr('text') ?? '').trim();
    const tags = $(element)
      .parents('outline')
      .map((_i, parent) => ($(parent).attr('text') ?? $(parent).attr('title') ?? '').trim())
      .get()
      .filter((tag) => tag !== '')
      .reverse();
    feeds.push({ name: slug(title) || feedNameFromUrl(url), url, ...(title ? { outlet: title } : {}), ...(tags.length ? { tags } : {}) });
  });
  return feeds;
}

/** An OPML 2.0 document listing the feeds, grouped by their first tag. */
export function formatOpml(feeds: ReadonlyArray<{ name: string; url: string; outlet: string; tags: string[] }>, now = new Date()): string {
  const outline = (feed: { name: string; url: string; outlet: string }) =>
    `<outline type="rss" text="${escape(feed.outlet)}" title="${escape(feed.outlet)}" xmlUrl="${escape(feed.url)}"/>`;
  const groups = new Map<string, string[]>();
  for (const feed of feeds) {
    const tag = feed.tags[0] ?? '';
    groups.set(tag, [...(groups.get(tag) ?? []), outline(feed)]);
  }
  const body = [...groups.entries()].flatMap(([tag, lines]) =>
    tag
      ? [`    <outline text="${escape(tag)}">`, ...lines.map((line) => `      ${line}`), '    </outline>']
      : lines.map((line) => `    ${line}`),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>newsdedup feeds</title><dateCreated>${now.toUTCString()}</dateCreated></head>`,
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
