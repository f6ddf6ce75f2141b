/**
 * The types that pass between pipeline stages.
 *
 * Data flows one way: config → fetch → parse → extract → fingerprint → cluster → store.
 * Stages depend on this file, never on each other's internals.
 */

// ─── Errors ────────────────────────────────────────────────────────────────

/** Which pipeline stage raised an error; used as the message prefix ("fetch: …"). */
export type Stage = 'config' | 'fetch' | 'parse' | 'extract' | 'fingerprint' | 'cluster' | 'store' | 'run';

/**
 * What the runner should do about an error:
 * - `retry`: transient (timeout, 5xx, busy database) — try again on a later run;
 * - `skip`: this input is broken (bad XML, not an article) — give up on this item or feed;
 * - `fatal`: the run cannot go on (bad configuration, unwritable database).
 */
export type Disposition = 'retry' | 'skip' | 'fatal';

/**
 * Stable error codes, one union per stage that raises them. All snake_case: the codes of feed failures are stored in
 * `feeds.last_error_code`, logged as `code` and printed by `parse-feed --json`, and those were snake_case already.
 * Reading a file given on the command line (config, feed or page) can fail in any stage that reads one.
 */
export type InputErrorCode = 'unreadable_input' | 'too_large';

/** feeds.yaml and the settings derived from it. */
export type ConfigErrorCode = 'invalid_config' | 'invalid_cluster_config' | InputErrorCode;

/** Fetch failures; what each means is listed in `fetch/fetch-error.ts`. */
export type FetchErrorCode =
  | 'bad_url'
  | 'blocked_address'
  | 'blocked_scheme'
  | 'dns_error'
  | 'connection_error'
  | 'protocol_error'
  | 'timeout'
  | 'too_large'
  | 'bad_encoding'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'bad_redirect'
  | 'bad_status'
  | 'host_paused'
  | 'not_a_feed'
  | 'not_html'
  | 'robots_disallowed'
  | 'bad_allowlist'
  | 'bad_request'
  | 'tls_error';

/** Feed documents that cannot be parsed (see `parse/parse-feed.ts`). */
export type ParseErrorCode =
  'empty_document' | 'invalid_xml' | 'not_a_feed' | 'unsupported_format' | 'invalid_json' | 'parse_failed' | InputErrorCode;

/**
 * Article extraction: no text anywhere (`no_article`), a refused page and no feed item (`page_refused`), the HTML
 * machinery failed (`failed`), or the worker pool lost the page (`timeout`, `worker_exit`, `worker_crash`,
 * `out_of_memory`, `pool_closed`).
 */
export type ExtractErrorCode =
  'no_article' | 'page_refused' | 'failed' | 'timeout' | 'worker_exit' | 'worker_crash' | 'out_of_memory' | 'pool_closed' | InputErrorCode;

/** MinHash and LSH parameters that are invalid or differ between two fingerprints. */
export type FingerprintErrorCode = 'invalid_params' | 'params_mismatch';

/** The cluster stage raises no errors of its own: its settings fail as `config` errors. */
export type ClusterErrorCode = never;

/** The database and what is read from or written to it. */
export type StoreErrorCode =
  | 'open_failed'
  | 'database_corrupt'
  | 'schema_too_new'
  | 'not_newsdedup_database'
  | 'corrupt_fingerprint'
  | 'invalid_article'
  | 'article_missing';

/** The run itself: the run lock, and an unexpected error while processing a feed. */
export type RunErrorCode = 'locked' | 'lock_failed' | 'internal_error';

/** The codes each stage may raise. */
export interface StageErrorCodes {
  config: ConfigErrorCode;
  fetch: FetchErrorCode;
  parse: ParseErrorCode;
  extract: ExtractErrorCode;
  fingerprint: FingerprintErrorCode;
  cluster: ClusterErrorCode;
  store: StoreErrorCode;
  run: RunErrorCode;
}

/** Every error code. */
export type ErrorCode = StageErrorCodes[Stage];

/**
 * An error at a stage boundary: a stable `code`, a stage-prefixed message, and what to do about it. The code is
 * checked against the stage's union (`new PipelineError('parse', 'timeout', …)` does not compile).
 */
export class PipelineError<S extends Stage = Stage> extends Error {
  override readonly name: string = 'PipelineError';
  readonly stage: S;
  readonly code: StageErrorCodes[S];
  readonly disposition: Disposition;

  constructor(stage: S, code: StageErrorCodes[S], message: string, options: { disposition?: Disposition; cause?: unknown } = {}) {
    super(`${stage}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.stage = stage;
    this.code = code;
    this.disposition = options.disposition ?? 'skip';
  }
}

/** Expected failure as a value: stages return `Result` at their boundary instead of throwing for bad input. */
export type Result<T, E = PipelineError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

// ─── fetch ─────────────────────────────────────────────────────────────────

/** Validators remembered from the last successful fetch of a feed, sent back as a conditional GET. */
export interface ConditionalState {
  etag: string | null;
  lastModified: string | null;
  /** sha256 (hex) of the last body; a 200 with the same body counts as "not modified". */
  bodyHash: string | null;
}

/** A response that was fetched and read in full (already decompressed, within the size cap). */
export interface FetchedResource {
  /** The URL that was requested first. */
  requestedUrl: string;
  /** The URL the body finally came from, after redirects. */
  finalUrl: string;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  contentType: string | null;
  body: Buffer;
  /** The body decoded to text with the charset rules of the fetch stage (BOM, UTF-8, header, in-document). */
  text: string;
  /** The charset the text was decoded from. */
  charset: string;
  bodyHash: string;
  /** The first permanent redirect (301/308) of the chain, if any. */
  permanentRedirectTo: string | null;
}

/** The outcome of fetching a feed with a conditional GET. */
export type FeedFetchOutcome =
  | { kind: 'modified'; resource: FetchedResource; conditional: ConditionalState }
  | {
      kind: 'not_modified';
      status: number;
      headers: Record<string, string>;
      conditional: ConditionalState;
      /** As in FetchedResource: a feed that moved permanently and then answers 304 still reports the move. */
      permanentRedirectTo?: string | null;
    };

// ─── parse ─────────────────────────────────────────────────────────────────

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

/** One entry of a feed, normalized across RSS, RDF, Atom and JSON Feed. */
export interface FeedItem {
  /** Stable identity within the feed: GUID, else canonical link, else a hash of title+date. */
  key: string;
  guid: string | null;
  /** Absolute http(s) URL of the article page, or null. */
  url: string | null;
  /** Plain text: entities decoded, tags stripped, whitespace collapsed. */
  title: string;
  summary: string | null;
  contentHtml: string | null;
  /** ISO 8601 UTC or null. */
  published: string | null;
  updated: string | null;
  authors: string[];
  categories: string[];
  enclosures: Enclosure[];
  lang: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  language: string | null;
  items: FeedItem[];
  /** The feed's own `<ttl>` in minutes (RSS), a hint for the fetch schedule; null when absent. */
  ttlMinutes: number | null;
  /** Repairs made to get the feed parsed, and anything odd worth reporting. */
  warnings: string[];
}

// ─── extract ───────────────────────────────────────────────────────────────

/** How the article text was obtained. */
export type ExtractionMethod = 'readability' | 'json-ld' | 'feed' | 'import';

/** The article as extracted from its page (or, as a fallback, from the feed item). */
export interface ExtractedArticle {
  url: string;
  canonicalUrl: string | null;
  title: string;
  /** Plain text, block-aware (a newline between blocks), whitespace collapsed, NFC. */
  text: string;
  /** Sanitized article HTML, or null. */
  html: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  leadImage: string | null;
  method: ExtractionMethod;
  /** Why a fallback method was used, if it was. */
  fallbackReason: string | null;
}

// ─── fingerprint ───────────────────────────────────────────────────────────

/** The parameters a MinHash signature was made with; signatures with different parameters cannot be compared. */
export interface MinHashParams {
  /** Number of permutations (signature length). */
  numPerm: number;
  /** Words per shingle. */
  shingleSize: number;
  seed: number;
}

export interface Fingerprint {
  params: MinHashParams;
  signature: Uint32Array;
  /** Sorted, distinct 32-bit shingle hashes, kept to verify candidates by Jaccard and containment. */
  shingles: Uint32Array;
  /** sha256 (hex) of the normalized text: identical articles match before any MinHash. */
  textHash: string;
}

// ─── store / cluster ───────────────────────────────────────────────────────

/** An article ready to be stored: what was extracted plus where it came from. */
export interface ArticleInput {
  feedName: string | null;
  /** Outlet name shown to people (the feed's outlet, else the page's site name, else the host). */
  source: string;
  itemKey: string;
  externalId: string | null;
  guid: string | null;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  text: string;
  html: string | null;
  byline: string | null;
  lang: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  method: ExtractionMethod;
  fallbackReason: string | null;
  /** Hash of the feed item as last seen (title, links, summary, content, dates): an unchanged item costs no writes. */
  itemHash: string | null;
  /**
   * Transient failures in a row of the article's page (a timeout, a 5xx, a dropped connection) behind a text taken
   * from the feed instead; while below the run's limit the page is fetched again on the feed's next runs. 0 or
   * absent: the page was extracted, or failing it again would not help.
   */
  pageFailures?: number;
}

/** What the runner counts and prints in the one-line summary. */
export interface RunSummary {
  feedsFetched: number;
  feedsNotModified: number;
  feedsFailed: number;
  feedsSkipped: number;
  articlesNew: number;
  articlesUpdated: number;
  duplicates: number;
  clustersTouched: number;
  seconds: number;
}

/** What the event clusterer needs of a stored article (the store reads it so for `recluster`). */
export interface ClusterableArticle {
  id: number;
  title: string;
  text: string;
  lang: string | null;
  /** ISO 8601: published_at, else first_seen_at. */
  time: string;
  source: string;
  duplicateGroupId: number | null;
}

/**
 * A cluster as the event index stores it for the clusterer (its language, representative, forwarding): the
 * internal row, not what people see (store/cluster-queries.ts's ClusterSummary).
 */
export interface IndexedCluster {
  id: number;
  representativeArticleId: number | null;
  lang: string;
  firstSeenAt: string;
  lastUpdatedAt: string;
  articleCount: number;
  mergedInto: number | null;
}

/** The robust span of a cluster's coverage: member times (ms) at two quantiles, so one stray member moves neither end. */
export interface CoverageSpan {
  start: number;
  end: number;
  /** Members when it was computed: joins move quantiles little, so it is computed again only as the cluster grows. */
  members: number;
}

/** A member of an indexed cluster, with how many stored articles share its duplicate group (1 when none). */
export interface IndexedMember {
  id: number;
  copies: number;
}

/** What a k-means move decision knows of a member beyond its stored vector. */
export interface MemberFacts {
  /** ISO 8601: published_at, else first_seen_at (as ClusterableArticle.time). */
  time: string;
  source: string;
  titleOnly: boolean;
}

/** A member for the settle step: its duplicate group (null when none) and whether it has a text body. */
export interface SettleMember {
  id: number;
  groupId: number | null;
  titleOnly: boolean;
}
