import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLES, type DemoArticle } from '../../src/demo/demo-corpus.js';
import { startDemoServer, type DemoFeed, type DemoServer } from '../../src/demo/demo-server.js';
import { DEMO_EXPECTED } from '../../src/demo/expected.js';

/** Lower-cased 5-word shingles, the same unit the fingerprint stage works on (kept local on purpose). */
function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const result = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i += 1) result.add(words.slice(i, i + 5).join(' '));
  return result;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const shingle of a) if (b.has(shingle)) shared += 1;
  return shared / (a.size + b.size - shared);
}

function bodyOf(article: DemoArticle): string {
  return article.story.paragraphs.join('\n');
}

function articleAt(path: string): DemoArticle {
  const article = DEMO_ARTICLES.find((candidate) => candidate.path === path);
  if (article === undefined) throw new Error(`no article at ${path}`);
  return article;
}

function expectedPaths(): string[] {
  return [...DEMO_EXPECTED.events.flatMap((event) => event.paths), ...DEMO_EXPECTED.wireCopies, ...DEMO_EXPECTED.standalone];
}

/** Article links a feed lists, as paths, checked against the format's required elements on the way. */
function feedLinks(feed: DemoFeed, xml: string): string[] {
  const $ = cheerio.load(xml, { xml: true });
  if (feed.format === 'rss') {
    expect($('rss').attr('version')).toBe('2.0');
    return $('channel > item')
      .toArray()
      .map((item) => {
        const $item = $(item);
        expect($item.children('title').text()).not.toBe('');
        expect($item.children('guid').text()).not.toBe('');
        expect($item.children('description').text()).not.toBe('');
        expect($item.children('pubDate').text()).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (GMT|\+0000)$/);
        return new URL($item.children('link').text()).pathname;
      });
  }
  expect($('feed').attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
  return $('feed > entry')
    .toArray()
    .map((entry) => {
      const $entry = $(entry);
      expect($entry.children('id').text()).not.toBe('');
      expect($entry.children('summary').text()).not.toBe('');
      for (const field of ['updated', 'published']) {
        expect($entry.children(field).text()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }
      return new URL($entry.children('link[rel="alternate"]').attr('href') ?? '').pathname;
    });
}

describe('startDemoServer', () => {
  let server: DemoServer;
  const linksByFeed = new Map<string, string[]>();

  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 and lists six feeds, RSS and Atom, on its own origin', () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.feeds).toHaveLength(6);
    expect(new Set(server.feeds.map((feed) => feed.format))).toEqual(new Set(['rss', 'atom']));
    for (const feed of server.feeds) expect(feed.url.startsWith(`${server.baseUrl}/`)).toBe(true);
  });

  it('serves every feed as valid RSS 2.0 or Atom 1.0 with validators, listing pages on the same server', async () => {
    for (const feed of server.feeds) {
      const response = await fetch(feed.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(`application/${feed.format}+xml; charset=utf-8`);
      expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
      expect(Number.isNaN(Date.parse(response.headers.get('last-modified') ?? ''))).toBe(false);
      const links = feedLinks(feed, await response.text());
      expect(links.length).toBeGreaterThanOrEqual(4);
      linksByFeed.set(feed.name, links);
    }
  });

  it('lists every article of DEMO_EXPECTED exactly once across all feeds', () => {
    const listed = [...linksByFeed.values()].flat();
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...expectedPaths()].sort());
    expect(new Set(expectedPaths()).size).toBe(DEMO_ARTICLES.length);
  });

  it('serves every article page as HTML with the article text and its metadata', async () => {
    for (const path of expectedPaths()) {
      const article = articleAt(path);
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const $ = cheerio.load(await response.text());
      expect($('html').attr('lang')).toBe('en');
      expect($('link[rel="canonical"]').attr('href')).toBe(`${server.baseUrl}${path}`);
      expect($('meta[property="og:title"]').attr('content')).toBe(article.story.headline);
      expect($('meta[property="og:site_name"]').attr('content')).toBe(article.outlet.name);
      expect($('meta[property="article:published_time"]').attr('content')).toBe(article.story.publishedAt);
      const text = $('body').text();
      for (const paragraph of article.story.paragraphs) expect(text).toContain(paragraph);
    }
  });

  it('puts a JSON-LD NewsArticle on the pages of outlets that use one', async () => {
    const article = DEMO_ARTICLES.find((candidate) => candidate.outlet.jsonLd);
    if (article === undefined) throw new Error('no outlet with JSON-LD');
    const $ = cheerio.load(await (await fetch(`${server.baseUrl}${article.path}`)).text());
    const data: unknown = JSON.parse($('script[type="application/ld+json"]').text());
    expect(data).toMatchObject({ '@type': 'NewsArticle', headline: article.story.headline });
  });

  it('answers 304 to a conditional GET with a matching ETag or a later If-Modified-Since', async () => {
    const url = server.feeds[0]?.url ?? '';
    const first = await fetch(url);
    await first.arrayBuffer();
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    const byEtag = await fetch(url, { headers: { 'If-None-Match': `W/"other", ${etag}` } });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe('');
    const byDate = await fetch(url, { headers: { 'If-Modified-Since': lastModified } });
    expect(byDate.status).toBe(304);
    const stale = await fetch(url, { headers: { 'If-None-Match': '"stale"', 'If-Modified-Since': lastModified } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain('<rss');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const url = server.feeds[1]?.url ?? '';
    const get = await fetch(url);
    const length = (await get.arrayBuffer()).byteLength;
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(length));
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(await head.text()).toBe('');
  });

  it('allows all crawlers in robots.txt', async () => {
    const response = await fetch(`${server.baseUrl}/robots.txt`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('User-agent: *\nAllow: /\n');
  });

  it.each(['/', '/nowhere', '/kite-news/a/no-such-story', '/harbour-gazette/rss.xml/extra'])(
    'answers 404 for the unknown path %s',
    async (path) => {
      const response = await fetch(`${server.baseUrl}${path}`);
      expect(response.status).toBe(404);
      await response.arrayBuffer();
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    const response = await fetch(`${server.baseUrl}/robots.txt`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    await response.arrayBuffer();
  });

  it('counts every request it answered', async () => {
    const before = server.hits();
    await (await fetch(`${server.baseUrl}/robots.txt`)).text();
    await (await fetch(`${server.baseUrl}/missing`)).text();
    expect(server.hits()).toBe(before + 2);
  });
});

describe('demo corpus', () => {
  it('has four events covered by three to five outlets each, and four wire copies on four outlets', () => {
    expect(DEMO_EXPECTED.events).toHaveLength(4);
    for (const event of DEMO_EXPECTED.events) {
      const outlets = new Set(event.paths.map((path) => articleAt(path).outlet.id));
      expect(event.paths.length).toBeGreaterThanOrEqual(3);
      expect(event.paths.length).toBeLessThanOrEqual(5);
      expect(outlets.size).toBe(event.paths.length);
    }
    expect(new Set(DEMO_EXPECTED.wireCopies.map((path) => articleAt(path).outlet.id)).size).toBe(4);
    expect(DEMO_EXPECTED.standalone.length).toBeGreaterThanOrEqual(4);
  });

  it('writes event articles of 250 to 450 words', () => {
    for (const path of DEMO_EXPECTED.events.flatMap((event) => event.paths)) {
      const words = bodyOf(articleAt(path)).split(/\s+/).length;
      expect(words, path).toBeGreaterThanOrEqual(250);
      expect(words, path).toBeLessThanOrEqual(450);
    }
  });

  it('spreads publication over about three days', () => {
    const times = DEMO_ARTICLES.map((article) => Date.parse(article.story.publishedAt));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(3 * 24 * 3600 * 1000);
  });

  it('gives the wire copies mostly the same body text', () => {
    const copies = DEMO_EXPECTED.wireCopies.map((path) => shingles(bodyOf(articleAt(path))));
    for (const [i, a] of copies.entries()) {
      for (const b of copies.slice(i + 1)) expect(jaccard(a, b)).toBeGreaterThan(0.8);
    }
  });

  it('words each outlet\u2019s coverage of an event itself: few shared 5-word shingles', () => {
    for (const event of DEMO_EXPECTED.events) {
      const bodies = event.paths.map((path) => shingles(bodyOf(articleAt(path))));
      for (const [i, a] of bodies.entries()) {
        for (const b of bodies.slice(i + 1)) expect(jaccard(a, b), event.label).toBeLessThan(0.05);
      }
    }
  });

  it('keeps the two similar floods apart: different places and numbers', () => {
    const [marrow, tessel] = ['Marrow', 'Tessel'].map((name) => {
      const event = DEMO_EXPECTED.events.find((candidate) => candidate.label.includes(name));
      if (event === undefined) throw new Error(`no ${name} event`);
      return event.paths.map((path) => bodyOf(articleAt(path))).join('\n');
    });
    expect(marrow).toContain('Ashby Reach');
    expect(marrow).not.toContain('Dunhallow');
    expect(tessel).toContain('Dunhallow');
    expect(tessel).not.toContain('Ashby Reach');
  });
});
