import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/parse-feed.js';
import { FIXTURE_NOW, FIXTURE_URL, loadFixture } from '../helpers/parse-fixture.js';

const options = { baseUrl: FIXTURE_URL, now: FIXTURE_NOW };

describe('parseFeed: lenient recovery, each repair recorded as a warning', () => {
  it.each([
    ['junk-before-root', 'After junk', 'Still here', 'removed text before the XML declaration'],
    ['bare-ampersand', 'Tom & Jerry', 'Q&A: cats & dogs', "escaped 4 bare '&'"],
    ['html-entities', 'Café news', 'Wait… what — © &bogus;', 'replaced 5 HTML named entities with character references'],
    ['invalid-xml-chars', 'Control chars', 'Bell item ok', 'removed 4 control characters or terminal escape sequences'],
    ['unclosed-elements', 'Truncated', 'Cut off', 'closed 4 elements left open at the end of the document (truncated feed?)'],
    ['mismatched-tags', 'Mismatch', 'A bold claim', 'removed end tags that close no open element'],
    ['stray-less-than', '1 < 2', 'x < y', "escaped '<' that does not start a tag"],
    ['two-root-elements', 'First root', 'one', 'removed content after the root element (more than one root element?)'],
    ['nested-markup-title', 'Nested', 'Breaking: big news today', 'kept markup inside text elements as HTML'],
    ['malformed-attributes', 'Attributes', 'Unquoted', 'repaired malformed attributes (unquoted, without value or repeated)'],
  ])('%s', async (name, feedTitle, itemTitle, warning) => {
    const result = await parseFeed(loadFixture(name), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe(feedTitle);
    expect(result.value.items[0]?.title).toBe(itemTitle);
    expect(result.value.warnings).toContain(warning);
  });

  it('malformed attributes are read leniently: unquoted values, the first of repeated ones', async () => {
    const result = await parseFeed(loadFixture('malformed-attributes'), options);
    expect(result.ok && result.value.items[0]).toMatchObject({
      guid: 'attr-1',
      key: 'guid:attr-1',
      enclosures: [{ url: 'http://attr.example/a.mp3', type: 'audio/mpeg', length: 10 }],
    });
  });

  it.each([
    ['<rss version="2.0"></rss>', 0],
    ['<rss version="2.0"/>', 0],
    ['<rss version="2.0"><wrapper><channel><item><title>x</title></item></channel></wrapper></rss>', 0],
    [
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="http://r.example/1"><title>x</title></item></rdf:RDF>',
      1,
    ],
  ])('a root without <channel> is read as an empty channel: %s', async (text, count) => {
    const result = await parseFeed(text, options);
    expect(result.ok && result.value.items.length).toBe(count);
    expect(result.ok && result.value.warnings).toContain('the feed has no <channel> element');
  });

  it('a byte order mark in the text is removed and reported', async () => {
    const result = await parseFeed(`\uFEFF${loadFixture('bom')}`, options);
    expect(result.ok && result.value.warnings).toContain('removed a byte order mark');
    expect(result.ok && result.value.title).toBe('BOM feed');
  });

  it('lone surrogates are removed and reported', async () => {
    const text = '<rss version="2.0"><channel><title>Half \uD83D pair \uDE00 here</title></channel></rss>';
    const result = await parseFeed(text, options);
    expect(result.ok && result.value.title).toBe('Half pair here');
    expect(result.ok && result.value.warnings).toContain('removed 2 lone surrogate code units');
  });

  it('references to characters XML forbids are dropped (&#x1;, &#xD800;, &#xFFFE;)', async () => {
    const result = await parseFeed(loadFixture('invalid-xml-chars'), options);
    expect(result.ok && result.value.warnings).toContain('dropped 3 references to characters XML forbids');
  });

  it.each([
    ['not-a-feed', 'not_a_feed', 'parse: unable to parse feed: root element <html> is not <rss>, <rdf:RDF> or <feed>'],
    ['invalid-json', 'invalid_json', 'parse: unable to parse feed: invalid JSON (Unexpected end of JSON input)'],
    [
      'cdf',
      'unsupported_format',
      'parse: unable to parse feed: root element <CHANNEL>: the Channel Definition Format (CDF, Internet Explorer 4) is not supported',
    ],
    [
      'scripting-news',
      'unsupported_format',
      "parse: unable to parse feed: root element <scriptingNews>: UserLand's scriptingNews format is not supported",
    ],
  ])('%s → a clear error with the reason, disposition skip', async (name, code, message) => {
    const result = await parseFeed(loadFixture(name), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({
      code: result.error.code,
      message: result.error.message,
      disposition: result.error.disposition,
      stage: result.error.stage,
    }).toEqual({ code, message, disposition: 'skip', stage: 'parse' });
  });

  it.each([
    ['', 'empty_document', 'parse: unable to parse feed: the document is empty'],
    [
      '<opml version="2.0"><body><outline xmlUrl="https://x.example/feed"/></body></opml>',
      'unsupported_format',
      'parse: unable to parse feed: root element <opml>: an OPML outline (a subscription list, not a feed: see `newsdedup feeds import-opml`) is not supported',
    ],
    [
      '<Backslash><story><title>t</title></story></Backslash>',
      'unsupported_format',
      "parse: unable to parse feed: root element <Backslash>: Slashdot's backslash format is not supported",
    ],
    ['just some words', 'invalid_xml', 'parse: unable to parse feed: no root element found'],
    [
      '{"title": "not a feed"}',
      'invalid_json',
      'parse: unable to parse feed: not a JSON Feed (version is null, expected https://jsonfeed.org/version/1.x, and no items)',
    ],
    ['<feed xmln', 'invalid_xml', 'parse: unable to parse feed: no root element found'],
  ])('unparseable %j → %s', async (text, code, message) => {
    const result = await parseFeed(text, options);
    expect(result.ok ? null : { code: result.error.code, message: result.error.message }).toEqual({ code, message });
  });
});
