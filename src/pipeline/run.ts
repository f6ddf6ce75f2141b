import { extractorOptionsFrom, fetchSettingsFrom } from './stage-options.js';
import type Database from 'better-sqlite3';
import type { Config } from '../config/config.js';
import { createExtractorPool, type ExtractorPool } from '../extract/extractor-pool.js';
import { createFetcher, type Fetcher } from '../fetch/fetcher.js';
import { interleaveByHost } from '../fetch/feed-order.js';
import { DEFAULT_MINHASH_PARAMS } from '../fingerprint/fingerprint-text.js';
import { ArticleBudget } from './article-budget.js';
import { createIngester, duplicateIndexOptionsFrom, ingestSettingsFrom, type IngestSettings } from './ingest.js';
import type { Logger } from '../shared/log.js';
import type { RunSummary } from '../model.js';
import { getFeedStates, syncFeeds } from '../store/feeds.js';
import { staleIndexLayout } from '../store/duplicate-index.js';
import { duplicateIndexLayout } from './open-duplicate-index.js';
import { forgetCachedStats } from '../store/event-stats-cache.js';
import { finishRun, startRun } from '../store/runs.js';
import { createRunWriter } from './busy-database.js';
import { selectDue, selectFeeds } from './feed-selection.js';
import { forEachLimited } from './for-each-limited.js';
import { processFeedSafely, type RunContext } from './process-feed.js';
import { summarize, type FeedResult } from './run-summary.js';

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
  /** The run's clock: the feeds' schedule, the stored times, the deadline and the summary's seconds. */
  now: () => Date;
  /** Called after each feed finishes (progress bars). */
  onFeedDone?: (done: number, total: number) => void;
}

/**
 * Articles a run holds between extraction and their feed's transaction, across feeds (a few tens of KB each): a
 * first run of many feeds with hundreds of new items each would otherwise hold them all at once.
 */
const MAX_ARTICLES_HELD = 3000;

/** Runs one pass over the due feeds and returns the summary. Never throws for a feed's failure. */
export async function runOnce(config: Config, deps: RunDependencies, options: RunOptions = {}): Promise<RunSummary> {
  const { db, logger, now } = deps;
  const started = now();
  const startedMs = started.getTime();
  const dryRun = options.dryRun ?? false;
  const fetcher = deps.fetcher ?? createFetcher(fetchSettingsFrom(config));
  const extractor = deps.extractor ?? createExtractorPool(extractorOptionsFrom(config));
  const ingestSettings = ingestSettingsFrom(config, DEFAULT_MINHASH_PARAMS.seed);
  const ingester = createIngester(db, ingestSettings);
  warnIfIndexStale(db, logger, ingestSettings);
  const deadline = options.maxDurationMs == null ? Number.POSITIVE_INFINITY : startedMs + options.maxDurationMs;
  const shouldStop = () => ctx.fatal !== null || Boolean(options.signal?.aborted) || now().getTime() >= deadline;
  // A rolled-back transaction: cached clustering statistics may hold its uncommitted changes.
  const writer = createRunWriter(db, logger, config.busyTimeoutMs, () => forgetCachedStats(db));
  const ctx: RunContext = {
    config,
    db,
    logger,
    fetcher,
    extractor,
    ingester,
    now,
    dryRun,
    writer,
    shouldStop,
    budget: new ArticleBudget(MAX_ARTICLES_HELD),
    fatal: null,
  };

  const selected = selectFeeds(config, options.feedNames);
  if (!dryRun) writer.tryWrite('sync_feeds', () => syncFeeds(db, selected, started));
  const states = getFeedStates(db, selected.map((feed) => feed.name));
  const due = selectDue(selected, states, options, started);
  const runId = dryRun ? null : writer.tryWrite('start_run', () => startRun(db, started));
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

  const summary = summarize(results, skipped, (now().getTime() - startedMs) / 1000);
  if (runId !== null) writer.tryWrite('finish_run', () => finishRun(db, runId, summary, options.signal?.aborted ? 'interrupted' : 'completed', now()));
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
