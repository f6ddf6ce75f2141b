import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../src/shared/canonical-url.js';

describe('canonicalizeUrl', () => {
  it.each([
    ['lower-cases scheme and host, keeps the path case', 'HTTPS://News.Example.COM/World/Story-1', 'https://news.example.com/World/Story-1'],
    ['drops the fragment', 'https://example.com/a#comments', 'https://example.com/a'],
    ['drops utm_* parameters', 'https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x', 'https://example.com/a'],
    ['drops click ids', 'https://example.com/a?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2&msclkid=3', 'https://example.com/a'],
    ['keeps and sorts real parameters', 'https://example.com/a?page=2&id=7&utm_term=x', 'https://example.com/a?id=7&page=2'],
    ['keeps repeated parameters in their order', 'https://example.com/a?b=2&a=1&b=1', 'https://example.com/a?a=1&b=2&b=1'],
    ['treats tracking names case-insensitively', 'https://example.com/a?UTM_Source=x&FBCLID=y', 'https://example.com/a'],
    ['drops the default port and user info', 'http://user:pw@example.com:80/a', 'http://example.com/a'],
    ['keeps a non-default port', 'https://example.com:8443/a', 'https://example.com:8443/a'],
    ['adds the root path', 'https://example.com', 'https://example.com/'],
    ['drops a trailing dot of the host', 'https://example.com./a', 'https://example.com/a'],
    ['encodes an IDN host as punycode', 'https://bücher.example/a', 'https://xn--bcher-kva.example/a'],
    ['trims whitespace', '  https://example.com/a  ', 'https://example.com/a'],
  ])('%s', (_name, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each([
    ['a relative URL', '/news/a'],
    ['a mailto link', 'mailto:desk@example.com'],
    ['a javascript: link', 'javascript:alert(1)'],
    ['an ftp URL', 'ftp://example.com/a'],
    ['an empty string', ''],
    ['garbage', 'http://'],
    ['an overlong URL', `https://example.com/${'a'.repeat(5000)}`],
  ])('returns null for %s', (_name, input) => {
    expect(canonicalizeUrl(input)).toBeNull();
  });

  it('gives the same form to the same article linked from two feeds', () => {
    const fromRss = canonicalizeUrl('https://www.example.com/2024/05/story.html?utm_source=rss&utm_medium=rss#more-123');
    const fromNewsletter = canonicalizeUrl('https://WWW.EXAMPLE.COM/2024/05/story.html?mc_cid=abc&mc_eid=def');
    expect(fromRss).toBe(fromNewsletter);
  });
});
