import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { blockText, normalizeText } from '../../src/extract/block-text.js';
import { readJsonLdArticle } from '../../src/extract/json-ld.js';
import { absoluteUrl, pageDate, normalizeLang, readMetadata, titleWithoutSite } from '../../src/extract/metadata.js';

function body(html: string): HTMLElement {
  return new JSDOM(html).window.document.body;
}

describe('blockText', () => {
  it('puts a newline between blocks where textContent glues words together', () => {
    const element = body('<h1>Title</h1><p>Body <b>bold</b>\n  text</p><ul><li>one</li><li>two</li></ul>a<br>b');
    expect(element.textContent).toContain('TitleBody');
    expect(blockText(element)).toBe('Title\nBody bold text\none\ntwo\na\nb');
  });

  it('separates table cells and NFC-normalizes', () => {
    expect(blockText(body('<table><tr><td>e\u0301t\u00e9</td><td>2</td></tr></table>'))).toBe('\u00e9t\u00e9 2');
  });

  it('normalizeText collapses spaces, trims lines and drops empty ones', () => {
    expect(normalizeText(' a \u00a0 b \r\n\n\t c \u2028')).toBe('a b\nc');
  });
});

describe('metadata helpers', () => {
  it.each([
    ['Story headline here | Site', 'Site', 'Story headline here'],
    ['Site - Story headline here', 'Site', 'Story headline here'],
    ['A long story headline - Unknown Site', null, 'A long story headline'],
    ['Short - Site', null, 'Short - Site'],
    ['No separator at all', 'Site', 'No separator at all'],
  ])('titleWithoutSite(%j, %j) = %j', (title, site, expected) => {
    expect(titleWithoutSite(title, site)).toBe(expected);
  });

  it.each([
    ['2024-03-05T08:30:00+01:00', '2024-03-05T07:30:00.000Z'],
    ['Tue, 05 Mar 2024 07:30:00 GMT', '2024-03-05T07:30:00.000Z'],
    ['yesterday', null],
    ['1800-01-01', null],
    // The feed date parser's grammar decides: no 3rd of March made of a 31st of February.
    ['2023-02-31', null],
    ['2150-01-01T00:00:00Z', null],
  ])('pageDate(%j) = %j', (value, expected) => {
    expect(pageDate(value)).toBe(expected);
  });

  it.each([
    ['en_US', 'en-US'],
    ['fr', 'fr'],
    ['', null],
    ['12!', null],
  ])('normalizeLang(%j) = %j', (value, expected) => {
    expect(normalizeLang(value)).toBe(expected);
  });

  it('keeps only http(s) URLs, resolved against the page', () => {
    expect(absoluteUrl('/a?b=1', 'https://x.test/dir/page')).toBe('https://x.test/a?b=1');
    expect(absoluteUrl('javascript:alert(1)', 'https://x.test/')).toBeNull();
    expect(absoluteUrl('data:image/png;base64,AAAA', 'https://x.test/')).toBeNull();
  });

  it('reads og/meta/link tags, preferring them to the <title>', () => {
    const metadata = readMetadata({
      url: 'https://x.test/p',
      headHtml:
        '<title>Fallback | X</title><meta property="og:site_name" content="X"><link rel="canonical" href="/c">' +
        '<meta name="author" content="https://x.test/people/ann"><meta name="parsely-author" content="Ann Lee">',
      htmlLang: 'de_DE',
      jsonLd: null,
    });
    expect(metadata).toMatchObject({
      title: 'Fallback',
      siteName: 'X',
      canonicalUrl: 'https://x.test/c',
      author: 'Ann Lee',
      lang: 'de-DE',
    });
  });
});

describe('readJsonLdArticle', () => {
  it('finds the article inside @graph and adapts authors, publisher and image', () => {
    const block = JSON.stringify({
      '@graph': [
        { '@type': 'WebSite', name: 'W' },
        {
          '@type': ['NewsArticle'],
          headline: 'H',
          articleBody: 'B',
          author: [{ name: 'A' }, 'C'],
          publisher: { name: 'P' },
          image: [[{ url: 'https://i.test/1.jpg' }]],
          datePublished: '2024-01-01',
        },
      ],
    });
    expect(readJsonLdArticle(['not json', block])).toMatchObject({
      type: 'newsarticle',
      headline: 'H',
      articleBody: 'B',
      authors: ['A', 'C'],
      publisher: 'P',
      image: 'https://i.test/1.jpg',
    });
  });

  it('returns null without an article and survives deeply nested arrays', () => {
    const deep = `${'['.repeat(5_000)}1${']'.repeat(5_000)}`;
    expect(readJsonLdArticle([deep, '{"@type":"Organization","name":"O"}'])).toBeNull();
  });
});
