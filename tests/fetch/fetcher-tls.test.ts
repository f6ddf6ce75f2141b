import { readFileSync } from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFetcher } from '../../src/fetch/fetcher.js';
import { FEED_XML, NO_VALIDATORS, TEST_SETTINGS, fakeResolver } from '../helpers/fetch-kit.js';

const tls = (name: string): Buffer => readFileSync(new URL(`../fixtures/fetch/tls/${name}`, import.meta.url));

let server: https.Server;
let port = 0;
const serverNames: Array<string | null> = [];

beforeAll(async () => {
  server = https.createServer({ cert: tls('cert.pem'), key: tls('key.pem') }, (req, res) => {
    serverNames.push('servername' in req.socket && typeof req.socket.servername === 'string' ? req.socket.servername : null);
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(FEED_XML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const lookup = fakeResolver({ 'feeds.example': ['127.0.0.1'], 'other.example': ['127.0.0.1'] });

it('connects to the checked address and still verifies the certificate for the host name (SNI)', async () => {
  const fetcher = createFetcher(TEST_SETTINGS, { lookup, ca: tls('cert.pem') });
  const result = await fetcher.fetchFeed(`https://feeds.example:${port}/feed`, NO_VALIDATORS);
  expect(result.ok && result.value.kind).toBe('modified');
  expect(serverNames.at(-1)).toBe('feeds.example');
  await fetcher.close();
});

it('refuses a certificate for another name → tls_error', async () => {
  const fetcher = createFetcher(TEST_SETTINGS, { lookup, ca: tls('cert.pem') });
  const result = await fetcher.fetchFeed(`https://other.example:${port}/feed`, NO_VALIDATORS);
  expect(result.ok ? 'fetched' : result.error.code).toBe('tls_error');
  await fetcher.close();
});

it('refuses an untrusted (self-signed) certificate with the default roots → tls_error', async () => {
  const fetcher = createFetcher(TEST_SETTINGS, { lookup });
  const result = await fetcher.fetchFeed(`https://feeds.example:${port}/feed`, NO_VALIDATORS);
  expect(result.ok ? 'fetched' : result.error.code).toBe('tls_error');
  await fetcher.close();
});
