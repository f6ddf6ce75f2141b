import { extractorOptionsFrom, fetchSettingsFrom } from './stage-options.js';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Config, FeedConfig } from '../config/config.js';
import { createExtractorPool, type ExtractorPool } from '../extract/extractor-pool.js';
import { createFetcher, type Fetcher, type PerFeedFetchOptions } from '../fetch/fetcher.js';
import { interleaveByHost } from '../fetch/feed-order.js';
import { nextCheckAt } from '../fetch/schedule.js';
import { DEFAULT_MINHASH_PARAMS } from '../fingerprint/fingerprint-text.js';
import { ArticleBudget } from './article-budget.js';
import { createIngester, duplicateIndexOptionsFrom, ingestSettingsFrom, type Ingester, type IngestSettings } from './ingest.js';
import type { Logger } from '../shared/log.js';
import { PipelineError, type ArticleInput, type ConditionalState, type ExtractedArticle, type FeedItem, type FetchedResource, type ParsedFeed, type RunSummary } from '../model.js';
import { parseFeed } from '../parse/parse-feed.js';
import { findKnownItems, recentPublicationDates } from '../store/articles.js';
import { corruptDatabaseError, isBusyError, isCorruptError, writeTransaction } from '../store/database.js';
import { cleanLine, validateArticle } from './article-validation.js';
import { getFeedStates, isDue, saveFeedFetch, syncFeeds, type FeedFetchRecord, type FeedState } from '../store/feeds.js';
import { duplicateIndexLayout, staleIndexLayout } from '../store/duplicate-index.js';
import { forgetCachedStats } from '../store/event-index.js';
import { finishRun, startRun } from '../store/runs.js';

/** Options of one pass (`newsdedup run`). */
export interface RunOptions {
  /** Fetch every feed, due or not. Default false. */
  force?: boolean;
  /** Only these feeds (by name). Default: all. */
  feedNames?: readonly string[];
  /** Fetch and parse, write nothing. Default false. */
  dryRun?: boolean;
  /** Stop starting new feeds after this long. Default: no limit. */
  maxDurationMs?: number | null;
  /** Aborted on SIGTERM/SIGINT: no new feed starts; the feed being written finishes its transaction. */
  signal?: AbortSignal;
}

/** The I/O a run uses, injectable for tests; production defaults are built from the configuration. */
export interface RunDependencies {
  db: Database.Database;
  logger: Logger;
  fetcher?: Fetcher;
  extractor?: ExtractorPool;
  now?: () => Date;
  /** Called after each feed finishes (progress bars). */
  onFeedDone?: (done: number, total: number) => void;
}

interface RunContext {
  config: Config;
  db: Database.Database;
  logger: Logger;
  fetcher: Fetcher;
  extractor: ExtractorPool;
  ingester: Ingester;
  now: () => Date;
  dryRun: boolean;
  /** Set once a write timed out on another process's lock: later writes of this run wait only briefly. */
  databaseBusy: boolean;
  /** True once the run must start no new work (deadline passed, or a signal came). */
  shouldStop: () => boolean;
  /** Articles held in memory until their feed's transaction, across all feeds in flight. */
  budget: ArticleBudget;
  /** Set when SQLite found the database damaged: no new feed starts and the run fails (exit 1). */
  fatal: PipelineError | null;
}

type FeedOutcome = 'fetched' | 'not_modified' | 'failed' | 'deferred';

interface FeedResult {
  outcome: FeedOutcome;
  inserted: number;
  updated: number;
  duplicates: number;
  clusterIds: Set<number>;
}

/** Article pages of one feed in flight at once. */
const ITEMS_IN_FLIGHT_PER_FEED = 2;

/**
 * Articles a run holds between extraction and their feed's transaction, across feeds (a few tens of KB each): a
 * first run of many feeds with hundreds of new items each would otherwise hold them all at once.
 */
const MAX_ARTICLES_HELD = 3000;

/**
 * Times a page that failed transiently (timeout, 5xx, dropped connection, extraction timeout) is fetched before the
 * feed's own text is kept for good: each retry happens on a later run of the feed, when the feed has changed.
 */
const MAX_PAGE_ATTEMPTS = 3;

/** Runs one pass over the due feeds and returns the summary. Never throws for a feed's failure. */
export async function runOnce(config: Config, deps: RunDependencies, options: RunOptions = {}): Promise<RunSummary> {
  const now = deps.now ?? (() => new Date());
  const started = now();
  const startedMs = Date.now();
  const { db, logger } = deps;
  const dryRun = options.dryRun ?? false;
  const fetcher = deps.fetcher ?? createFetcher(fetchSettingsFrom(config));
  const extractor = deps.extractor ?? createExtractorPool(extractorOptionsFrom(config));
  const ingestSettings = ingestSettingsFrom(config, DEFAULT_MINHASH_PARAMS.seed);
  const ingester = createIngester(db, ingestSettings);
  warnIfIndexStale(db, logger, ingestSettings);
  const deadline = options.maxDurationMs == null ? Number.POSITIVE_INFINITY : startedMs + options.maxDurationMs;
  const shouldStop = () => ctx.fatal !== null || Boolean(options.signal?.aborted) || Date.now() >= deadline;
  const ctx: RunContext = {
    config,
    db,
    logger,
    fetcher,
    extractor,
    ingester,
    now,
    dryRun,
    databaseBusy: false,
    shouldStop,
    budget: new ArticleBudget(MAX_ARTICLES_HELD),
    fatal: null,
  };

  const selected = selectFeeds(config, options.feedNames);
  if (!dryRun) tryWrite(ctx, 'sync_feeds', () => syncFeeds(db, selected, started));
  const states = getFeedStates(db, selected.map((feed) => feed.name));
  const due = selectDue(selected, states, options, started);
  const runId = dryRun ? null : tryWrite(ctx, 'start_run', () => startRun(db, started));
  logger.info({ feeds_configured: config.feeds.length, feeds_due: due.length, dry_run: dryRun }, 'run_started');

  const results: FeedResult[] = [];
  let skipped = selected.length - due.length;
  try {
    // Feeds spend most of their time waiting on per-host politeness, so more of them are in flight than there are
    // request slots (the fetcher's limiter, not this loop, bounds the requests), and feeds of one host are spread
    // out so the slots go to feeds that can make progress rather than queue behind one host's gap.
    await forEachLimited(interleaveByHost(due, (feed) => states.get(feed.name)?.effectiveUrl ?? feed.url), config.fetch.feedsInFlight, async (feed) => {
      if (shouldStop()) {
        skipped++;
        return;
      }
      results.push(await processFeedSafely(ctx, feed, states.get(feed.name) ?? null));
      deps.onFeedDone?.(results.length, due.length);
    });
  } finally {
    if (!deps.fetcher) await fetcher.close();
    if (!deps.extractor) await extractor.close();
  }
  if (ctx.fatal !== null) throw ctx.fatal;

  const summary = summarize(results, skipped, (Date.now() - startedMs) / 1000);
  if (runId !== null) tryWrite(ctx, 'finish_run', () => finishRun(db, runId, summary, options.signal?.aborted ? 'interrupted' : 'completed', now()));
  return summary;
}

/**
 * Changing the dedup settings changes how fingerprints are written: articles indexed before are then found by URL
 * and exact text only, until `newsdedup reindex` rewrites them. Said at the start of every run until then.
 */
function warnIfIndexStale(db: Database.Database, logger: Logger, settings: IngestSettings): void {
  const current = duplicateIndexLayout(duplicateIndexOptionsFrom(settings));
  const stale = staleIndexLayout(db, current);
  if (stale === null) return;
  logger.warn(
    { indexed_with: stale, settings: current, hint: 'run `newsdedup reindex`: until then near-duplicates of earlier articles are found by URL and exact text only' },
    'dedup_index_stale',
  );
}

/** The feeds a run looks at: enabled ones, or the named ones. */
function selectFeeds(config: Config, names: readonly string[] | undefined): FeedConfig[] {
  if (!names || names.length === 0) return config.feeds.filter((feed) => feed.enabled);
  const wanted = new Set(names);
  return config.feeds.filter((feed) => wanted.has(feed.name));
}

/** Of the selected feeds, those to fetch now: due (or forced), and not disabled unless named explicitly. */
function selectDue(selected: readonly FeedConfig[], states: ReadonlyMap<string, FeedState>, options: RunOptions, now: Date): FeedConfig[] {
  const named = new Set(options.feedNames ?? []);
  return selected.filter((feed) => {
    const state = states.get(feed.name);
    if (!state) return true;
    // A feed disabled by 410 Gone stays disabled, unless named explicitly (or its URL changes in feeds.yaml).
    if (state.disabledAt !== null && !named.has(feed.name)) return false;
    return options.force || isDue(state, now);
  });
}

function perFeedOptions(feed: FeedConfig): PerFeedFetchOptions {
  return { userAgent: feed.userAgent, headers: feed.headers, allowNetworks: feed.allowNetworks };
}

// ─── One feed ──────────────────────────────────────────────────────────────

/**
 * One feed's failure — even a bug of ours — is logged and counted, never fatal to the run. A damaged database is
 * the exception: every later write would fail too, so the run stops and fails (cron must not see success).
 */
async function processFeedSafely(ctx: RunContext, feed: FeedConfig, state: FeedState | null): Promise<FeedResult> {
  try {
    return await processFeed(ctx, feed, state);
  } catch (error) {
    if (isCorruptError(error)) {
      ctx.fatal ??= corruptDatabaseError(ctx.config.database, error);
      ctx.logger.error({ feed: feed.name, error: ctx.fatal.message }, 'database_corrupt');
      return emptyResult('failed');
    }
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new PipelineError('run', 'internal_error', `unexpected error: ${message}`, { disposition: 'retry', cause: error });
    ctx.logger.error({ feed: feed.name, err: error }, 'feed_internal_error');
    return recordFailure(ctx, feed, state, wrapped, null, null);
  }
}

async function processFeed(ctx: RunContext, feed: FeedConfig, state: FeedState | null): Promise<FeedResult> {
  const { logger } = ctx;
  const url = state?.effectiveUrl ?? feed.url;
  const conditional = state?.conditional ?? { etag: null, lastModified: null, bodyHash: null };
  const fetched = await ctx.fetcher.fetchFeed(url, conditional, perFeedOptions(feed));
  if (!fetched.ok) return recordFailure(ctx, feed, state, fetched.error, fetched.error.status, fetched.error.retryAfterMs);

  const outcome = fetched.value;
  if (outcome.kind === 'not_modified') {
    const next = schedule(ctx, feed, state, 'not_modified', outcome.headers, null);
    persist(ctx, feed, state, (feedId) => {
      saveFetchState(ctx, feed, feedId, {
        now: ctx.now(),
        status: outcome.status,
        outcome: 'not_modified',
        conditional: outcome.conditional,
        nextCheckAt: next,
        itemsSeen: null,
        permanentRedirectTo: outcome.permanentRedirectTo ?? null,
      });
    });
    logger.debug({ feed: feed.name, status: outcome.status }, 'feed_not_modified');
    return emptyResult('not_modified');
  }

  const { resource } = outcome;
  const parsed = await parseFeed(resource.text, { baseUrl: resource.finalUrl, now: ctx.now(), maxItems: ctx.config.maxItemsPerFeed });
  if (!parsed.ok) return recordFailure(ctx, feed, state, parsed.error, resource.status, null);
  const feedData = parsed.value;
  for (const warning of feedData.warnings) logger.warn({ feed: feed.name, warning }, 'feed_warning');

  const known = state ? findKnownItems(ctx.db, feed.name, feedData.items) : null;
  // New items, stored items whose feed entry changed (an update), and stored items whose page failed transiently
  // and is due another try; unchanged and pruned items cost nothing.
  const pageFailures = known?.pageFailures ?? new Map<string, number>();
  const retryPage = (key: string) => (pageFailures.get(key) ?? 0) > 0 && (pageFailures.get(key) ?? 0) < MAX_PAGE_ATTEMPTS;
  const pending = feedData.items.filter(
    (item) => !known?.pruned.has(item.key) && (known?.hashes.get(item.key) !== itemHash(item) || retryPage(item.key)),
  );
  if (ctx.dryRun) {
    logger.info({ feed: feed.name, status: resource.status, items: feedData.items.length, new_or_changed: pending.length }, 'feed_dry_run');
    return { ...emptyResult('fetched'), inserted: pending.length };
  }
  await ctx.budget.acquire(pending.length);
  try {
    return await buildAndStore(ctx, feed, state, resource, outcome.conditional, feedData, pending, pageFailures);
  } finally {
    ctx.budget.release(pending.length);
  }
}

/** Builds a feed's new and changed articles and stores them with the feed's state, in one transaction. */
async function buildAndStore(
  ctx: RunContext,
  feed: FeedConfig,
  state: FeedState | null,
  resource: FetchedResource,
  conditional: ConditionalState,
  feedData: ParsedFeed,
  pending: readonly FeedItem[],
  pageFailures: ReadonlyMap<string, number>,
): Promise<FeedResult> {
  const { logger } = ctx;
  const articles = await buildArticles(ctx, feed, pending, pageFailures);
  if (articles === null) {
    logger.info({ feed: feed.name, reason: 'stopping' }, 'feed_abandoned');
    return emptyResult('deferred');
  }
  const next = schedule(ctx, feed, state, 'ok', resource.headers, feedData);

  let result = emptyResult('fetched');
  const written = persist(ctx, feed, state, (feedId) => {
    const counts = ctx.ingester.ingest(articles, ctx.now());
    saveFetchState(ctx, feed, feedId, {
      now: ctx.now(),
      status: resource.status,
      outcome: 'ok',
      conditional,
      nextCheckAt: next,
      itemsSeen: feedData.items.length,
      title: feedData.title === null ? null : cleanLine(feedData.title),
      siteLink: feedData.link === null ? null : cleanLine(feedData.link),
      permanentRedirectTo: resource.permanentRedirectTo,
    });
    result = { outcome: 'fetched', inserted: counts.inserted, updated: counts.updated, duplicates: counts.duplicates, clusterIds: counts.clusterIds };
  });
  if (!written) return emptyResult('deferred');
  logger.info(
    { feed: feed.name, status: resource.status, items: feedData.items.length, new: result.inserted, updated: result.updated, duplicates: result.duplicates },
    'feed_done',
  );
  return result;
}

/**
 * Writes one feed's results in one IMMEDIATE transaction. When another process holds the database past the busy
 * timeout, the feed is deferred to the next run — nothing was written, so nothing is half-written.
 */
function persist(ctx: RunContext, feed: FeedConfig, state: FeedState | null, write: (feedId: number) => void): boolean {
  if (ctx.dryRun) return true;
  const feedId = state?.id ?? feedIdByName(ctx.db, feed.name);
  if (feedId === null) {
    ctx.logger.warn({ feed: feed.name }, 'feed_deferred_not_registered');
    return false;
  }
  return tryWrite(ctx, 'save_feed', () => write(feedId), feed.name) !== null;
}

/**
 * Runs a write; when the database stays locked by another process past the busy timeout, logs it and returns null
 * (the work is deferred to the next run). The first wait is the full busy timeout; once the database was found
 * busy, later writes of the run wait only briefly, so one stuck `sqlite3` shell costs one timeout, not one per feed.
 */
function tryWrite<T>(ctx: RunContext, step: string, write: () => T, feed?: string): T | null {
  try {
    const result = writeTransaction(ctx.db, write);
    if (ctx.databaseBusy) {
      ctx.databaseBusy = false;
      ctx.db.pragma(`busy_timeout = ${ctx.config.busyTimeoutMs}`);
    }
    return result;
  } catch (error) {
    // The transaction rolled back: cached clustering statistics may hold its uncommitted changes.
    forgetCachedStats(ctx.db);
    if (!isBusyError(error)) throw error;
    ctx.logger.warn({ step, ...(feed ? { feed } : {}), busy_timeout_ms: ctx.config.busyTimeoutMs }, 'database_busy_deferred');
    if (!ctx.databaseBusy) {
      ctx.databaseBusy = true;
      ctx.db.pragma(`busy_timeout = ${Math.min(250, ctx.config.busyTimeoutMs)}`);
    }
    return null;
  }
}

/** Saves a fetch's outcome in the feed's state and reports a move to a new URL. */
function saveFetchState(ctx: RunContext, feed: FeedConfig, feedId: number, record: FeedFetchRecord): void {
  const effect = saveFeedFetch(ctx.db, feedId, record);
  if (effect.movedTo) ctx.logger.warn({ feed: feed.name, to: effect.movedTo }, 'feed_moved_permanently');
}

function recordFailure(
  ctx: RunContext,
  feed: FeedConfig,
  state: FeedState | null,
  error: PipelineError,
  status: number | null,
  retryAfterMs: number | null,
): FeedResult {
  const headers: Record<string, string> = retryAfterMs === null ? {} : { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) };
  const next = schedule(ctx, feed, state, 'error', headers, null);
  const gone = status === 410;
  persist(ctx, feed, state, (feedId) => {
    saveFeedFetch(ctx.db, feedId, {
      now: ctx.now(),
      status,
      outcome: 'error',
      conditional: null,
      nextCheckAt: next,
      itemsSeen: null,
      error: { code: error.code, message: cleanLine(error.message) },
      disable: gone ? 'HTTP 410 Gone: the publisher removed this feed' : null,
    });
  });
  ctx.logger.warn(
    { feed: feed.name, code: error.code, status, error: error.message, next_check_at: next.toISOString() },
    gone ? 'feed_gone_disabled' : 'feed_failed',
  );
  return emptyResult('failed');
}

function schedule(
  ctx: RunContext,
  feed: FeedConfig,
  state: FeedState | null,
  outcome: 'ok' | 'not_modified' | 'error',
  headers: Record<string, string>,
  parsed: ParsedFeed | null,
): Date {
  return nextCheckAt({
    now: ctx.now(),
    intervalMinutes: feed.intervalMs / 60_000,
    outcome,
    consecutiveErrors: outcome === 'error' ? (state?.errorCount ?? 0) + 1 : 0,
    ttlMinutes: parsed?.ttlMinutes ?? null,
    headers,
    // Without a parsed feed (304, error) the stored articles tell how often the feed publishes.
    recentItemDates: parsed
      ? parsed.items.flatMap((item) => (item.published ? [item.published] : []))
      : state
        ? recentPublicationDates(ctx.db, state.name)
        : [],
  });
}

// ─── Items → articles ──────────────────────────────────────────────────────

/**
 * Builds a feed's articles a few at a time (the host limiter serializes a host's pages anyway), so that a deadline
 * or a signal stops new page fetches at once. A feed stopped part-way is abandoned whole — nothing of it is
 * written, and the next run takes it up again.
 */
async function buildArticles(
  ctx: RunContext,
  feed: FeedConfig,
  items: readonly FeedItem[],
  pageFailures: ReadonlyMap<string, number>,
): Promise<ArticleInput[] | null> {
  const articles: ArticleInput[] = [];
  let stopped = false;
  await forEachLimited(items, ITEMS_IN_FLIGHT_PER_FEED, async (item) => {
    if (stopped || ctx.shouldStop()) {
      stopped = true;
      return;
    }
    const article = await buildArticle(ctx, feed, item, pageFailures.get(item.key) ?? 0);
    const valid = article === null ? null : checkArticle(ctx, feed, article);
    if (valid) articles.push(valid);
  });
  if (stopped) return null;
  // In feed order, so that ingesting is independent of which page answered first.
  const order = new Map(items.map((item, index) => [item.key, index]));
  return articles.sort((a, b) => (order.get(a.itemKey) ?? 0) - (order.get(b.itemKey) ?? 0));
}

async function buildArticle(ctx: RunContext, feed: FeedConfig, item: FeedItem, failuresBefore: number): Promise<ArticleInput | null> {
  const feedItem = { title: item.title, summary: item.summary, contentHtml: item.contentHtml, published: item.published };
  let pageError: string | null = null;
  let pageFailures = 0;
  if (feed.fetchArticles && item.url) {
    const page = await ctx.fetcher.fetchPage(item.url, perFeedOptions(feed));
    let error: PipelineError;
    if (page.ok) {
      const resource = page.value;
      const extracted = await ctx.extractor.extract({ url: resource.finalUrl, bytes: resource.body, contentType: resource.contentType, feedItem });
      if (extracted.ok) return toArticleInput(feed, item, extracted.value);
      error = extracted.error;
    } else {
      error = page.error;
    }
    pageError = error.message;
    pageFailures = isTransientPageError(error) ? failuresBefore + 1 : 0;
    const retry = pageFailures > 0 && pageFailures < MAX_PAGE_ATTEMPTS;
    ctx.logger.warn({ feed: feed.name, url: item.url, reason: pageError, ...(pageFailures > 0 ? { attempt: pageFailures, retry } : {}) }, 'article_page_failed');
  }
  // No page (or it failed): the feed's own content is the article.
  const fallback = await ctx.extractor.extract({ url: item.url ?? feed.url, html: '', feedItem });
  if (!fallback.ok) {
    ctx.logger.warn({ feed: feed.name, item: item.key, reason: fallback.error.message }, 'article_skipped');
    return null;
  }
  const reason = pageError ?? (item.url ? 'article fetching disabled for this feed' : 'feed item has no link');
  return { ...toArticleInput(feed, item, { ...fallback.value, method: 'feed', fallbackReason: reason }), pageFailures };
}

/** The shared article validation, its changes and refusals logged with the feed. */
function checkArticle(ctx: RunContext, feed: FeedConfig, article: ArticleInput): ArticleInput | null {
  const valid = validateArticle(article, ctx.now());
  if (!valid.ok) {
    ctx.logger.warn({ feed: feed.name, item: article.itemKey, reason: valid.error.message }, 'article_skipped');
    return null;
  }
  for (const warning of valid.value.warnings) ctx.logger.warn({ feed: feed.name, item: article.itemKey, warning }, 'article_warning');
  return valid.value.article;
}

/** A page failure worth another try later: the fetch said so (timeouts, 5xx, dropped connections), or the page's extraction ran out of time or lost its worker (a busy machine). */
function isTransientPageError(error: PipelineError): boolean {
  if (error.stage === 'extract') return error.code === 'timeout' || error.code === 'worker_exit';
  return error.disposition === 'retry';
}

function toArticleInput(feed: FeedConfig, item: FeedItem, extracted: ExtractedArticle): ArticleInput {
  return {
    feedName: feed.name,
    source: feed.outlet,
    itemKey: item.key,
    externalId: null,
    guid: item.guid,
    // An item without a link has no URL of its own: the feed's URL (which the extraction ran on) would be shared by
    // every such item, and the store would take them for one article. Its identity is its item key.
    url: item.url,
    canonicalUrl: item.url === null ? null : extracted.canonicalUrl,
    // The feed's title is what the publisher chose for this item; the page's is a fallback.
    title: item.title || extracted.title,
    text: extracted.text,
    html: extracted.html,
    byline: extracted.byline ?? (item.authors.length > 0 ? item.authors.join(', ') : null),
    lang: extracted.lang ?? item.lang,
    publishedAt: item.published ?? extracted.publishedAt,
    modifiedAt: item.updated ?? extracted.modifiedAt,
    method: extracted.method,
    fallbackReason: extracted.fallbackReason,
    itemHash: itemHash(item),
  };
}

/** A hash of what the feed says about an item: when it changes, the article is looked at again. */
export function itemHash(item: FeedItem): string {
  const material = JSON.stringify([item.title, item.url, item.summary, item.contentHtml, item.updated, item.published]);
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

// ─── Helpers ───────────────────────────────────────────────────────────────

function feedIdByName(db: Database.Database, name: string): number | null {
  const row = db.prepare<[string], { id: number }>(`SELECT id FROM feeds WHERE name = ?`).get(name);
  return row?.id ?? null;
}

function emptyResult(outcome: FeedOutcome): FeedResult {
  return { outcome, inserted: 0, updated: 0, duplicates: 0, clusterIds: new Set() };
}

function summarize(results: readonly FeedResult[], skipped: number, seconds: number): RunSummary {
  const count = (outcome: FeedOutcome) => results.filter((result) => result.outcome === outcome).length;
  const clusters = new Set<number>();
  for (const result of results) for (const id of result.clusterIds) clusters.add(id);
  return {
    feedsFetched: count('fetched'),
    feedsNotModified: count('not_modified'),
    feedsFailed: count('failed'),
    feedsSkipped: skipped + count('deferred'),
    articlesNew: results.reduce((sum, result) => sum + result.inserted, 0),
    articlesUpdated: results.reduce((sum, result) => sum + result.updated, 0),
    duplicates: results.reduce((sum, result) => sum + result.duplicates, 0),
    clustersTouched: clusters.size,
    seconds: Math.round(seconds * 10) / 10,
  };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

/** The one-line run summary, for people. */
export function formatSummary(summary: RunSummary): string {
  return (
    `feeds: ${summary.feedsFetched} fetched, ${summary.feedsNotModified} not modified, ${summary.feedsFailed} failed, ` +
    `${summary.feedsSkipped} not due; articles: ${summary.articlesNew} new, ${summary.articlesUpdated} updated, ` +
    `${summary.duplicates} duplicates; ${summary.clustersTouched} clusters touched; ${summary.seconds}s`
  );
}
