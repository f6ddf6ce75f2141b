import { describe, expect, it } from 'vitest';
import { contentKey, itemKey, looksVolatile } from '../../src/parse/item-key.js';
import { absolutizeHtml, authorFromString, type ItemDraft } from '../../src/parse/normalize-fields.js';
import { parseFeedDate } from '../../src/shared/parse-date.js';
import { decodeHtmlEntityName, htmlToPlainText, stripControls } from '../../src/parse/plain-text.js';
import { resolveHttpUrl } from '../../src/parse/resolve-url.js';

describe('parseFeedDate', () => {
  it.each([
    ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['Thu, 01 Jan 2004 19:48:21 +0530', '2004-01-01T14:18:21.000Z'],
    ['Thu, 01 Jan 2004 19:48:21 +05:30', '2004-01-01T14:18:21.000Z'],
    ['Thu, 1 Jan 2004 19:48 EST', '2004-01-02T00:48:00.000Z'],
    ['Thursday, 01-Jan-04 19:48:21 PDT', '2004-01-02T02:48:21.000Z'],
    ['01 Jan 2004 19:48:21 Z', '2004-01-01T19:48:21.000Z'],
    ['Thu, 01 Jan 2004 19:48:21 A', '2004-01-01T19:48:21.000Z'],
    ['Thu, 01 Jan 2004 19:48:21 (CET)', '2004-01-01T18:48:21.000Z'],
    ['2004-01-01T19:48:21Z', '2004-01-01T19:48:21.000Z'],
    ['2004-01-01T19:48:21.123456-02:00', '2004-01-01T21:48:21.123Z'],
    ['2004-01-01', '2004-01-01T00:00:00.000Z'],
    ['2004-01-01 19:48:21', '2004-01-01T19:48:21.000Z'],
    ['20040101T194821Z', '2004-01-01T19:48:21.000Z'],
    ['January 5, 2021 10:00 GMT', '2021-01-05T10:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseFeedDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['not a date', '', '   ', '+275761-01-01', '2023-02-31T00:00:00Z', '32 Jan 2004 10:00:00 GMT',
    'Thu, 01 Foo 2004 19:48:21 GMT', '0000-01-01', '99999-01-01', '2004-13-01', '1', 'x'.repeat(500)])('%j → null', (text) => {
    expect(parseFeedDate(text)).toBeNull();
  });
});

describe('plain text', () => {
  it.each([
    ['<b>Hello</b> &amp; <i>world</i>', 'Hello & world'],
    ['a<br>b', 'a b'],
    ['wo<b>rd</b>', 'word'],
    ['  many \n\t spaces\u00A0here ', 'many spaces here'],
    ['&lt;p&gt;escaped&lt;/p&gt;', '<p>escaped</p>'],
    ['<script>alert(1)</script>safe', 'safe'],
    ['\u001B[31mred\u001B[0m \u001B]0;title\u0007x \u009B1mC1 \uFFFD', 'red x C1'],
  ])('%j → %j', (html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });

  it('strips controls but keeps ordinary text', () => {
    expect(stripControls('ok\u0000\u0008\u001F\u007F\u0085!')).toBe('ok!');
  });

  it.each([['eacute', 'é'], ['nbsp', '\u00A0'], ['hellip', '…'], ['semi', ';'], ['bogus', null], ['ampfoo', null], ['copyx', null]])(
    'HTML entity %s → %j', (name, text) => {
      expect(decodeHtmlEntityName(name)).toBe(text);
    });

  it.each([
    ['jane@example.org (Jane Doe)', 'Jane Doe (jane@example.org)'],
    ['Jane Doe (jane@example.org)', 'Jane Doe (jane@example.org)'],
    ['Jane Doe <jane@example.org>', 'Jane Doe (jane@example.org)'],
    ['<jane@example.org>', 'jane@example.org'],
    ['jane@example.org', 'jane@example.org'],
    ['Jane Doe (Editor)', 'Jane Doe'],
    ['<b>Jane</b>', 'Jane'],
  ])('author %j → %j', (raw, name) => {
    expect(authorFromString(raw)).toBe(name);
  });
});

describe('URLs', () => {
  it.each([
    ['/a/b', 'https://x.example/feed', 'https://x.example/a/b'],
    ['  https://x.example/\n  path ', null, 'https://x.example/path'],
    ['javascript:alert(1)', 'https://x.example/', null],
    ['data:text/html,hi', null, null],
    ['mailto:a@b.c', null, null],
    ['relative', null, null],
    ['ftp://x.example/f', null, null],
  ])('resolve %j against %j → %j', (value, base, url) => {
    expect(resolveHttpUrl(value, base)).toBe(url);
  });

  it.each([
    ['<a href="p/1">x</a><img src=\'/i.png\'>', '<a href="https://b.example/d/p/1">x</a><img src="https://b.example/i.png">'],
    ['<a href="https://o.example/">x</a> <a href="mailto:a@b.c">m</a> <a href="#top">t</a>', null],
    ['no links here', null],
    // Values are read as the browser reads them: one `&amp;` stays one `&`, an entity-spelled scheme is a scheme.
    ['<a href="p?a=1&amp;b=2">x</a>', '<a href="https://b.example/d/p?a=1&amp;b=2">x</a>'],
    ['<a href="jav&#x61;script:alert(1)">x</a>', null],
    // As browsers read attributes (the entities package): a reference without `;` still counts, `&copy=` does not.
    ['<a href="jav&#x61script:alert(1)">x</a>', null],
    ['<a href="p?a=1&copy=2">x</a>', '<a href="https://b.example/d/p?a=1&amp;copy=2">x</a>'],
  ])('absolutizeHtml(%j)', (html, expected) => {
    expect(absolutizeHtml(html, 'https://b.example/d/')).toBe(expected ?? html);
  });
});

describe('item keys', () => {
  const draft = (fields: Partial<ItemDraft>): ItemDraft => ({
    guid: null, guidIsPermalink: false, url: null, title: '', summary: null, contentHtml: null, published: null,
    updated: null, authors: [], categories: [], enclosures: [], lang: null, ...fields,
  });

  it.each([
    [{ guid: 'abc', url: 'https://x.example/a' }, false, 'guid:abc'],
    [{ guid: 'abc', url: 'https://x.example/a?utm_medium=feed#c' }, true, 'url:https://x.example/a'],
    [{ guid: 'post-1709651234', url: 'https://x.example/a' }, false, 'url:https://x.example/a'],
    [{ guid: 'render 2024-03-05T10:11:12Z', url: 'https://x.example/a' }, false, 'url:https://x.example/a'],
    [{ guid: 'post-1709651234' }, false, 'guid:post-1709651234'],
    [{ url: 'https://x.example/b' }, false, 'url:https://x.example/b'],
    // The link key is the canonical URL the dedup stage matches on (shared/canonical-url.ts): fragment and click
    // tracking dropped, the other parameters sorted and re-serialized (`%20` and `+` both mean a space there).
    [{ url: 'HTTPS://X.Example/a?id=1&utm_source=rss&fbclid=z#top' }, false, 'url:https://x.example/a?id=1'],
    [{ url: 'https://x.example/a?b=%20c&a=1&spm=x&pk_campaign=y' }, false, 'url:https://x.example/a?a=1&b=+c'],
  ] as const)('%j (guid shared: %s) → %s', (fields, shared, key) => {
    expect(itemKey(draft(fields), shared)).toBe(key);
  });

  it('hashes title and date when there is neither guid nor link, and stays stable', () => {
    const key = itemKey(draft({ title: 'T', published: '2024-01-01T00:00:00.000Z' }), false);
    expect(key).toMatch(/^hash:[0-9a-f]{32}$/);
    expect(contentKey(draft({ title: 'T', published: '2024-01-01T00:00:00.000Z' }))).toBe(key);
    expect(contentKey(draft({ title: 'T', published: '2024-01-02T00:00:00.000Z' }))).not.toBe(key);
    expect(contentKey(draft({}))).toBeNull();
  });

  it('long guids are hashed into a bounded key', () => {
    expect(itemKey(draft({ guid: 'g'.repeat(2000) }), false)).toMatch(/^guid-sha256:[0-9a-f]{64}$/);
  });

  it.each([['story-1709651234567', true], ['1709651234', true], ['post-42', false], ['tag:x.org,2024-03-05:/p/1', false]])(
    'looksVolatile(%j) = %s', (guid, volatile) => {
      expect(looksVolatile(guid)).toBe(volatile);
    });
});
