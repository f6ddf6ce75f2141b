/** The page templates' escaping and outbound links, table-driven. */
import { describe, expect, it } from 'vitest';
import { html, outboundHref, outboundLink, trustedHtml } from '../../src/web/html.js';

describe('html', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["it's & more", 'it&#39;s &amp; more'],
    ['plain words', 'plain words'],
  ])('escapes %j in text and attributes', (value, escaped) => {
    expect(html`<p title="${value}">${value}</p>`.value).toBe(`<p title="${escaped}">${escaped}</p>`);
  });

  it('joins lists, prints numbers, drops null, undefined and booleans, keeps safe fragments as they are', () => {
    expect(html`<ul>${['a<', html`<li>b</li>`, null, undefined, false, 3]}</ul>`.value).toBe('<ul>a&lt;<li>b</li>3</ul>');
    expect(html`${trustedHtml('<b>stored</b>')}`.value).toBe('<b>stored</b>');
  });
});

describe('outbound links', () => {
  it.each([
    ['https://news.example/a?b=1&c=2', 'https://news.example/a?b=1&c=2'],
    ['http://news.example/', 'http://news.example/'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['/relative/path', null],
    [null, null],
  ])('%j links to %j', (url, href) => {
    expect(outboundHref(url)).toBe(href);
  });

  it('opens without opener or referrer, and is plain text when the URL is not http(s)', () => {
    expect(outboundLink('https://news.example/a?b=1&c=2', 'original').value).toBe(
      '<a href="https://news.example/a?b=1&amp;c=2" rel="noopener noreferrer" class="out">original</a>',
    );
    expect(outboundLink('javascript:alert(1)', 'original').value).toBe('<span>original</span>');
  });
});
