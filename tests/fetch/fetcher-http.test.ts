import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.js';
import type { Fetcher } from '../../src/fetch/fetcher.js';
import { startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer, RouteHandler } from '../helpers/loopback-server.js';
import { FEED_XML, NO_VALIDATORS, TEST_SETTINGS, expectNextFeedWorks, redirectTo, serveFeed } from '../helpers/fetch-kit.js';

let good: LoopbackServer;
let server: LoopbackServer;
let other: LoopbackServer;
let fetcher: Fetcher;

const ETAG = '"v1"';
const LAST_MODIFIED = 'Tue, 24 Nov 2026 08:00:00 GMT';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const HTML_PAGE = '<!DOCTYPE html><html><head><title>Bridge</title></head><body><article><p>The council voted.</p></article></body></html>';

function respond(status: number, headers: Record<string, string>, body: string | Buffer = ''): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

const conditionalFeed: RouteHandler = (req, res) => {
  if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
    res.writeHead(304, { etag: ETAG });
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG, 'last-modified': LAST_MODIFIED });
  res.end(FEED_XML);
};

const chain = (n: number): Record<string, RouteHandler> => Object.fromEntries(
  Array.from({ length: n }, (_, i) => [`/chain${n}-${i}`, redirectTo(() => (i + 1 < n ? `/chain${n}-${i + 1}` : '/feed'))]),
);

beforeAll(async () => {
  good = await startLoopbackServer({ '/feed': serveFeed });
  other = await startLoopbackServer({ '/feed': serveFeed });
  server = await startLoopbackServer({
    '/feed': serveFeed,
    '/conditional': conditionalFeed,
    '/ignores-validators': respond(200, { 'content-type': 'application/rss+xml' }, FEED_XML),
    '/loop-a': redirectTo(() => '/loop-b'),
    '/loop-b': redirectTo(() => '/loop-a'),
    ...chain(10),
    ...chain(5),
    '/moved': redirectTo(() => '/moved-2', 301),
    '/moved-conditional': redirectTo(() => '/conditional', 308),
    '/moved-2': redirectTo(() => '/feed', 308),
    '/temporary-then-moved': redirectTo(() => '/moved', 302),
    '/to-other': redirectTo(() => `${other.url}/feed`),
    '/no-location': respond(302, {}),
    '/bad-location': respond(302, { location: 'http://[zz' }),
    '/html-as-feed': respond(200, { 'content-type': 'text/html' }, HTML_PAGE),
    '/png-as-feed': respond(200, { 'content-type': 'application/rss+xml' }, PNG),
    '/pdf-as-feed': respond(200, { 'content-type': 'application/pdf' }, '%PDF-1.7\n%…'),
    '/xhtml-as-feed': respond(200, { 'content-type': 'application/xml' }, '<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'),
    '/mislabelled-feed': respond(200, { 'content-type': 'text/html; charset=utf-8' }, FEED_XML),
    '/json-feed': respond(200, { 'content-type': 'application/feed+json' }, '{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[]}'),
    '/empty': respond(200, { 'content-type': 'application/rss+xml' }),
    '/page': respond(200, { 'content-type': 'text/html; charset=utf-8' }, HTML_PAGE),
    '/page-xhtml': respond(200, { 'content-type': 'application/xhtml+xml' }, HTML_PAGE),
    '/page-pdf': respond(200, { 'content-type': 'application/pdf' }, '%PDF-1.7\n'),
    '/page-text': respond(200, { 'content-type': 'text/plain' }, 'hello'),
    '/page-png-labelled-html': respond(200, { 'content-type': 'text/html' }, PNG),
    '/page-unlabelled': respond(200, {}, HTML_PAGE),
    '/gone': respond(410, { 'content-type': 'text/plain' }, 'gone'),
    '/missing': respond(404, {}),
    '/broken': respond(500, {}),
    '/koi8': respond(200, { 'content-type': 'text/html; charset=koi8-r' }, readFileSync(new URL('../fixtures/fetch/charsets/koi8-r-header/body.bin', import.meta.url))),
    '/cp1251': respond(200, { 'content-type': 'application/rss+xml' }, readFileSync(new URL('../fixtures/fetch/charsets/windows-1251-xml-declaration/body.bin', import.meta.url))),
  });
});

afterAll(async () => {
  await Promise.all([good.close(), server.close(), other.close()]);
});

afterEach(async () => {
  await expectNextFeedWorks(fetcher, good);
  await fetcher.close();
});

describe('conditional GET', () => {
  it('remembers ETag and Last-Modified and turns a 304 into not_modified, carrying the validators forward', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const first = await fetcher.fetchFeed(`${server.url}/conditional`, NO_VALIDATORS);
    if (!first.ok || first.value.kind !== 'modified') throw new Error('first fetch should be modified');
    expect(first.value.conditional).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED, bodyHash: first.value.resource.bodyHash });
    const second = await fetcher.fetchFeed(`${server.url}/conditional`, first.value.conditional);
    expect(second.ok && second.value).toMatchObject({ kind: 'not_modified', status: 304, conditional: first.value.conditional });
    expect(server.hits.at(-1)?.headers).toMatchObject({ 'if-none-match': ETAG, 'if-modified-since': LAST_MODIFIED });
  });

  it('a 200 with the same body hash is not_modified', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const first = await fetcher.fetchFeed(`${server.url}/ignores-validators`, NO_VALIDATORS);
    if (!first.ok || first.value.kind !== 'modified') throw new Error('first fetch should be modified');
    const second = await fetcher.fetchFeed(`${server.url}/ignores-validators`, first.value.conditional);
    expect(second.ok && second.value).toMatchObject({ kind: 'not_modified', status: 200 });
    const changed = await fetcher.fetchFeed(`${server.url}/ignores-validators`, { ...first.value.conditional, bodyHash: 'f'.repeat(64) });
    expect(changed.ok && changed.value.kind).toBe('modified');
  });
});

describe('redirects', () => {
  it.each([
    ['/loop-a', 'redirect_loop'],
    ['/chain10-0', 'too_many_redirects'],
    ['/no-location', 'bad_redirect'],
    ['/bad-location', 'bad_redirect'],
  ])('%s → %s', async (path, code) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}${path}`, NO_VALIDATORS);
    expect(result.ok ? 'fetched' : result.error.code).toBe(code);
  });

  it('follows exactly five redirects', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}/chain5-0`, NO_VALIDATORS);
    expect(result.ok && result.value.kind === 'modified' && result.value.resource.finalUrl).toBe(`${server.url}/feed`);
  });

  it('reports where a chain of permanent redirects leads', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}/moved`, NO_VALIDATORS);
    expect(result.ok && result.value.kind === 'modified' && result.value.resource.permanentRedirectTo).toBe(`${server.url}/feed`);
  });

  it('reports the move on a 304 at the new address too', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}/moved-conditional`, { etag: ETAG, lastModified: null, bodyHash: null });
    expect(result.ok && result.value).toMatchObject({ kind: 'not_modified', status: 304, permanentRedirectTo: `${server.url}/conditional` });
  });

  it('a temporary redirect first means the feed has not moved', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}/temporary-then-moved`, NO_VALIDATORS);
    expect(result.ok && result.value.kind === 'modified' && result.value.resource.permanentRedirectTo).toBeNull();
  });

  it('sends per-feed headers to the feed origin only, never after a cross-origin redirect', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const options = { headers: { Authorization: 'Bearer secret', 'X-Extra': '1', Host: 'evil.example' }, userAgent: 'FeedBot/2.0' };
    const result = await fetcher.fetchFeed(`${server.url}/to-other`, NO_VALIDATORS, options);
    expect(result.ok).toBe(true);
    expect(server.hits.at(-1)?.headers).toMatchObject({ authorization: 'Bearer secret', 'x-extra': '1', 'user-agent': 'FeedBot/2.0' });
    expect(server.hits.at(-1)?.headers['host']).toBe(`127.0.0.1:${server.port}`);
    expect(other.hits.at(-1)?.headers['authorization']).toBeUndefined();
    expect(other.hits.at(-1)?.headers['user-agent']).toBe('FeedBot/2.0');
    const page = await fetcher.fetchPage(`${server.url}/page`, options);
    expect(page.ok).toBe(true);
    expect(server.hits.at(-1)?.headers['authorization']).toBeUndefined();
    expect(server.hits.at(-1)?.headers['user-agent']).toBe('FeedBot/2.0');
  });
});

describe('status codes', () => {
  it.each([['/gone', 410, 'skip'], ['/missing', 404, 'skip'], ['/broken', 500, 'retry']])('%s → bad_status %i (%s)', async (path, status, disposition) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}${path}`, NO_VALIDATORS);
    expect(result.ok ? null : { code: result.error.code, status: result.error.status, disposition: result.error.disposition })
      .toEqual({ code: 'bad_status', status, disposition });
  });

  it('refuses a per-feed header that tries to inject another header', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const before = server.hits.length;
    const result = await fetcher.fetchFeed(`${server.url}/feed`, NO_VALIDATORS, { headers: { 'X-Evil': 'a\r\nInjected: 1' } });
    expect(result.ok ? 'fetched' : result.error.code).toBe('bad_request');
    expect(server.hits.slice(before).some((hit) => 'injected' in hit.headers)).toBe(false);
  });

  it('sends the configured User-Agent and Accept headers', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    await fetcher.fetchFeed(`${server.url}/feed`, NO_VALIDATORS);
    expect(server.hits.at(-1)?.headers['user-agent']).toBe(TEST_SETTINGS.userAgent);
    expect(server.hits.at(-1)?.headers['accept']).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
  });
});

describe('429/503 with Retry-After pause the whole host for the run', () => {
  // The fetcher's clock, injected: an HTTP-date Retry-After is counted from it, to the millisecond.
  const now = Date.UTC(2026, 10, 24, 10, 0, 0);
  it.each([
    ['seconds', '120', 120_000],
    ['an HTTP date', new Date(now + 600_000).toUTCString(), 600_000],
    ['garbage', 'soon-ish', null],
    ['99999999 (clamped to 24 h)', '99999999', 86_400_000],
  ])('429 with Retry-After as %s', async (_name, value, expectedMs) => {
    const limited = await startLoopbackServer({ '/feed': respond(429, { 'retry-after': value }), '/other-feed': serveFeed });
    try {
      fetcher = createFetcher(TEST_SETTINGS, { now: () => now });
      const result = await fetcher.fetchFeed(`${limited.url}/feed`, NO_VALIDATORS);
      if (result.ok) throw new Error('expected a failure');
      expect(result.error.status).toBe(429);
      expect(result.error.retryAfterMs).toBe(expectedMs);
      const sameHost = await fetcher.fetchFeed(`${limited.url}/other-feed`, NO_VALIDATORS);
      expect(sameHost.ok ? 'fetched' : sameHost.error.code).toBe('host_paused');
      expect(limited.hits).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('503 with Retry-After pauses the host; 503 without does not', async () => {
    let retryAfter: string | null = null;
    const flaky = await startLoopbackServer({
      '/feed': (_req, res) => {
        res.writeHead(503, retryAfter === null ? {} : { 'retry-after': retryAfter });
        res.end();
      },
    });
    try {
      fetcher = createFetcher(TEST_SETTINGS);
      await fetcher.fetchFeed(`${flaky.url}/feed`, NO_VALIDATORS);
      retryAfter = '30';
      const second = await fetcher.fetchFeed(`${flaky.url}/feed`, NO_VALIDATORS);
      expect(second.ok ? null : [second.error.status, second.error.retryAfterMs]).toEqual([503, 30_000]);
      const third = await fetcher.fetchFeed(`${flaky.url}/feed`, NO_VALIDATORS);
      expect(third.ok ? null : [third.error.code, third.error.retryAfterMs]).toEqual(['host_paused', 30_000]);
      expect(flaky.hits).toHaveLength(2);
    } finally {
      await flaky.close();
    }
  });
});

describe('content sniffing', () => {
  it.each([
    ['/html-as-feed', 'not_a_feed: fetch: the body is an HTML page, not a feed'],
    ['/xhtml-as-feed', 'not_a_feed: fetch: the body is an HTML page, not a feed'],
    ['/png-as-feed', 'not_a_feed: fetch: the body is a PNG image, not a feed'],
    ['/pdf-as-feed', 'not_a_feed: fetch: the body is a PDF document, not a feed'],
    ['/empty', 'not_a_feed: fetch: the body is empty'],
  ])('feed %s is refused with a reason', async (path, message) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}${path}`, NO_VALIDATORS);
    expect(result.ok ? 'fetched' : `${result.error.code}: ${result.error.message}`).toBe(`${message}: ${server.url}${path}`);
  });

  it.each(['/mislabelled-feed', '/json-feed'])('feed %s is accepted', async (path) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}${path}`, NO_VALIDATORS);
    expect(result.ok && result.value.kind).toBe('modified');
  });

  it.each([
    ['/page', true], ['/page-xhtml', true], ['/page-unlabelled', true],
    ['/page-pdf', false], ['/page-text', false], ['/page-png-labelled-html', false],
  ])('page %s accepted: %s', async (path, accepted) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchPage(`${server.url}${path}`);
    expect(result.ok ? 'ok' : result.error.code).toBe(accepted ? 'ok' : 'not_html');
  });

  it('decodes pages and feeds with their charsets', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const page = await fetcher.fetchPage(`${server.url}/koi8`);
    expect(page.ok && [page.value.charset, page.value.text.includes('Съешь же ещё этих мягких французских булок')]).toEqual(['koi8-r', true]);
    const feed = await fetcher.fetchFeed(`${server.url}/cp1251`, NO_VALIDATORS);
    expect(feed.ok && feed.value.kind === 'modified' && feed.value.resource.charset).toBe('windows-1251');
    expect(feed.ok && feed.value.kind === 'modified' && feed.value.resource.text).toContain('«Ёлка» — №5');
  });
});

describe('robots.txt for pages', () => {
  const robots = [
    'User-agent: *',
    'Disallow: /private',
    '',
    'User-agent: newsdedup-test',
    'Disallow: /secret',
    'Allow: /secret/public$',
  ].join('\n');

  async function siteWith(robotsRoute: RouteHandler): Promise<LoopbackServer> {
    const page = respond(200, { 'content-type': 'text/html' }, HTML_PAGE);
    return startLoopbackServer({ '/robots.txt': robotsRoute, '/secret/a': page, '/secret/public': page, '/private/b': page, '/news/c': page, '/feed': serveFeed });
  }

  it('follows the group of our product token, reads robots.txt once per host, and never for feeds', async () => {
    const site = await siteWith(respond(200, { 'content-type': 'text/plain' }, robots));
    try {
      fetcher = createFetcher(TEST_SETTINGS);
      const codes = [];
      for (const path of ['/secret/a', '/secret/public', '/private/b', '/news/c']) {
        const result = await fetcher.fetchPage(`${site.url}${path}`);
        codes.push(result.ok ? 'ok' : result.error.code);
      }
      expect(codes).toEqual(['robots_disallowed', 'ok', 'ok', 'ok']);
      expect(site.hits.filter((hit) => hit.path === '/robots.txt')).toHaveLength(1);
      expect(site.hits.some((hit) => hit.path === '/secret/a')).toBe(false);
      await fetcher.fetchFeed(`${site.url}/feed`, NO_VALIDATORS);
      expect(site.hits.filter((hit) => hit.path === '/robots.txt')).toHaveLength(1);
    } finally {
      await site.close();
    }
  });

  it.each([
    ['robots.txt missing (404) allows', respond(404, {}), 'ok'],
    ['robots.txt failing (500) disallows', respond(500, {}), 'robots_disallowed'],
  ])('%s', async (_name, route, expected) => {
    const site = await siteWith(route);
    try {
      fetcher = createFetcher(TEST_SETTINGS);
      const result = await fetcher.fetchPage(`${site.url}/news/c`);
      expect(result.ok ? 'ok' : result.error.code).toBe(expected);
    } finally {
      await site.close();
    }
  });

  it('respectRobots: false skips robots.txt', async () => {
    const site = await siteWith(respond(200, {}, 'User-agent: *\nDisallow: /'));
    try {
      fetcher = createFetcher({ ...TEST_SETTINGS, respectRobots: false });
      const result = await fetcher.fetchPage(`${site.url}/secret/a`);
      expect(result.ok).toBe(true);
      expect(site.hits.map((hit) => hit.path)).toEqual(['/secret/a']);
    } finally {
      await site.close();
    }
  });
});

describe('politeness', () => {
  /** A server that answers after a short delay and records the most requests it had in flight at once. */
  async function slowServer(shared: { inFlight: number; max: number }): Promise<LoopbackServer> {
    return startLoopbackServer((_req, res) => {
      shared.inFlight += 1;
      shared.max = Math.max(shared.max, shared.inFlight);
      setTimeout(() => {
        shared.inFlight -= 1;
        serveFeed(_req, res);
      }, 60);
    });
  }

  it.each([1, 2])('at most %i request(s) in flight per host', async (perHostConcurrency) => {
    const shared = { inFlight: 0, max: 0 };
    const slow = await slowServer(shared);
    try {
      fetcher = createFetcher({ ...TEST_SETTINGS, perHostConcurrency });
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => fetcher.fetchFeed(`${slow.url}/feed?${i}`, NO_VALIDATORS)));
      expect(results.every((result) => result.ok)).toBe(true);
      expect(shared.max).toBe(perHostConcurrency);
    } finally {
      await slow.close();
    }
  });

  it('at most globalConcurrency requests in flight across hosts', async () => {
    const shared = { inFlight: 0, max: 0 };
    const hosts = await Promise.all(Array.from({ length: 4 }, () => slowServer(shared)));
    try {
      fetcher = createFetcher({ ...TEST_SETTINGS, globalConcurrency: 2 });
      const results = await Promise.all(hosts.map((host) => fetcher.fetchFeed(`${host.url}/feed`, NO_VALIDATORS)));
      expect(results.every((result) => result.ok)).toBe(true);
      expect(shared.max).toBe(2);
    } finally {
      await Promise.all(hosts.map((host) => host.close()));
    }
  });

  it('waits the per-host gap between two requests to one host', async () => {
    let clock = 1_000_000;
    const waits: number[] = [];
    fetcher = createFetcher({ ...TEST_SETTINGS, perHostGapMs: 1_000 }, {
      now: () => clock,
      sleep: (ms) => {
        waits.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    await fetcher.fetchFeed(`${server.url}/feed`, NO_VALIDATORS);
    await fetcher.fetchFeed(`${server.url}/feed`, NO_VALIDATORS);
    await fetcher.fetchFeed(`${other.url}/feed`, NO_VALIDATORS);
    expect(waits).toEqual([1_000]);
  });
});
