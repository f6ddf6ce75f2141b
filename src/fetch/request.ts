/**
 * One GET, hop by hop: redirects are followed by hand so every hop is re-checked (scheme, address guard,
 * robots.txt, host pause) and counted; each hop runs inside the host limiter under its own deadline.
 */
import type { Readable } from 'node:stream';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { FetchErrorCode, Result } from '../model.js';
import { err, ok } from '../model.js';
import { blockedReason, BlockedAddressError, ipLiteral } from './address-guard.js';
import type { AllowedNetwork } from '../shared/networks.js';
import { FetchError } from './fetch-error.js';
import type { HostLimiter } from './host-limiter.js';
import { ACCEPT_ENCODING, checkDeclaredLength, readBody } from './read-body.js';
import { parseRetryAfter } from './schedule.js';

/** What one fetch needs to know; built by the fetcher per call. */
export interface RequestContext {
  dispatcher: Dispatcher;
  allowNetworks: readonly AllowedNetwork[];
  limiter: HostLimiter;
  /** The fetcher's clock (ms since the epoch): what an HTTP-date Retry-After is counted from. */
  now: () => number;
  maxRedirects: number;
  maxBodyBytes: number;
  totalTimeoutMs: number;
  userAgent: string;
  /** Headers sent only to the origin of the first URL (credentials must not follow a redirect elsewhere). */
  originHeaders: Record<string, string>;
  /** A last check before each hop (robots.txt for pages); returns the error to stop with. */
  beforeHop?: ((url: URL) => Promise<FetchError | null>) | undefined;
}

/** The last answer of a redirect chain: a 2xx with its body, or a 304. */
export interface FinalResponse {
  url: string;
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** Where the chain's leading run of permanent redirects (301/308) ends, if it starts with one. */
  permanentRedirectTo: string | null;
}

type Hop = { kind: 'final'; response: FinalResponse } | { kind: 'redirect'; status: number; location: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

/** GETs `url`, following at most `context.maxRedirects` redirects; every failure is a FetchError value. */
export async function requestFollowingRedirects(
  url: string,
  headers: Record<string, string>,
  context: RequestContext,
): Promise<Result<FinalResponse, FetchError>> {
  const first = checkUrl(url, context, null);
  if (first instanceof FetchError) return err(first);
  const visited = new Set<string>();
  let current = first;
  let permanentRedirectTo: string | null = null;
  let stillPermanent = true;
  for (let redirects = 0; ; redirects += 1) {
    visited.add(current.href);
    const sameOrigin = current.origin === first.origin;
    const hop = await runHop(current, { ...headers, ...(sameOrigin ? context.originHeaders : {}) }, context);
    if (hop instanceof FetchError) return err(hop);
    if (hop.kind === 'final') return ok({ ...hop.response, permanentRedirectTo });
    const next = nextHop(current, hop, redirects, visited, context);
    if (next instanceof FetchError) return err(next);
    stillPermanent &&= PERMANENT.has(hop.status);
    if (stillPermanent) permanentRedirectTo = next.href;
    current = next;
  }
}

function nextHop(current: URL, hop: { status: number; location: string }, redirects: number, visited: Set<string>, context: RequestContext): URL | FetchError {
  if (redirects >= context.maxRedirects) {
    return new FetchError('too_many_redirects', `more than ${context.maxRedirects} redirects, last to ${hop.location}: ${current.href}`, { status: hop.status });
  }
  const next = checkUrl(hop.location, context, current);
  if (next instanceof FetchError) return next;
  if (visited.has(next.href)) return new FetchError('redirect_loop', `redirect loop back to ${next.href}`, { status: hop.status });
  return next;
}

/**
 * Parses and checks a URL before any connection: http(s) only, no credentials, and IP literals (every disguise
 * is normalized by the WHATWG parser: `127.1`, `0x7f000001`, `2130706433`, `0`) through the address guard.
 * Names are checked at connect time, on the address actually resolved.
 */
function checkUrl(raw: string, context: RequestContext, base: URL | null): URL | FetchError {
  const code = base === null ? 'bad_url' : 'bad_redirect';
  let url: URL;
  try {
    url = base === null ? new URL(raw) : new URL(raw, base);
  } catch {
    return new FetchError(code, `not a valid URL: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const where = base === null ? '' : ` (redirect from ${base.href})`;
    return new FetchError(base === null ? 'bad_url' : 'blocked_scheme', `only http and https are fetched, not ${url.protocol}${where}`);
  }
  if (url.username !== '' || url.password !== '') {
    return new FetchError(code, `credentials in URLs are not sent (use the feed's headers): ${url.host}${url.pathname}`);
  }
  const literal = ipLiteral(url.hostname);
  const reason = literal === null ? null : blockedReason(literal, context.allowNetworks);
  return reason === null ? url : new FetchError('blocked_address', `${reason}, not fetched: ${url.href}`);
}

async function runHop(url: URL, headers: Record<string, string>, context: RequestContext): Promise<Hop | FetchError> {
  const paused = context.limiter.pausedFor(url.host);
  if (paused !== null) {
    return new FetchError('host_paused', `${url.host} asked us to back off earlier in this run: ${url.href}`, { retryAfterMs: paused.retryAfterMs });
  }
  const refusal = context.beforeHop === undefined ? null : await context.beforeHop(url);
  if (refusal !== null) return refusal;
  return context.limiter.run(url.host, () => sendWithDeadline(url, headers, context));
}

async function sendWithDeadline(url: URL, headers: Record<string, string>, context: RequestContext): Promise<Hop | FetchError> {
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), context.totalTimeoutMs);
  try {
    return await send(url, headers, context, controller.signal);
  } catch (error) {
    return classifyError(error, url, controller.signal.aborted ? context.totalTimeoutMs : null);
  } finally {
    clearTimeout(deadline);
  }
}

async function send(url: URL, headers: Record<string, string>, context: RequestContext, signal: AbortSignal): Promise<Hop | FetchError> {
  const get = () =>
    request(url, {
      method: 'GET',
      dispatcher: context.dispatcher,
      signal,
      headers: { 'user-agent': context.userAgent, 'accept-encoding': ACCEPT_ENCODING, ...headers },
    });
  // A server may close an idle keep-alive connection just as we reuse it; the GET never reached it, and a GET is
  // safe to send again: once, at once, before any response came.
  const response = await get().catch((error: unknown) => {
    if (signal.aborted || !isClosedBeforeResponse(error)) throw error;
    return get();
  });
  const responseHeaders = flattenHeaders(response.headers);
  const status = response.statusCode;
  if (REDIRECTS.has(status)) {
    discard(response.body);
    const location = responseHeaders['location'];
    if (location === undefined) return new FetchError('bad_redirect', `${status} without a Location header: ${url.href}`, { status });
    return { kind: 'redirect', status, location };
  }
  if (status === 304) {
    discard(response.body);
    return { kind: 'final', response: { url: url.href, status, headers: responseHeaders, body: Buffer.alloc(0), permanentRedirectTo: null } };
  }
  if (status < 200 || status > 299) {
    discard(response.body);
    return statusError(url, status, responseHeaders, context);
  }
  const tooLong = checkDeclaredLength(responseHeaders, context.maxBodyBytes, url.href);
  if (tooLong !== null) {
    discard(response.body);
    return tooLong;
  }
  // undici stops watching the signal once headers are in; the deadline must still end a body that drips.
  const stop = (): void => {
    response.body.destroy(new Error('deadline'));
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    const body = await readBody(response.body, responseHeaders['content-encoding'], context.maxBodyBytes, url.href);
    return { kind: 'final', response: { url: url.href, status, headers: responseHeaders, body, permanentRedirectTo: null } };
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** A non-2xx answer; 429 (and 503 with Retry-After) pause the whole host for the rest of the run. */
function statusError(url: URL, status: number, headers: Record<string, string>, context: RequestContext): FetchError {
  const retryAfter = headers['retry-after'];
  const retryAfterMs = retryAfter === undefined ? null : parseRetryAfter(retryAfter, new Date(context.now()));
  if (status === 429 || (status === 503 && retryAfterMs !== null)) context.limiter.pause(url.host, retryAfterMs);
  const wait = retryAfterMs === null ? '' : ` (retry after ${Math.round(retryAfterMs / 1000)} s)`;
  return new FetchError('bad_status', `HTTP ${status}${wait}: ${url.href}`, { status, retryAfterMs });
}

/** Drops a body we will not read: closing the connection is cheaper than draining an unknown amount. */
function discard(body: Readable): void {
  body.on('error', () => undefined); // undici reports its own destroy as an AbortError
  body.destroy();
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The connection was reset or closed under a request before any response: the stale keep-alive race. */
function isClosedBeforeResponse(error: unknown): boolean {
  return findInCauses(error, (cause) => {
    if (typeof cause !== 'object' || cause === null || !('code' in cause)) return false;
    return cause.code === 'ECONNRESET' || cause.code === 'EPIPE' || cause.code === 'UND_ERR_SOCKET';
  }) !== undefined;
}

/** Maps whatever undici, node:net or zlib threw onto a FetchError with a stable code. */
function classifyError(error: unknown, url: URL, deadlineMs: number | null): FetchError {
  if (error instanceof FetchError) return error;
  const blocked = findInCauses(error, (cause) => cause instanceof BlockedAddressError);
  if (blocked instanceof Error) return new FetchError('blocked_address', `${blocked.message}, not fetched: ${url.href}`, { cause: error });
  if (deadlineMs !== null) return new FetchError('timeout', `no complete answer within ${deadlineMs} ms: ${url.href}`, { cause: error });
  const parser = findInCauses(error, (cause) => cause instanceof Error && cause.name === 'HTTPParserError');
  const code = parser === undefined ? errorCode(error) : 'HPE_';
  const detail = error instanceof Error ? error.message : String(error);
  const [fetchCode, what] = describeCode(code);
  return new FetchError(fetchCode, `${what}${detail === '' ? '' : ` (${detail})`}: ${url.href}`, { cause: error });
}

function describeCode(code: string): [FetchErrorCode, string] {
  switch (code) {
    case 'UND_ERR_INVALID_ARG': return ['bad_request', 'the request cannot be sent as configured'];
    case 'ERR_TLS_CERT_ALTNAME_INVALID': case 'DEPTH_ZERO_SELF_SIGNED_CERT': case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE': case 'CERT_HAS_EXPIRED': case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return ['tls_error', 'the TLS certificate is not valid for this host'];
    case 'UND_ERR_CONNECT_TIMEOUT': return ['timeout', 'connect timeout'];
    case 'UND_ERR_HEADERS_TIMEOUT': return ['timeout', 'no response headers in time'];
    case 'UND_ERR_BODY_TIMEOUT': return ['timeout', 'the body stalled'];
    case 'UND_ERR_HEADERS_OVERFLOW': return ['protocol_error', 'response headers too large'];
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH': return ['protocol_error', 'body length differs from Content-Length'];
    case 'ENOTFOUND': case 'EAI_AGAIN': case 'EAI_NONAME': return ['dns_error', 'host name not resolved'];
    default:
      return code.startsWith('HPE_') ? ['protocol_error', 'malformed HTTP response'] : ['connection_error', 'connection failed'];
  }
}

function errorCode(error: unknown): string {
  const withCode = findInCauses(error, (cause) => typeof cause === 'object' && cause !== null && 'code' in cause
    && typeof cause.code === 'string' && cause.code !== 'UND_ERR_SOCKET');
  const fallback = findInCauses(error, (cause) => typeof cause === 'object' && cause !== null && 'code' in cause);
  const found = withCode ?? fallback;
  return typeof found === 'object' && found !== null && 'code' in found && typeof found.code === 'string' ? found.code : '';
}

function findInCauses(error: unknown, test: (cause: unknown) => boolean): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth += 1) {
    if (test(current)) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}
