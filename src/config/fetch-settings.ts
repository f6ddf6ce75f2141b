/**
 * Settings of the fetch stage (feeds.yaml `fetch:` plus the global `user_agent` and `allow_networks`), declared
 * beside the configuration that carries them so that config/ never imports fetch/.
 */
export interface FetchSettings {
  /** User-Agent sent with every request (required; a feed may override it). */
  userAgent: string;
  /** Addresses/CIDRs that may be reached although private or loopback, e.g. `10.0.0.0/8`. Default: none. */
  allowNetworks: string[];
  /** Time to open the TCP (and TLS) connection, ms. Default 10 000. */
  connectTimeoutMs: number;
  /** Time from sending the request to the complete response headers, and the longest pause between body chunks, ms. Default 15 000. */
  headersTimeoutMs: number;
  /** Deadline for one request (one redirect hop), from connect to the last body byte, ms. Default 60 000. */
  totalTimeoutMs: number;
  /** Cap on the body, both as sent and decompressed, bytes. Default 15 MiB. */
  maxBodyBytes: number;
  /** Redirects followed per fetch. Default 5. */
  maxRedirects: number;
  /** Requests in flight to one host at a time. Default 1. */
  perHostConcurrency: number;
  /** Minimum gap between the starts of two requests to one host, ms. Default 1 000. */
  perHostGapMs: number;
  /** Requests in flight across all hosts. Default 8. */
  globalConcurrency: number;
  /** Check robots.txt before fetching an article page (feeds are fetched regardless). Default true. */
  respectRobots: boolean;
}
