/**
 * The one error type of the fetch stage: a stable `code` for the runner and the `feeds` command, the HTTP
 * status when there was one, and how long the server asked us to wait.
 *
 * Its codes (the union FetchErrorCode is in model.ts, beside every other stage's):
 * - `bad_url`: not an absolute http(s) URL, or credentials inside the URL;
 * - `blocked_address`: the target is (or resolves to) a loopback/private/link-local/… address not allowlisted;
 * - `blocked_scheme`: a redirect to something other than http/https (file:, gopher:, data:, …);
 * - `dns_error`, `connection_error`, `protocol_error`: name not found; refused/reset; malformed HTTP;
 * - `tls_error`: the certificate is invalid, expired or for another name;
 * - `timeout`: connect, headers or the total deadline expired;
 * - `too_large`: Content-Length or the (decompressed) body exceeds the cap;
 * - `bad_encoding`: an unknown Content-Encoding, or a body that does not decompress;
 * - `too_many_redirects`, `redirect_loop`, `bad_redirect` (a 3xx without a usable Location);
 * - `bad_status`: any other non-2xx answer (see `status`; 410 means the feed is gone);
 * - `host_paused`: an earlier 429/503 with Retry-After paused this host for the rest of the run;
 * - `not_a_feed`: the body is an HTML page, an image, a PDF, … rather than a feed;
 * - `not_html`: a page that is not text/html or application/xhtml+xml;
 * - `robots_disallowed`: robots.txt forbids the page (or could not be read, which RFC 9309 treats as "disallow");
 * - `bad_request`: a request that cannot be sent as configured (e.g. a per-feed header with a line break);
 * - `bad_allowlist`: an `allow_networks` entry is not an address or CIDR (validate configuration with `isValidNetwork`).
 */
import { PipelineError } from '../model.js';
import type { Disposition, FetchErrorCode } from '../model.js';

/** Options of a FetchError; `disposition` defaults to `retry` for transient codes and `skip` otherwise. */
export interface FetchErrorOptions {
  status?: number | null;
  retryAfterMs?: number | null;
  disposition?: Disposition;
  cause?: unknown;
}

const TRANSIENT: ReadonlySet<FetchErrorCode> = new Set<FetchErrorCode>([
  'dns_error', 'connection_error', 'protocol_error', 'timeout', 'host_paused',
]);

/** A failed fetch; the message reads `fetch: <what happened>: <url>`. */
export class FetchError extends PipelineError<'fetch'> {
  override readonly name: string = 'FetchError';
  /** The HTTP status of the answer that failed, or null when there was no answer. */
  readonly status: number | null;
  /** How long the server asked us to wait (Retry-After), in ms; null when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(code: FetchErrorCode, message: string, options: FetchErrorOptions = {}) {
    const disposition = options.disposition ?? defaultDisposition(code, options.status ?? null);
    super('fetch', code, message, { disposition, cause: options.cause });
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

function defaultDisposition(code: FetchErrorCode, status: number | null): Disposition {
  if (TRANSIENT.has(code)) return 'retry';
  if (code === 'bad_status' && status !== null) return status >= 500 || status === 429 || status === 408 ? 'retry' : 'skip';
  return 'skip';
}
