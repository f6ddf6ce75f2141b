import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../src/fetch/fetcher.js';
import { FEED_XML, NO_VALIDATORS, TEST_SETTINGS } from '../helpers/fetch-kit.js';
import { startRawServer, type RawServer } from '../helpers/loopback-server.js';

const feedResponse = Buffer.concat([
  Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/rss+xml\r\ncontent-length: ${FEED_XML.length}\r\nconnection: close\r\n\r\n`),
  FEED_XML,
]);

/** A connection closed under a request before any response (a server dropping an idle keep-alive connection). */
describe('a connection reset before the response', () => {
  let server: RawServer | null = null;
  let fetcher: Fetcher | null = null;
  afterEach(async () => {
    await fetcher?.close();
    await server?.close();
  });

  it('is sent again once, on a new connection, and the fetch succeeds', async () => {
    let seen = 0;
    server = await startRawServer((socket) => {
      const first = seen++ === 0;
      socket.once('data', () => (first ? socket.resetAndDestroy() : socket.end(feedResponse)));
    });
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}/feed`, NO_VALIDATORS);
    expect(result.ok && result.value.kind).toBe('modified');
    expect(server.connections).toBe(2);
  });

  it('is not sent a third time: a server that always resets gives connection_error', async () => {
    server = await startRawServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    fetcher = createFetcher(TEST_SETTINGS);
    const result = await fetcher.fetchFeed(`${server.url}/feed`, NO_VALIDATORS);
    expect(result.ok ? 'fetched' : result.error.code).toBe('connection_error');
    expect(server.connections).toBe(2);
  });
});
