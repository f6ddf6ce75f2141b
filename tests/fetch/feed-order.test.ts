import { describe, expect, it } from 'vitest';
import { interleaveByHost } from '../../src/fetch/feed-order.js';

describe('interleaveByHost', () => {
  it('takes one feed per host per round, keeping each host’s own order', () => {
    const urls = [
      'https://a.example/world.xml',
      'https://a.example/sport.xml',
      'https://a.example/tech.xml',
      'https://b.example/feed',
      'https://c.example/rss',
      'https://c.example/rss?section=2',
    ];
    expect(interleaveByHost(urls, (u) => u)).toEqual([
      'https://a.example/world.xml',
      'https://b.example/feed',
      'https://c.example/rss',
      'https://a.example/sport.xml',
      'https://c.example/rss?section=2',
      'https://a.example/tech.xml',
    ]);
  });

  it('counts host and port as the politeness key, case-insensitively', () => {
    const urls = ['http://A.example:8080/1', 'http://a.example:8080/2', 'http://a.example:9090/3'];
    expect(interleaveByHost(urls, (u) => u)).toEqual(['http://A.example:8080/1', 'http://a.example:9090/3', 'http://a.example:8080/2']);
  });

  it('keeps every feed exactly once, unparsable URLs included', () => {
    const feeds = [{ url: 'not a url' }, { url: 'https://x.example/a' }, { url: 'not a url' }, { url: 'https://x.example/b' }];
    const ordered = interleaveByHost(feeds, (f) => f.url);
    expect(ordered).toHaveLength(4);
    expect(new Set(ordered)).toEqual(new Set(feeds));
    expect(interleaveByHost([], (f: { url: string }) => f.url)).toEqual([]);
  });
});
