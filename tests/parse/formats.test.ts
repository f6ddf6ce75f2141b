import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../src/model.js';
import { parseFeed } from '../../src/parse/parse-feed.js';
import { FIXTURE_NOW, FIXTURE_URL, loadFixture } from '../helpers/parse-fixture.js';

async function parseFixture(name: string): Promise<ParsedFeed> {
  const result = await parseFeed(loadFixture(name), { baseUrl: FIXTURE_URL, now: FIXTURE_NOW });
  if (!result.ok) throw new Error(`fixture ${name} did not parse: ${result.error.message}`);
  return result.value;
}

describe('parseFeed: every format, sniffed from the content', () => {
  it.each([
    ['rss-2.0', 'rss', 'Example News', 'https://news.example.com/', 'en-GB', 2],
    ['rss-no-version', 'rss', 'No version', 'http://example.org/', null, 1],
    ['rss-0.90', 'rdf', 'Mozilla Dot Org', 'http://www.mozilla.org/', null, 2],
    ['rss-0.91', 'rss', 'Old School', 'http://old.example.org/', 'en-US', 1],
    ['rss-0.92', 'rss', 'Ninety-two', 'http://92.example.org/', null, 1],
    ['rss-1.0-rdf', 'rdf', 'RDF Site', 'http://rdf.example.org/', 'de', 1],
    ['atom-0.3', 'atom', 'Vieux Atom', 'http://atom03.example.org/', 'fr', 1],
    ['atom-1.0', 'atom', 'Example Blog', 'https://blog.example.net/', 'en', 2],
    ['atom-entry-document', 'atom', null, null, null, 1],
    ['atom-prefixed', 'atom', 'Prefixed Atom', 'https://prefixed.example/', null, 1],
    ['rdf-prefixed', 'rdf', 'Prefixed RDF', 'https://rdf-prefixed.example/', null, 1],
    ['json-feed-1.0', 'json', 'JSON One', 'https://json.example.org/', null, 1],
    ['json-feed-1.1', 'json', 'JSON Eleven', 'https://json11.example.org/', 'en-US', 1],
  ])('%s → %s', async (name, format, title, link, language, count) => {
    const feed = await parseFixture(name);
    expect({ format: feed.format, title: feed.title, link: feed.link, language: feed.language, count: feed.items.length }).toEqual({
      format,
      title,
      link,
      language,
      count,
    });
  });

  it('RSS 2.0: guid key, resolved links, dates in UTC, authors, categories, enclosures incl. Media RSS and iTunes', async () => {
    const feed = await parseFixture('rss-2.0');
    expect(feed.ttlMinutes).toBe(30);
    expect(feed.items[0]).toEqual({
      key: 'guid:story-4711',
      guid: 'story-4711',
      url: 'https://news.example.com/2024/storm?utm_source=rss',
      title: 'Storm hits the coast',
      summary: '<p>A short summary.</p>',
      contentHtml: '<p>The full <b>story</b>.</p>',
      published: '2024-03-05T13:30:00.000Z',
      updated: '2024-03-05T13:30:00.000Z',
      authors: ['Jane Doe (desk@news.example.com)', 'John Roe'],
      categories: ['Weather', 'UK'],
      enclosures: [
        { url: 'https://news.example.com/media/storm.mp3', type: 'audio/mpeg', length: 12345 },
        { url: 'https://cdn.example.com/storm.jpg', type: 'image/jpeg', length: null },
        { url: 'https://cdn.example.com/cover.png', type: 'image/png', length: null },
      ],
      lang: 'en-GB',
    });
    // Relative item links resolve against the channel's link.
    expect(feed.items[1]?.url).toBe('https://news.example.com/2024/second');
  });

  it('RSS 1.0: rdf:about is the guid, dc:date/creator/subject are read', async () => {
    const [item] = (await parseFixture('rss-1.0-rdf')).items;
    expect(item).toMatchObject({
      guid: 'http://rdf.example.org/item/1',
      published: '2023-11-02T07:15:00.000Z',
      authors: ['Erika Mustermann'],
      categories: ['Politik'],
      lang: 'de',
    });
  });

  it('Atom 0.3: issued/modified dates and escaped content', async () => {
    const [item] = (await parseFixture('atom-0.3')).items;
    expect(item).toMatchObject({
      published: '2004-01-01T10:00:00.000Z',
      updated: '2004-01-02T11:00:00.000Z',
      contentHtml: '<p>Bonjour</p>',
      title: 'Entrée',
      lang: 'fr',
    });
  });

  it('Atom 1.0: xml:base at feed and entry level, xhtml unwrapped, text summary escaped, inherited authors', async () => {
    const [first, second] = (await parseFixture('atom-1.0')).items;
    expect(first).toMatchObject({
      url: 'https://blog.example.net/posts/fish',
      title: 'Fish & chips',
      summary: 'Plain &lt;summary&gt;',
      contentHtml: '<p>Hello <em>world</em></p>',
      updated: '2024-02-02T17:00:00.000Z',
      authors: ['Feed Author'],
      categories: ['food'],
      enclosures: [{ url: 'https://blog.example.net/media/fish.ogg', type: 'audio/ogg', length: 999 }],
    });
    expect(second).toMatchObject({ url: 'https://other.example.net/dir/page', authors: ['Entry Author (e@example.net)'], lang: 'de' });
  });

  it('JSON Feed: numeric ids, relative urls, content_text escaped, 1.1 authors and attachments', async () => {
    const [one] = (await parseFixture('json-feed-1.0')).items;
    expect(one).toMatchObject({
      key: 'guid:1',
      url: 'https://json.example.org/p/1',
      contentHtml: 'a &lt; b',
      authors: ['Jay Son'],
      published: '2020-05-01T08:00:00.000Z',
      categories: ['x', 'y'],
    });
    const [eleven] = (await parseFixture('json-feed-1.1')).items;
    expect(eleven).toMatchObject({
      authors: ['Ann', 'Bob'],
      lang: 'en-GB',
      updated: '2021-01-02T00:00:00.000Z',
      enclosures: [{ url: 'https://json11.example.org/a1.mp3', type: 'audio/mpeg', length: 42 }],
    });
  });

  it('an Atom entry document is a feed of one entry', async () => {
    const feed = await parseFixture('atom-entry-document');
    expect(feed.items[0]?.url).toBe('https://example.org/lonely');
    expect(feed.warnings).toContain('read an Atom entry document as a feed of one entry');
  });
});
