import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedReport } from '../../src/parse/feed-report.js';
import { parseFeed } from '../../src/parse/parse-feed.js';
import { activeContent } from '../helpers/active-content.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { FIXTURE_NOW, FIXTURE_URL, loadFixture } from '../helpers/parse-fixture.js';

const options = { baseUrl: FIXTURE_URL, now: FIXTURE_NOW };
const DECLARATION_REMOVED =
  'removed a DOCTYPE or entity declaration (entities are never expanded, external DTDs never fetched)';

describe('parseFeed: entities and DTDs are never expanded or fetched', () => {
  it.each(['billion-laughs', 'xxe-local-file', 'xxe-internal-url', 'parameter-entity-external-dtd'])('%s', async (name) => {
    const result = await parseFeed(loadFixture(name), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.warnings).toContain(DECLARATION_REMOVED);
    const serialized = JSON.stringify(result.value);
    // Undefined entities stay literal text: nothing was expanded, nothing was read.
    expect(serialized).not.toContain('lollol');
    expect(serialized).not.toContain('root:');
    expect(serialized.length).toBeLessThan(5000);
  });

  describe('against a live server', () => {
    let server: LoopbackServer;
    beforeAll(async () => {
      server = await startLoopbackServer(() => 'root:x:0:0:secret');
    });
    afterAll(async () => {
      await server.close();
    });

    it('an external DTD, external entity and parameter entity pointing at it cause no request', async () => {
      const text = `<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "${server.url}/evil.dtd" [
  <!ENTITY xxe SYSTEM "${server.url}/secret">
  <!ENTITY % remote SYSTEM "${server.url}/remote.dtd">
  %remote;
]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>`;
      const result = await parseFeed(text, options);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.hits).toEqual([]);
      expect(result.ok && result.value.title).toBe('&xxe;');
    });
  });
});

describe('parseFeed: inputs built to exhaust the parser', () => {
  it('1,000,000 nested elements are refused with a clear error, not a stack overflow', async () => {
    const text = `<rss version="2.0"><channel>${'<x>'.repeat(1_000_000)}</channel></rss>`;
    const result = await parseFeed(text, options);
    expect(result.ok ? null : result.error.message)
      .toBe('parse: unable to parse feed: elements nested deeper than 512 levels');
  });

  const lessThans = '<'.repeat(100_000);
  const escaped = '&lt;'.repeat(100_000);
  it.each([
    ['RSS description (CDATA)', `<rss version="2.0"><channel><item><title>t</title><description><![CDATA[${lessThans}]]></description></item></channel></rss>`, 'summary'],
    ['RSS description (raw)', `<rss version="2.0"><channel><item><title>t</title><description>${lessThans}</description></item></channel></rss>`, 'summary'],
    ['content:encoded', `<rss version="2.0"><channel><item><title>t</title><content:encoded>${escaped}</content:encoded></item></channel></rss>`, 'contentHtml'],
    ['Atom content', `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id><content type="html">${escaped}</content></entry></feed>`, 'contentHtml'],
  ] as const)('100 KB of "<" in %s parses (rss-parser\'s quadratic snippet code is out of the path)', async (_, text, field) => {
    const result = await parseFeed(text, options);
    // 100,000 literal "<" in the HTML, which the sanitizer writes back escaped.
    expect(result.ok && result.value.items[0]?.[field]).toBe(escaped);
  });

  it('100 KB of "<" in a title gives a bounded title', async () => {
    const result = await parseFeed(`<rss version="2.0"><channel><item><title>${escaped}</title></item></channel></rss>`, options);
    expect(result.ok && result.value.items[0]?.title.length).toBeLessThanOrEqual(1001);
  });

  it('a feed with 20,000 items: only the first 10 × maxItems are read, the newest maxItems (default 200) kept', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) =>
      `<item><guid>g${i}</guid><title>Item ${i}</title><pubDate>${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}</pubDate></item>`);
    const result = await parseFeed(`<rss version="2.0"><channel>${items.join('')}</channel></rss>`, options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.items).toHaveLength(200);
    // Items are in ascending date order here: of the 2,000 read, the newest 200 are g1800…g1999.
    expect(result.value.items[0]?.guid).toBe('g1800');
    expect(result.value.warnings).toEqual(['read only the first 2000 of 20000 items', 'feed has 2000 items; kept the newest 200']);
    const capped = await parseFeed(`<rss version="2.0"><channel>${items.slice(0, 50).join('')}</channel></rss>`,
      { ...options, maxItems: 10 });
    expect(capped.ok && capped.value.items.map((item) => item.guid)[0]).toBe('g40');
  });

  it('an Atom <link/> without href neither crashes nor becomes the link', async () => {
    const result = await parseFeed(loadFixture('atom-link-without-href'), options);
    expect(result.ok && result.value.link).toBe(null);
    expect(result.ok && result.value.items[0]?.url).toBe('https://nohref.example/e1');
  });
});

describe('parseFeed: hostile values', () => {
  it('dates: invalid → null, year 9999 → clamped to now with a warning, beyond JS dates → null', async () => {
    const result = await parseFeed(loadFixture('odd-dates'), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.items.map((item) => [item.title, item.published])).toEqual([
      ['not a date', null],
      ['year 9999', '2025-01-01T00:00:00.000Z'],
      ['beyond JS dates', null],
      ['odd zone', '2010-09-05T22:01:00.000Z'],
      ['two-digit year', '2010-09-06T05:01:00.000Z'],
      ['31 February', null],
    ]);
    expect(result.value.warnings).toContain('clamped 2 dates more than a day in the future to the time of parsing');
  });

  it('duplicate guids: exact repeats dropped, the others keyed by their link', async () => {
    const result = await parseFeed(loadFixture('duplicate-guids'), options);
    expect(result.ok && result.value.items.map((item) => item.key)).toEqual(['url:http://dup.example/a', 'url:http://dup.example/b']);
    expect(result.ok && result.value.warnings).toEqual([
      '1 guids are shared by several items; those items are keyed by their link', 'dropped 1 duplicate items',
    ]);
  });

  it('no guid and no link: keyed by a hash of title and date; an empty item is dropped', async () => {
    const result = await parseFeed(loadFixture('no-guid-no-link'), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.items.map((item) => item.key.slice(0, 5))).toEqual(['hash:', 'hash:']);
    const again = await parseFeed(loadFixture('no-guid-no-link'), { ...options, now: new Date('2031-06-15T12:00:00Z') });
    expect(again.ok && again.value.items.map((item) => item.key)).toEqual(result.value.items.map((item) => item.key));
    expect(result.value.warnings).toContain('dropped 1 empty items (no guid, link, title, date, content or anything else)');
  });

  it('a guid that embeds a timestamp is not trusted as identity when there is a link', async () => {
    const result = await parseFeed(loadFixture('volatile-guids'), options);
    expect(result.ok && result.value.items.map((item) => item.key)).toEqual(['url:http://vol.example/story', 'guid:post-42']);
  });

  it('invalid UTF-8 and terminal escape sequences never reach titles', async () => {
    for (const name of ['invalid-utf8-title', 'terminal-escapes-title']) {
      const result = await parseFeed(loadFixture(name), options);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const texts = [result.value.title ?? '', ...result.value.items.map((item) => item.title)];
      for (const text of texts) expect(text).not.toMatch(/[\u0000-\u001F\u007F-\u009F\uFFFD]|\[\d+m/);
    }
    const escapes = await parseFeed(loadFixture('terminal-escapes-title'), options);
    expect(escapes.ok && [escapes.value.title, escapes.value.items[0]?.title]).toEqual(['Esc Red', 'Danger title C1']);
  });

  it('error messages that quote the document carry no control sequences either', async () => {
    const result = await parseFeed('{"title": \u001B[31mred', options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/^parse: unable to parse feed: invalid JSON/);
    expect(result.error.message).not.toMatch(/[\u0000-\u001F]|\[31m/);
  });

  it('only absolute http(s) links survive; a non-URL permalink guid is not a link', async () => {
    const result = await parseFeed(loadFixture('relative-links'), options);
    expect(result.ok && result.value.link).toBe('https://fetched.example/');
    expect(result.ok && result.value.items.map((item) => item.url)).toEqual(['https://fetched.example/articles/1', null]);
  });
});

describe('parse-feed --json on hostile HTML (the compiled CLI, as a user runs it)', () => {
  const files = ['hostile-html/feed.xml', 'hostile-html-atom/feed.xml', 'hostile-html-json/feed.json']
    .map((file) => path.join(REPO_ROOT, 'tests/fixtures/parse', file));

  it('prints no <script and no on*= attribute, and every item\'s HTML is free of active content', async () => {
    const result = await runCli(['parse-feed', ...files, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/<script/i);
    expect(result.stdout).not.toMatch(/\son[a-z]+\s*=/i);
    const reports = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as FeedReport);
    expect(reports.map((report) => [report.format, report.items.length])).toEqual([['rss', 3], ['atom', 1], ['json', 1]]);
    for (const item of reports.flatMap((report) => report.items)) {
      expect(activeContent(item.summary ?? ''), `${item.guid} summary`).toEqual([]);
      expect(activeContent(item.contentHtml ?? ''), `${item.guid} contentHtml`).toEqual([]);
    }
    // Sanitizing removed the active parts only.
    expect(reports[0]?.items[0]?.summary).toBe('<p>Summary kept</p><a>js link</a>');
  });
});
