import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../src/fetch/fetcher.js';
import { NO_VALIDATORS, TEST_SETTINGS, fakeResolver, serveFeed } from '../helpers/fetch-kit.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';

/** A name with several A records, one of them dead: the fetcher dials the next checked address. */
describe('names with several addresses', () => {
  let server: LoopbackServer;
  let fetcher: Fetcher | null = null;
  // 127.0.0.3 and 127.0.0.4 route to loopback but nothing listens there on the server's port: connection refused.
  const settings = { ...TEST_SETTINGS, allowNetworks: ['127.0.0.1/32', '127.0.0.3/32', '127.0.0.4/32', '127.0.0.5/32'] };

  beforeAll(async () => {
    server = await startLoopbackServer({ '/feed': serveFeed });
  });
  afterEach(async () => {
    await fetcher?.close();
    fetcher = null;
  });
  afterAll(async () => {
    await server.close();
  });

  it('a refused first address falls through to the next one', async () => {
    fetcher = createFetcher(settings, { lookup: fakeResolver({ 'multi.example': ['127.0.0.3', '127.0.0.1'] }) });
    const result = await fetcher.fetchFeed(`http://multi.example:${server.port}/feed`, NO_VALIDATORS);
    expect(result.ok && result.value.kind).toBe('modified');
    expect(server.hits.at(-1)?.headers['host']).toBe(`multi.example:${server.port}`);
  });

  it('at most three addresses are dialled; then the error says the connection failed', async () => {
    fetcher = createFetcher(settings, { lookup: fakeResolver({ 'dead.example': ['127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.1'] }) });
    const hits = server.hits.length;
    const result = await fetcher.fetchFeed(`http://dead.example:${server.port}/feed`, NO_VALIDATORS);
    expect(result.ok ? 'fetched' : result.error.code).toBe('connection_error');
    expect(server.hits.length).toBe(hits);
  });
});
