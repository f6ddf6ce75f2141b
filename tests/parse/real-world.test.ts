/**
 * Classes of real-world feeds that strict readings of the specs miss: one fixture folder per class
 * (tests/fixtures/parse/<class>/), each read the way feed readers show it.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../src/model.js';
import { parseFeed } from '../../src/parse/parse-feed.js';
import { activeContent } from '../helpers/active-content.js';
import { FIXTURE_NOW, FIXTURE_URL, loadFixture } from '../helpers/parse-fixture.js';

async function parseFixture(name: string): Promise<ParsedFeed> {
  const result = await parseFeed(loadFixture(name), { baseUrl: FIXTURE_URL, now: FIXTURE_NOW });
  if (!result.ok) throw new Error(`fixture ${name} did not parse: ${result.error.message}`);
  return result.value;
}

describe('element names in unexpected letter case', () => {
  it('upper- and mixed-case core and iTunes elements and attributes are read as their canonical names', async () => {
    const feed = await parseFixture('element-case');
    expect({ format: feed.format, title: feed.title, link: feed.link, ttl: feed.ttlMinutes }).toEqual({
      format: 'rss',
      title: 'Shouting Podcast',
      link: 'https://shout.example/',
      ttl: 60,
    });
    expect(feed.items[0]).toMatchObject({
      key: 'guid:shout-1',
      guid: 'shout-1',
      url: 'https://shout.example/1',
      title: 'Episode One',
      summary: '<p>The first one.</p>',
      published: '2024-03-05T10:00:00.000Z',
      authors: ['Ann Caster'],
      categories: ['news', 'loud'],
      enclosures: [
        { url: 'https://shout.example/1.mp3', type: 'audio/mpeg', length: 1234 },
        { url: 'https://shout.example/1.jpg', type: 'image/jpeg', length: null },
      ],
    });
    // An end tag in another case than its start tag still closes it.
    expect(feed.items[1]).toMatchObject({ guid: 'shout-2', title: 'Episode Two', categories: ['Talk'] });
    expect(feed.warnings).toEqual([]);
  });

  it('Atom: upper- and mixed-case names, attribute names and type values', async () => {
    const feed = await parseFixture('element-case-atom');
    expect({ format: feed.format, title: feed.title, link: feed.link, language: feed.language }).toEqual({
      format: 'atom',
      title: 'Upper Atom',
      link: 'https://ua.example/',
      language: 'en',
    });
    expect(feed.items[0]).toMatchObject({
      guid: 'ua-1',
      url: 'https://ua.example/1',
      title: 'A bold entry',
      contentHtml: '<p>Body</p>',
      updated: '2024-01-02T00:00:00.000Z',
      authors: ['Upper Person (up@ua.example)'],
      lang: 'en',
    });
  });
});

describe('RSS 2.0 with every element namespace-prefixed and no default namespace', () => {
  it('a prefixed root (<rss:rss>): channel and items read as plain RSS, markup in the title kept in order', async () => {
    const feed = await parseFixture('rss-all-prefixed');
    expect({ format: feed.format, title: feed.title, link: feed.link, language: feed.language }).toEqual({
      format: 'rss',
      title: 'All Prefixed',
      link: 'https://prefixed-rss.example/',
      language: 'en',
    });
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      guid: 'pr-1',
      url: 'https://prefixed-rss.example/1',
      title: 'Prefixed bold item',
      summary: '<p>Prefixed description.</p>',
      published: '2024-03-06T08:00:00.000Z',
      categories: ['Prefixes'],
      authors: ['Pat Prefix'],
    });
  });

  it('an unprefixed root whose <x:channel> and items carry a prefix of their own', async () => {
    const feed = await parseFixture('rss-prefixed-channel');
    expect(feed.title).toBe('Prefixed Channel');
    expect(feed.items.map(({ title, url, published }) => ({ title, url, published }))).toEqual([
      { title: 'Channel-prefixed item', url: 'https://prefixed-channel.example/1', published: '2024-03-07T08:00:00.000Z' },
    ]);
  });
});

describe('Media RSS media:title as the title of an item that has no other', () => {
  it.each([
    ['v-1', 'Item-level media title'],
    ['v-2', 'Content title & more'],
    ['v-3', 'Group title: 1 < 2'],
    ['v-4', 'Title of a content in a group'],
    ['v-5', 'Own title wins'],
  ])('RSS item %s → %j', async (guid, title) => {
    const feed = await parseFixture('media-title');
    expect(feed.items.find((item) => item.guid === guid)?.title).toBe(title);
  });

  it('Atom entries with an empty or missing title', async () => {
    const feed = await parseFixture('media-title-atom');
    expect(feed.items.map((item) => item.title)).toEqual(['Atom media group title', 'Atom entry media title']);
  });
});

describe('Atom 0.3 content modes', () => {
  it('base64 values are decoded, escaped ones read as the markup they escape, xml ones as the markup written', async () => {
    const feed = await parseFixture('atom-0.3-modes');
    expect(feed.title).toBe('Modes & Encodings');
    const rows = feed.items.map((item) => [item.guid?.replace('tag:modes.example,2004:', ''), item.title, item.summary, item.contentHtml]);
    expect(rows).toEqual([
      // Without a type, encoded or escaped values carry HTML in practice (Atom 0.3 defaults to text/plain).
      ['base64-untyped', 'Example Atom', '<p>A summary</p>', '<p>Example <b>Atom</b></p>'],
      // type="text/plain" is honoured; the mode is read in any case, base64 wrapped over lines is decoded.
      [
        'base64-plain',
        'Fish & Chips',
        '1 &lt; 2',
        '<p>A <em>long</em> paragraph that is wrapped over several lines of base64, as mail-style encoders do.</p>',
      ],
      // Bytes that are not UTF-8 are windows-1252.
      ['base64-cp1252', 'Windows-1252 bytes', null, '<p>Café crème</p>'],
      ['escaped', 'Escaped title', '1 &lt; 2 &amp; 3', '<p>Escaped <b>content</b></p>'],
      // mode="xml": the inline markup is the value, escaped text inside it stays text.
      ['xml', 'Inline XHTML title', '<div>Markup &lt;b&gt;as written&lt;/b&gt;</div>', '<p>Inline <i>XHTML</i></p>'],
    ]);
  });
});

describe('XML comments inside titles', () => {
  it('are dropped and the text after them kept, in RSS channel and item titles', async () => {
    const feed = await parseFixture('comment-in-title');
    expect(feed.title).toBe('Comments Weekly');
    expect(feed.items.map((item) => [item.guid, item.title])).toEqual([
      ['c-1', 'Before the comment after the comment'],
      ['c-2', 'Text after a leading comment'],
      ['c-3', 'CDATA part and text part'],
      ['c-4', 'Markup bold and the rest'],
      ['c-5', 'Multi-line tail & more'],
      // A `<!--` never closed inside its title is text: it swallows neither the title nor the items after it.
      ['c-6', 'An unterminated <!-- comment stays text'],
      ['c-7', 'Escaped in a title'],
    ]);
    expect(feed.items[0]?.summary).toBe('Summary  continues');
    expect(feed.items[5]?.url).toBe('https://comments.example/6');
  });

  it.each([
    ['html', 'Before <!-- c --> after', 'Before after'],
    ['text', 'Before <!-- c --> after', 'Before after'],
    ['xhtml', '<div xmlns="http://www.w3.org/1999/xhtml">Before <!-- c --> <b>after</b></div>', 'Before after'],
  ])('in an Atom title of type %s', async (type, title, expected) => {
    const text = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title type="${type}">${title}</title></entry></feed>`;
    const result = await parseFeed(text, { baseUrl: FIXTURE_URL, now: FIXTURE_NOW });
    expect(result.ok && result.value.items[0]?.title).toBe(expected);
  });
});

describe('authors given with an email', () => {
  it('RSS: every way of writing name and address gives "Name (email)"', async () => {
    const feed = await parseFixture('author-email');
    expect(feed.items.map((item) => item.authors)).toEqual([
      ['Jane Doe (jane@bylines.example)'],
      ['Jane Doe (jane@bylines.example)'],
      ['John Roe (john@bylines.example)'],
      ['desk@bylines.example', 'Ann Other'],
      ['Pat Atom (pat@bylines.example)'],
    ]);
  });

  it('Atom: name and email as "Name (email)", else whichever is given; inherited from the feed', async () => {
    const feed = await parseFixture('author-email-atom');
    expect(feed.items.map((item) => item.authors)).toEqual([
      ['Jane Doe (jane@atom-bylines.example)', 'No Mail', 'only@atom-bylines.example'],
      ['Feed Owner (owner@atom-bylines.example)'],
    ]);
  });
});

describe('language tags in BCP 47 form', () => {
  it('xml:lang, <language> and dc:language: hyphens for underscores, each subtag in its case', async () => {
    const feed = await parseFixture('language-tags');
    expect(feed.language).toBe('en-US');
    expect(feed.items.map((item) => [item.guid, item.lang])).toEqual([
      ['l-1', 'en-US'],
      ['l-2', 'pt-BR'],
      ['l-3', 'zh-Hant-TW'],
      ['l-4', 'es-419-x-formal'],
      ['l-5', 'en-US'],
    ]);
  });

  it('Atom xml:lang on the feed and the entry', async () => {
    const text =
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="EN_gb"><entry xml:lang="de_at"><id>1</id><title>t</title></entry><entry><id>2</id><title>u</title></entry></feed>';
    const result = await parseFeed(text, { baseUrl: FIXTURE_URL, now: FIXTURE_NOW });
    expect(result.ok && [result.value.language, ...result.value.items.map((item) => item.lang)]).toEqual(['en-GB', 'de-AT', 'en-GB']);
  });
});

describe('summary and contentHtml are sanitized in the model', () => {
  it.each(['hostile-html', 'hostile-html-atom', 'hostile-html-json'])('%s: no active content in any HTML field', async (name) => {
    const feed = await parseFixture(name);
    for (const item of feed.items) {
      expect(activeContent(item.summary ?? ''), `${item.guid} summary`).toEqual([]);
      expect(activeContent(item.contentHtml ?? ''), `${item.guid} contentHtml`).toEqual([]);
    }
  });

  it('RSS: active parts removed, the rest kept; titles stay plain text', async () => {
    const feed = await parseFixture('hostile-html');
    expect(feed.title).toBe('Hostile HTML');
    const [first, second, third] = feed.items;
    expect(first?.title).toBe('Escaped markup in a title');
    expect(first?.summary).toBe('<p>Summary kept</p><a>js link</a>');
    expect(first?.contentHtml).toBe(
      '<div><p>Content kept</p><img src="https://hostile.example/a.png"><a>entity js</a>' + '<a>tab js</a><img>go</div>',
    );
    expect(second?.title).toBe('mXSS and case tricks');
    // Harmless HTML is not rewritten.
    expect(third?.summary).toBe(
      '<p>A <a href="https://hostile.example/ok?a=1&amp;b=2">safe link</a> and ' +
        '<img src="https://hostile.example/i.png" alt="an image" width="10"></p>',
    );
  });

  it('Atom html and xhtml constructs, JSON Feed content_html', async () => {
    const atom = await parseFixture('hostile-html-atom');
    expect(atom.items.map(({ title, summary, contentHtml }) => ({ title, summary, contentHtml }))).toEqual([
      { title: 'XHTML title', summary: '<p>Atom summary</p>', contentHtml: '<p>Atom content</p><a>js</a>' },
    ]);
    const json = await parseFixture('hostile-html-json');
    // JSON Feed titles and summaries are plain text by the spec: the summary is escaped, the title kept as text.
    expect(json.items.map(({ title, summary, contentHtml }) => ({ title, summary, contentHtml }))).toEqual([
      {
        title: '<script>alert(30)</script>JSON item',
        summary: '&lt;script&gt;alert(31)&lt;/script&gt; plain text summary',
        contentHtml: '<p>JSON content</p><a>js</a>',
      },
    ]);
  });
});
