/**
 * The fetch stage: conditional, polite, bounded and SSRF-safe HTTP GETs of feeds and article pages.
 *
 * One `Fetcher` lives for one run: it owns the undici connection pools, the per-host politeness state (including
 * hosts paused by a 429/503) and the robots.txt cache.
 */
import { createHash } from 'node:crypto';
import { Agent } from 'undici';
import type { ConditionalState, FeedFetchOutcome, FetchedResource, Result } from '../model.js';
import { err, ok } from '../model.js';
import type { FetchSettings } from '../config/fetch-settings.js';
import { isValidNetwork, parseNetworks } from '../shared/networks.js';
import { createGuardedConnector, systemLookup } from './address-guard.js';
import type { LookupFunction } from './address-guard.js';
import { decodeBody } from '../shared/decode-body.js';
import { FetchError } from './fetch-error.js';
import { HostLimiter } from './host-limiter.js';
import { requestFollowingRedirects } from './request.js';
import type { FinalResponse, RequestContext } from './request.js';
import { isAllowed, parseRobots, productToken, ALLOW_ALL, DISALLOW_ALL } from './robots.js';
import type { RobotsRules } from './robots.js';
import { notAFeedReason, notHtmlReason } from './sniff.js';

export { FetchError } from './fetch-error.js';
export type { FetchErrorCode } from '../model.js';

/** The defaults of every setting except the User-Agent. */
export const DEFAULT_FETCH_SETTINGS: Omit<FetchSettings, 'userAgent'> = {
  allowNetworks: [],
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxBodyBytes: 15 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 1,
  perHostGapMs: 1_000,
  globalConcurrency: 8,
  respectRobots: true,
};

/** Per-feed overrides from feeds.yaml. */
export interface PerFeedFetchOptions {
  /** Replaces the global User-Agent for this feed and its pages. Default: the global one. */
  userAgent?: string;
  /**
   * Extra request headers of the feed request (e.g. Authorization): sent only to the feed's own origin, never after
   * a cross-origin redirect, and never with article pages or robots.txt (which may live anywhere). Default none.
   */
  headers?: Record<string, string>;
  /** Added to the global allowlist for this feed. Default none. */
  allowNetworks?: string[];
}

/** Fetches feeds and pages; create one per run with `createFetcher` and `close()` it at the end. */
export interface Fetcher {
  /** Conditional GET of a feed: 304, or a 200 whose body hash is `conditional.bodyHash`, is `not_modified`. */
  fetchFeed(url: string, conditional: ConditionalState, feed?: PerFeedFetchOptions): Promise<Result<FeedFetchOutcome, FetchError>>;
  /** GET of an article page: text/html or application/xhtml+xml only, after robots.txt allows it. */
  fetchPage(url: string, feed?: PerFeedFetchOptions): Promise<Result<FetchedResource, FetchError>>;
  /** Closes the connection pools. */
  close(): Promise<void>;
}

/** The I/O of a fetcher; production defaults are the system resolver and real time. */
export interface FetcherDependencies {
  /** Resolver used at connect time (default `dns.lookup`); tests inject fake DNS answers. */
  lookup?: LookupFunction;
  /** Clock for the per-host gap and for Retry-After dates (default `Date.now`). */
  now?: () => number;
  /** Sleep for the per-host gap (default `setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
  /** Trusted CA certificates (PEM) replacing Node's bundled roots: for tests and private intranet CAs. Default: Node's roots. */
  ca?: string | Buffer;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, '
  + 'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
/** robots.txt is small; 500 KiB is the minimum RFC 9309 asks crawlers to read. */
const ROBOTS_MAX_BYTES = 512 * 1024;
/** Headers a feed may not set: they would break framing or the guard. */
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'keep-alive']);

/** Creates a fetcher; unspecified settings take `DEFAULT_FETCH_SETTINGS`. */
export function createFetcher(settings: Partial<FetchSettings> & { userAgent: string }, deps: FetcherDependencies = {}): Fetcher {
  const config: FetchSettings = { ...DEFAULT_FETCH_SETTINGS, ...settings };
  const lookup = deps.lookup ?? systemLookup;
  const now = deps.now ?? Date.now;
  const limiter = new HostLimiter(config, { now, sleep: deps.sleep ?? defaultSleep });
  const agents = new Map<string, Agent>();
  const robotsCache = new Map<string, Promise<RobotsRules>>();

  const agentFor = (allowNetworks: readonly string[]): Agent => {
    const key = [...new Set(allowNetworks)].sort().join(',');
    let agent = agents.get(key);
    if (agent === undefined) {
      const connect = createGuardedConnector({ allow: parseNetworks(allowNetworks), lookup, connectTimeoutMs: config.connectTimeoutMs, ca: deps.ca });
      agent = new Agent({
        connect,
        headersTimeout: config.headersTimeoutMs,
        bodyTimeout: config.headersTimeoutMs,
        maxHeaderSize: 64 * 1024,
        connections: Math.max(1, config.perHostConcurrency),
      });
      agents.set(key, agent);
    }
    return agent;
  };

  const contextFor = (feed: PerFeedFetchOptions | undefined, maxBodyBytes: number, withHeaders: boolean): RequestContext | FetchError => {
    const allowNetworks = [...config.allowNetworks, ...(feed?.allowNetworks ?? [])];
    const invalid = allowNetworks.find((entry) => !isValidNetwork(entry));
    if (invalid !== undefined) return new FetchError('bad_allowlist', `allow_networks entry ${JSON.stringify(invalid)} is not an IP address or CIDR`);
    return {
      dispatcher: agentFor(allowNetworks),
      allowNetworks: parseNetworks(allowNetworks),
      limiter,
      now,
      maxRedirects: config.maxRedirects,
      maxBodyBytes,
      totalTimeoutMs: config.totalTimeoutMs,
      userAgent: feed?.userAgent ?? config.userAgent,
      originHeaders: withHeaders ? cleanHeaders(feed?.headers ?? {}) : {},
    };
  };

  const robotsFor = (url: URL, feed: PerFeedFetchOptions | undefined): Promise<RobotsRules> => {
    const token = productToken(feed?.userAgent ?? config.userAgent);
    const key = `${url.origin} ${token}`;
    let rules = robotsCache.get(key);
    if (rules === undefined) {
      const context = contextFor(feed, ROBOTS_MAX_BYTES, false);
      rules = context instanceof FetchError ? Promise.resolve(ALLOW_ALL) : loadRobots(url.origin, token, context);
      robotsCache.set(key, rules);
    }
    return rules;
  };

  return {
    fetchFeed: async (url, conditional, feed) => {
      const context = contextFor(feed, config.maxBodyBytes, true);
      return context instanceof FetchError ? err(context) : fetchFeed(url, conditional, context);
    },
    fetchPage: async (url, feed) => {
      const context = contextFor(feed, config.maxBodyBytes, false);
      if (context instanceof FetchError) return err(context);
      const robotsCheck = config.respectRobots ? (hop: URL) => checkRobots(hop, robotsFor(hop, feed)) : undefined;
      return fetchPage(url, context, robotsCheck);
    },
    close: async () => {
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      agents.clear();
    },
  };
}

async function fetchFeed(url: string, conditional: ConditionalState, context: RequestContext): Promise<Result<FeedFetchOutcome, FetchError>> {
  const headers: Record<string, string> = { accept: FEED_ACCEPT };
  if (conditional.etag !== null) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified !== null) headers['if-modified-since'] = conditional.lastModified;
  const response = await requestFollowingRedirects(url, headers, context);
  if (!response.ok) return response;
  const final = response.value;
  if (final.status === 304) return ok(notModified(final, conditional, conditional.bodyHash));
  const bodyHash = sha256(final.body);
  if (conditional.bodyHash !== null && bodyHash === conditional.bodyHash) return ok(notModified(final, conditional, bodyHash));
  const resource = toResource(url, final, bodyHash, 'xml');
  const reason = notAFeedReason(resource.body, resource.text, resource.contentType);
  if (reason !== null) return err(new FetchError('not_a_feed', `${reason}: ${final.url}`, { status: final.status }));
  return ok({ kind: 'modified', resource, conditional: validators(final, conditional, bodyHash, false) });
}

async function fetchPage(
  url: string,
  context: RequestContext,
  beforeHop: ((hop: URL) => Promise<FetchError | null>) | undefined,
): Promise<Result<FetchedResource, FetchError>> {
  const response = await requestFollowingRedirects(url, { accept: PAGE_ACCEPT }, { ...context, beforeHop });
  if (!response.ok) return response;
  const final = response.value;
  if (final.status === 304) return err(new FetchError('bad_status', `unexpected 304 for a page: ${final.url}`, { status: 304 }));
  const resource = toResource(url, final, sha256(final.body), 'html');
  const reason = notHtmlReason(resource.body, resource.text, resource.contentType);
  return reason === null ? ok(resource) : err(new FetchError('not_html', `${reason}: ${final.url}`, { status: final.status }));
}

function notModified(final: FinalResponse, conditional: ConditionalState, bodyHash: string | null): FeedFetchOutcome {
  return {
    kind: 'not_modified',
    status: final.status,
    headers: final.headers,
    conditional: validators(final, conditional, bodyHash, true),
    permanentRedirectTo: final.permanentRedirectTo,
  };
}

/** The validators to remember; a 304 may omit them, and then the old ones still hold. */
function validators(final: FinalResponse, previous: ConditionalState, bodyHash: string | null, keepOld: boolean): ConditionalState {
  return {
    etag: final.headers['etag'] ?? (keepOld ? previous.etag : null),
    lastModified: final.headers['last-modified'] ?? (keepOld ? previous.lastModified : null),
    bodyHash,
  };
}

function toResource(requestedUrl: string, final: FinalResponse, bodyHash: string, kind: 'xml' | 'html'): FetchedResource {
  const contentType = final.headers['content-type'] ?? null;
  const { text, charset } = decodeBody(final.body, contentType, kind);
  return {
    requestedUrl,
    finalUrl: final.url,
    status: final.status,
    headers: final.headers,
    contentType,
    body: final.body,
    text,
    charset,
    bodyHash,
    permanentRedirectTo: final.permanentRedirectTo,
  };
}

async function loadRobots(origin: string, token: string, context: RequestContext): Promise<RobotsRules> {
  const response = await requestFollowingRedirects(`${origin}/robots.txt`, { accept: 'text/plain, */*;q=0.5' }, context);
  if (!response.ok) return robotsOnError(response.error);
  return parseRobots(decodeBody(response.value.body, response.value.headers['content-type'] ?? null, 'html').text, token);
}

/**
 * A robots.txt that is "not found" (4xx except 429) allows everything; unreachable (5xx, 429, network) means
 * "disallow" (RFC 9309). Errors the page itself will hit (blocked address, paused host) allow here, so the page
 * fails with its own, truer reason.
 */
function robotsOnError(error: FetchError): RobotsRules {
  if (['blocked_address', 'blocked_scheme', 'bad_url', 'host_paused'].includes(error.code)) return ALLOW_ALL;
  const status = error.status;
  return status !== null && status >= 400 && status < 500 && status !== 429 ? ALLOW_ALL : DISALLOW_ALL;
}

async function checkRobots(url: URL, rules: Promise<RobotsRules>): Promise<FetchError | null> {
  if (isAllowed(await rules, `${url.pathname}${url.search}`)) return null;
  return new FetchError('robots_disallowed', `robots.txt of ${url.origin} disallows ${url.href}`);
}

function cleanHeaders(headers: Record<string, string>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!FORBIDDEN_HEADERS.has(lower)) clean[lower] = value;
  }
  return clean;
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
