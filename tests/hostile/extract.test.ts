import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.js';
import { createExtractorPool, type ExtractorPool, type PoolInput } from '../../src/extract/extractor-pool.js';
import { sanitizeHtml } from '../../src/shared/sanitize-html.js';
import type { ExtractedArticle, Result } from '../../src/model.js';
import { BUILD_HINT, needsPaths } from '../helpers/needs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compiledWorker = path.join(repoRoot, 'dist/extract/extract-worker.js');
const paragraph = '<p>The council met on Tuesday to discuss the new budget for the coming year, and agreed on most of the points raised.</p>';
const article = `<article>${paragraph.repeat(4)}</article>`;
const page = (head: string, body: string): string => `<!DOCTYPE html><html><head><title>T</title>${head}</head><body>${body}</body></html>`;

function articleOf(result: Result<ExtractedArticle>): ExtractedArticle {
  if (!result.ok) throw result.error;
  return result.value;
}

describe('sanitizeHtml (DOMPurify on jsdom), on raw input', () => {
  it('removes handlers, javascript: (also tab-obfuscated), data: URLs, SVG and MathML', () => {
    const dirty = '<p onclick="x()">a</p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">b</a>'
      + '<a href="java\tscript:alert(1)">c</a><a href="java&#x09;script:alert(1)">d</a><a href="data:text/html,<script>1</script>">e</a>'
      + '<img src="data:image/png;base64,AAAA"><svg><a xlink:href="javascript:alert(1)"><text>f</text></a></svg>'
      + '<math><mi xlink:href="javascript:alert(1)">g</mi></math><script>alert(1)</script><iframe src="https://x.test"></iframe>';
    const clean = sanitizeHtml(dirty);
    expect(clean).not.toMatch(/onclick|onerror|javascript|data:|xlink|<svg|<math|<script|<iframe/i);
    expect(clean).toContain('<p>a</p>');
  });
});

const pooled = needsPaths('hostile pages through the pool', [compiledWorker], BUILD_HINT);
describe.skipIf(pooled.skip)(pooled.title, () => {
  let pool: ExtractorPool;
  let server: http.Server;
  let origin = '';
  const hits: string[] = [];

  beforeAll(async () => {
    pool = createExtractorPool({ size: 2, timeoutMs: 60_000 });
    server = http.createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('<p>from the internal host</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await pool.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const extract = async (input: PoolInput): Promise<Result<ExtractedArticle>> => pool.extract(input);

  it('loads nothing and runs no script: script, onload, iframe, meta refresh, base href to an internal host', async () => {
    const head = `<base href="${origin}/base/"><meta http-equiv="refresh" content="0;url=${origin}/refresh">`
      + `<link rel="stylesheet" href="${origin}/style.css"><script src="${origin}/script.js"></script>`
      + `<script>fetch('${origin}/inline'); new Image().src = '${origin}/inline-image';</script>`;
    const body = `<iframe src="${origin}/iframe"></iframe><img src="${origin}/image.png"><object data="${origin}/object"></object>`
      + `<article onload="fetch('${origin}/onload')">${paragraph.repeat(3)}<p>The full report is <a href="report">available online</a> from today, the council said.</p></article>`;
    const result = articleOf(await extract({ url: 'https://news.test/story/1', html: page(head, `<body onload="fetch('${origin}/body')">${body}`) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hits).toEqual([]);
    expect(result.text).toContain('The council met on Tuesday');
    expect(result.html).toContain('href="https://news.test/story/report"');
    expect(result.html).not.toContain(origin);
  });

  it('stores no onerror=, javascript: (also tab-obfuscated) or SVG xlink:href from the article body', async () => {
    const body = `<article>${paragraph.repeat(3)}<p>Pictured <img src="a.jpg" onerror="alert(1)"> and <a href="javascript:alert(1)">one</a>,`
      + ` <a href="java&#x09;script:alert(2)">two</a>, <a href="java\tscript:alert(3)">three</a>.</p>`
      + '<svg><a xlink:href="javascript:alert(4)"><text>four</text></a></svg></article>';
    const result = articleOf(await extract({ url: 'https://news.test/2', html: page('', body) }));
    expect(result.html).not.toMatch(/onerror|javascript|xlink|<svg/i);
    expect(result.text).toContain('Pictured and one, two, three.');
  });

  const paragraphs = (count: number): string => paragraph.repeat(count);
  it.each([
    ['5 MB of text', page('', `<article><p>${'word '.repeat(1_000_000)}</p></article>`)],
    ['100k elements', page('', `<article>${'<p>One short sentence in a long list of them.</p>'.repeat(100_000)}</article>`)],
    ['depth 2,000', page('', `${'<div>'.repeat(2_000)}${paragraphs(4)}${'</div>'.repeat(2_000)}`)],
    ['100k attributes on one element', page('', `<article><p ${Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(' ')}>x</p>${paragraphs(4)}</article>`)],
    ['20k nested tables', page('', `${'<table><tr><td>'.repeat(20_000)}${paragraphs(4)}${'</td></tr></table>'.repeat(20_000)}`)],
    ['a 5 MB <style>', page(`<style>${'.a{color:red}'.repeat(385_000)}</style>`, article)],
    ['CSS that jsdom rejects', page('<style>.s{min-height:calc(($container - 16px) / 16 * 9)}</style>', `<article style="min-height:calc(($c - 1px) / 2)">${paragraphs(4)}</article>`)],
  ])('%s: extracts the article', async (_name, html) => {
    const result = articleOf(await extract({ url: 'https://news.test/big', html }));
    expect(result.method).toBe('readability');
    expect(result.text.length).toBeGreaterThan(400);
    expect(result.text.length).toBeLessThanOrEqual(1_100_000);
  });

  it('depth 100,000: fails that page cleanly, the pool carries on', async () => {
    const html = page('', `${'<div>'.repeat(100_000)}${paragraphs(4)}${'</div>'.repeat(100_000)}`);
    const [deep, normal] = await Promise.all([extract({ url: 'https://news.test/deep', html }), extract({ url: 'https://news.test/ok', html: page('', article) })]);
    expect(deep.ok ? 'ok' : deep.error.message).toBe('extract: https://news.test/deep: page nests elements 100000 deep (limit 10000); not parsed');
    expect(normal.ok).toBe(true);
  });

  const russian = 'Городской совет во вторник обсудил новый бюджет на следующий год и согласился с большинством предложений.';
  const russianPage = (head: string): string => page(head, `<article>${`<p>${russian}</p>`.repeat(4)}</article>`);
  it.each([
    ['windows-1251 via <meta charset>', iconv.encode(russianPage('<meta charset="windows-1251">'), 'windows-1251'), 'text/html', russian],
    ['windows-1251 only in the header', iconv.encode(russianPage(''), 'windows-1251'), 'text/html; charset=windows-1251', russian],
    ['UTF-8 with no declaration', Buffer.from(russianPage(''), 'utf8'), 'text/html', russian],
    ['iso-8859-1 carrying cp1252 bytes', iconv.encode(page('', `<article>${'<p>“Quoted” price: 5 € — naïve café, and more words to make it long enough to count.</p>'.repeat(4)}</article>`), 'windows-1252'),
      'text/html; charset=iso-8859-1', '“Quoted” price: 5 € — naïve café'],
  ])('%s', async (_name, bytes, contentType, expected) => {
    const result = articleOf(await extract({ url: 'https://news.test/charset', bytes, contentType }));
    expect(result.text).toContain(expected);
  });
});

describe('fallbacks (in-process)', () => {
  it('refuses a 100,000-deep page but uses the feed item when there is one', () => {
    const html = `<html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`;
    const result = articleOf(extractArticle({
      url: 'https://news.test/deep', html,
      feedItem: { title: 'Feed title', summary: 'A summary from the feed.', contentHtml: null, published: null },
    }));
    expect(result).toMatchObject({ method: 'feed', title: 'Feed title', text: 'A summary from the feed.' });
    expect(result.fallbackReason).toMatch(/nests elements 100000 deep/);
  });

  it('an empty page with no feed item is a no_article error', () => {
    const result = extractArticle({ url: 'https://news.test/empty', html: '<html><body><div id="app"></div></body></html>' });
    expect(result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`).toBe(
      'no_article: extract: no article text found in https://news.test/empty (page, JSON-LD and feed item are empty)');
  });
});

const aebPages = needsPaths('aeb-dev pages', [path.resolve(repoRoot, '../shared/data/aeb-dev/html')]);
describe.skipIf(aebPages.skip)(aebPages.title, () => {
  it('extracts the page whose CSS makes jsdom throw', () => {
    const dir = path.resolve(repoRoot, '../shared/data/aeb-dev');
    const id = 'f5c90a6d5253c3a21ff3168c64bea4b5ffade7a1ba5bed952a59ebee0d648d98';
    const result = articleOf(extractArticle({ url: 'https://example.org/', html: readFileSync(path.join(dir, 'html', `${id}.html`), 'utf8') }));
    expect(result.text.length).toBeGreaterThan(500);
  });
});
