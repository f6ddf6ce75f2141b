/** Shared setup of the fetch tests: settings, a feed fixture, and a fake resolver. */
import { readFileSync } from 'node:fs';
import type dns from 'node:dns';
import { expect } from 'vitest';
import type { LookupFunction } from '../../src/fetch/address-guard.js';
import type { FetchSettings } from '../../src/config/fetch-settings.js';
import type { Fetcher } from '../../src/fetch/fetcher.js';
import type { ConditionalState } from '../../src/model.js';
import type { LoopbackServer, RouteHandler } from './loopback-server.js';

/** The real RSS fixture every "good feed" route serves. */
export const FEED_XML = readFileSync(new URL('../fixtures/fetch/feeds/rss-basic/feed.xml', import.meta.url));

/** 127.0.0.1 plays "the internet"; everything else on loopback (127.0.0.2) stays internal. Small timeouts keep tests fast. */
export const TEST_SETTINGS: Partial<FetchSettings> & { userAgent: string } = {
  userAgent: 'newsdedup-test/1.0 (+http://example.test/bot)',
  allowNetworks: ['127.0.0.1/32'],
  perHostGapMs: 0,
  connectTimeoutMs: 1_000,
  headersTimeoutMs: 1_000,
  totalTimeoutMs: 2_000,
  maxBodyBytes: 1024 * 1024,
};

export const NO_VALIDATORS: ConditionalState = { etag: null, lastModified: null, bodyHash: null };

/** Serves the RSS fixture. */
export const serveFeed: RouteHandler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  res.end(FEED_XML);
};

/** Answers every request with a redirect to `location` (computed per request). */
export function redirectTo(location: () => string, status = 302): RouteHandler {
  return (_req, res) => {
    res.writeHead(status, { location: location() });
    res.end();
  };
}

/** A resolver with fixed answers per hostname; unknown names fail like NXDOMAIN. Counts calls per name. */
export function fakeResolver(answers: Record<string, string[] | (() => string[])>): LookupFunction & { calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const lookup = (
    hostname: string,
    _options: dns.LookupAllOptions,
    callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
  ): void => {
    calls.set(hostname, (calls.get(hostname) ?? 0) + 1);
    const answer = answers[hostname];
    const list = typeof answer === 'function' ? answer() : answer;
    if (list === undefined) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      return;
    }
    setImmediate(() =>
      callback(
        null,
        list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      ),
    );
  };
  return Object.assign(lookup, { calls });
}

/** After any hostile case the same fetcher must still fetch a good feed. */
export async function expectNextFeedWorks(fetcher: Fetcher, good: LoopbackServer): Promise<void> {
  const next = await fetcher.fetchFeed(`${good.url}/feed`, NO_VALIDATORS);
  expect(next.ok && next.value.kind).toBe('modified');
}
