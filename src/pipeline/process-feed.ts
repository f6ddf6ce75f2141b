/** One feed of a run: fetch, parse, build its new and changed articles, and store them with its state in one transaction. */
import type Database from 'better-sqlite3';
import type { Config, FeedConfig } from '../config/config.js';
import { nextCheckAt } from '../fetch/schedule.js';
import { PipelineError, type ConditionalState, type FeedItem, type FetchedResource, type ParsedFeed } from '../model.js';
import { parseFeed } from '../parse/parse-feed.js';
import { findKnownItems, recentPublicationDates } from '../store/articles.js';
import { corruptDatabaseError, isCorruptError } from '../store/database.js';
import { feedIdByName, saveFeedFetch, type FeedFetchRecord, type FeedState } from '../store/feeds.js';
import type { ArticleBudget } from './article-budget.js';
import { cleanLine } from './article-validation.js';
import { buildArticles, itemHash, MAX_PAGE_ATTEMPTS, perFeedOptions, type ArticleContext } from './build-articles.js';
import type { RunWriter } from './busy-database.js';
import type { Ingester } from './ingest.js';
import { emptyResult, type FeedResult } from './run-summary.js';

/** What one feed's processing uses of the run. */
export interface RunContext extends ArticleContext {
  config: Config;
  db: Database.Database;
  ingester: Ingester;
  dryRun: boolean;
  /** The run's writes, under the busy-database policy. */
  writer: RunWriter;
  /** Articles held in memory until their feed's transaction, across all feeds in flight. */
  budget: ArticleBudget;
  /** Set when SQLite found the database damaged: no new feed starts and the run fails (exit 1). */
  fatal: PipelineError | null;
}

/**
 * One feed's failure — even a bug of ours — is logged and counted, never fatal to the run. A damaged database is
 * the exception: every later write would fail too, so the run stops and fails (cron must not see success).
 */
export async function processFeedSafely(ctx: RunContext, feed: FeedConfig, state: FeedState | null): Promise<FeedResult> {
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
  return ctx.writer.tryWrite('save_feed', () => write(feedId), feed.name) !== null;
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
