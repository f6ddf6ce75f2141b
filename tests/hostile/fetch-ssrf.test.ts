import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.js';
import type { Fetcher } from '../../src/fetch/fetcher.js';
import { startLoopbackServer } from '../helpers/loopback-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { NO_VALIDATORS, TEST_SETTINGS, expectNextFeedWorks, fakeResolver, redirectTo, serveFeed } from '../helpers/fetch-kit.js';

/** The internal network: must receive 0 requests in every case of this file. */
let internal: LoopbackServer;
/** A public server (127.0.0.1) whose routes redirect wherever a case needs. */
let hostile: LoopbackServer;
/** A public server with a good feed: the "next feed" that must still work. */
let good: LoopbackServer;
let fetcher: Fetcher;
let redirectTarget = '';

beforeAll(async () => {
  internal = await startLoopbackServer(serveFeed, { host: '127.0.0.2' });
  good = await startLoopbackServer({ '/feed': serveFeed });
  hostile = await startLoopbackServer({ '/redirect': redirectTo(() => redirectTarget), '/feed': serveFeed });
});

afterAll(async () => {
  await Promise.all([internal.close(), good.close(), hostile.close()]);
});

afterEach(async () => {
  expect(internal.hits).toHaveLength(0);
  await expectNextFeedWorks(fetcher, good);
  await fetcher.close();
});

describe('IP literals in every disguise never reach the internal address', () => {
  const cases: Array<[string, () => string]> = [
    ['127.0.0.2 itself', () => `http://127.0.0.2:${internal.port}/feed`],
    ['short form 127.2', () => `http://127.2:${internal.port}/feed`],
    ['hex 0x7f000002', () => `http://0x7f000002:${internal.port}/feed`],
    ['decimal 2130706434', () => `http://2130706434:${internal.port}/feed`],
    ['octal 0177.0.0.2', () => `http://0177.0.0.2:${internal.port}/feed`],
    ['IPv4-mapped [::ffff:127.0.0.2]', () => `http://[::ffff:127.0.0.2]:${internal.port}/feed`],
    ['IPv4-mapped [::ffff:7f00:1] of the allowed 127.0.0.1', () => `http://[::ffff:7f00:1]:${hostile.port}/feed`],
    ['0 (means this host)', () => `http://0:${hostile.port}/feed`],
    ['[::1]', () => `http://[::1]:${internal.port}/feed`],
    ['[::] unspecified', () => `http://[::]:${hostile.port}/feed`],
    ['metadata 169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
    ['private 10.0.0.1', () => 'http://10.0.0.1/feed'],
    ['CGNAT 100.64.0.1', () => 'http://100.64.0.1/feed'],
    ['ULA [fd00::1]', () => 'http://[fd00::1]/feed'],
    ['NAT64 [64:ff9b::7f00:2]', () => 'http://[64:ff9b::7f00:2]/feed'],
  ];

  it.each(cases)('%s → blocked_address', async (_name, url) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(url(), NO_VALIDATORS);
    expect(result.ok ? 'fetched' : result.error.code).toBe('blocked_address');
    expect(hostile.hits.filter((hit) => hit.path === '/feed')).toHaveLength(0);
  });

  it.each([
    ['user-info with the allowed host first', () => `http://127.0.0.1:${hostile.port}@127.0.0.2:${internal.port}/feed`],
    ['user-info only', () => `http://user:secret@127.0.0.1:${hostile.port}/feed`],
  ])('%s → refused before connecting', async (_name, url) => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(url(), NO_VALIDATORS);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.code).toMatch(/^(bad_url|blocked_address)$/);
    expect(hostile.hits.filter((hit) => hit.path === '/feed')).toHaveLength(0);
  });

  it('a backslash before "@" makes the rest a path on the allowed host, as browsers parse it', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`http://127.0.0.1:${hostile.port}\\@127.0.0.2:${internal.port}/feed`, NO_VALIDATORS);
    expect(result.ok ? 'fetched' : result.error.status).toBe(404);
    expect(hostile.hits.at(-1)?.path).toBe(`/@127.0.0.2:${internal.port}/feed`);
  });

  it('the default blocks loopback entirely (nothing allowlisted)', async () => {
    fetcher = createFetcher({ ...TEST_SETTINGS, allowNetworks: [] });
    const result = await fetcher.fetchFeed(`${hostile.url}/feed`, NO_VALIDATORS);
    expect(result.ok ? 'fetched' : result.error.message).toMatch(/^fetch: 127\.0\.0\.1 is a loopback address, not fetched/);
    // The good server is allowlisted for that feed only: per-feed allowlists add to the global one.
    const allowed = await fetcher.fetchFeed(`${good.url}/feed`, NO_VALIDATORS, { allowNetworks: ['127.0.0.1/32'] });
    expect(allowed.ok).toBe(true);
    const again = await fetcher.fetchFeed(`${good.url}/feed`, NO_VALIDATORS);
    expect(again.ok ? 'fetched' : again.error.code).toBe('blocked_address');
    fetcher = createFetcher(TEST_SETTINGS); // the afterEach check runs with the global allowlist
  });

  it('an invalid per-feed allowlist entry is an error value, not a crash', async () => {
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${good.url}/feed`, NO_VALIDATORS, { allowNetworks: ['10.0.0.0/99'] });
    expect(result.ok ? 'fetched' : result.error.message).toBe('fetch: allow_networks entry "10.0.0.0/99" is not an IP address or CIDR');
    const page = await fetcher.fetchPage(`${good.url}/feed`, { allowNetworks: ['everything'] });
    expect(page.ok ? 'fetched' : page.error.code).toBe('bad_allowlist');
  });
});

describe('host names are checked on the resolved address, at connect time', () => {
  it.each([
    ['a name resolving to 127.0.0.2', ['127.0.0.2']],
    ['a name resolving to 10.1.2.3', ['10.1.2.3']],
    ['a name resolving to the metadata address', ['169.254.169.254']],
    ['a name resolving to ::1', ['::1']],
    ['mixed public and private A records', ['127.0.0.1', '127.0.0.2']],
    ['mixed records, private first', ['127.0.0.2', '127.0.0.1']],
  ])('%s → blocked_address', async (_name, addresses) => {
    const lookup = fakeResolver({ 'feeds.example': addresses });
    fetcher = createFetcher(TEST_SETTINGS, { lookup });
    const result = await fetcher.fetchFeed(`http://feeds.example:${internal.port}/feed`, NO_VALIDATORS);
    expect(result.ok ? 'fetched' : result.error.code).toBe('blocked_address');
    expect(lookup.calls.get('feeds.example')).toBe(1);
  });

  it('a public name is fetched through the injected resolver', async () => {
    const lookup = fakeResolver({ 'feeds.example': ['127.0.0.1'] });
    fetcher = createFetcher(TEST_SETTINGS, { lookup });
    const result = await fetcher.fetchFeed(`http://feeds.example:${good.port}/feed`, NO_VALIDATORS);
    expect(result.ok && result.value.kind).toBe('modified');
    expect(good.hits.at(-1)?.headers['host']).toBe(`feeds.example:${good.port}`);
  });

  it('an unknown name → dns_error; a closed port → connection_error', async () => {
    fetcher = createFetcher(TEST_SETTINGS, { lookup: fakeResolver({ 'closed.example': ['127.0.0.1'] }) });
    const unknown = await fetcher.fetchFeed('http://nxdomain.example/feed', NO_VALIDATORS);
    expect(unknown.ok ? 'fetched' : unknown.error.code).toBe('dns_error');
    const closed = await fetcher.fetchFeed('http://closed.example:1/feed', NO_VALIDATORS);
    expect(closed.ok ? 'fetched' : closed.error.code).toBe('connection_error');
  });

  it('DNS rebinding: a name that turns private between connections is refused on the new connection', async () => {
    // The same port on 127.0.0.1 (public) and 127.0.0.2 (internal): only the resolved address decides.
    const twinPublic = await startLoopbackServer(serveFeed);
    const twinInternal = await startLoopbackServer(serveFeed, { host: '127.0.0.2', port: twinPublic.port });
    let answers = 0;
    const lookup = fakeResolver({ 'rebind.example': () => (answers++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']) });
    try {
      const first = createFetcher(TEST_SETTINGS, { lookup });
      expect((await first.fetchFeed(`http://rebind.example:${twinPublic.port}/feed`, NO_VALIDATORS)).ok).toBe(true);
      await first.close();
      fetcher = createFetcher(TEST_SETTINGS, { lookup });
      const second = await fetcher.fetchFeed(`http://rebind.example:${twinPublic.port}/feed`, NO_VALIDATORS);
      expect(second.ok ? 'fetched' : second.error.code).toBe('blocked_address');
      expect(twinInternal.hits).toHaveLength(0);
      expect(twinPublic.hits).toHaveLength(1);
    } finally {
      await Promise.all([twinPublic.close(), twinInternal.close()]);
    }
  });
});

describe('every redirect hop is re-checked', () => {
  it.each([
    ['to 127.0.0.2', () => `http://127.0.0.2:${internal.port}/feed`, 'blocked_address'],
    ['to [::1]', () => `http://[::1]:${internal.port}/feed`, 'blocked_address'],
    ['to the metadata address', () => 'http://169.254.169.254/latest/meta-data/iam/', 'blocked_address'],
    ['to 2130706434', () => `http://2130706434:${internal.port}/feed`, 'blocked_address'],
    ['to file:///etc/passwd', () => 'file:///etc/passwd', 'blocked_scheme'],
    ['to gopher://', () => `gopher://127.0.0.2:${internal.port}/_GET%20/`, 'blocked_scheme'],
    ['to data:', () => 'data:application/rss+xml,<rss></rss>', 'blocked_scheme'],
    ['to javascript:', () => 'javascript:alert(1)', 'blocked_scheme'],
    ['to a name resolving to 127.0.0.2', () => `http://internal.example:${internal.port}/feed`, 'blocked_address'],
  ])('a public feed redirecting %s → %s', async (_name, target, code) => {
    redirectTarget = target();
    fetcher = createFetcher(TEST_SETTINGS, { lookup: fakeResolver({ 'internal.example': ['127.0.0.2'] }) });
    const result = await fetcher.fetchFeed(`${hostile.url}/redirect`, NO_VALIDATORS);
    expect(result.ok ? 'fetched' : result.error.code).toBe(code);
  });
});
