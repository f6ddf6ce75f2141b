import { ConfigError, type Config } from '../config/config.js';
import type { ExtractorPool } from '../extract/extractor-pool.js';
import type { Logger } from '../shared/log.js';
import type { RunSummary } from '../model.js';
import { runOnce, type RunOptions } from '../pipeline/run.js';
import { formatSummary } from '../pipeline/run-summary.js';
import { openDatabase, type Database } from '../store/database.js';
import { acquireRunLock } from '../store/run-lock.js';
import { lastSuccessfulRun } from '../store/runs.js';
import { checkMetricsPath, writeMetricsFile } from './metrics-file.js';
import { durationOption, loadConfig, loggerFor, type GlobalOptions } from './context.js';

/** Flags of `newsdedup run`. */
export interface RunCommandOptions extends GlobalOptions {
  force?: boolean;
  feed?: string[];
  dryRun?: boolean;
  maxDuration?: string;
  metricsFile?: string;
}

/** `newsdedup run`: one cron-safe pass. Returns the exit code. */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const config = loadConfig(options);
  const maxDurationMs = durationOption('--max-duration', options.maxDuration);
  const unknown = (options.feed ?? []).filter((name) => !config.feeds.some((feed) => feed.name === name));
  if (unknown.length > 0) {
    const known = config.feeds.map((feed) => feed.name).join(', ');
    throw new ConfigError('command line', [{ line: null, column: null, key: '--feed', message: `no feed named ${unknown.map((name) => JSON.stringify(name)).join(', ')} in feeds.yaml (feeds: ${known})` }]);
  }
  // Up front: a metrics file found unwritable only after the run would leave a `.tmp` and a wrong exit code.
  if (options.metricsFile) checkMetricsPath(options.metricsFile, config.database);
  const logger = loggerFor(options);
  await runLocked(
    config,
    logger,
    { force: options.force ?? false, feedNames: options.feed ?? [], dryRun: options.dryRun ?? false, maxDurationMs },
    options.metricsFile ?? null,
  );
  return 0;
}

/**
 * One pass under the run lock (a long-lived process such as `watch` passes its own extractor pool, so worker
 * threads are not created anew for every pass), with SIGTERM/SIGINT turned into "start nothing new, finish the current
 * transaction, exit cleanly". Logs the one-line summary.
 */
export async function runLocked(
  config: Config,
  logger: Logger,
  options: Omit<RunOptions, 'signal'>,
  metricsFile: string | null = null,
  extractor?: ExtractorPool,
): Promise<RunSummary> {
  const lock = acquireRunLock(config.database);
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) logger.warn({ signal }, 'run_stopping_on_signal');
    controller.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const db = openDatabase(config.database, { busyTimeoutMs: config.busyTimeoutMs });
  let summary: RunSummary | null = null;
  try {
    const deps = { db, logger, now: () => new Date(), onFeedDone: progressReporter(), ...(extractor ? { extractor } : {}) };
    summary = await runOnce(config, deps, { ...options, signal: controller.signal });
    logSummary(logger, summary);
    return summary;
  } finally {
    if (metricsFile) {
      writeMetricsFile(metricsFile, {
        summary: summary ?? EMPTY_SUMMARY,
        succeeded: summary !== null,
        lastSuccess: lastSuccessOrNull(db),
        finishedAt: new Date(),
      });
    }
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    db.close();
    lock.release();
  }
}

/** The last completed run for the metrics file; null when the database cannot say (damaged): the run's own error is the one to report. */
function lastSuccessOrNull(db: Database): Date | null {
  try {
    return lastSuccessfulRun(db);
  } catch {
    return null;
  }
}

const EMPTY_SUMMARY: RunSummary = {
  feedsFetched: 0,
  feedsNotModified: 0,
  feedsFailed: 0,
  feedsSkipped: 0,
  articlesNew: 0,
  articlesUpdated: 0,
  duplicates: 0,
  clustersTouched: 0,
  seconds: 0,
};

/** The run's one-line summary: structured fields in JSON mode, one sentence on a TTY. */
export function logSummary(logger: Logger, summary: RunSummary): void {
  const fields = {
    feeds_fetched: summary.feedsFetched,
    feeds_not_modified: summary.feedsNotModified,
    feeds_failed: summary.feedsFailed,
    feeds_skipped: summary.feedsSkipped,
    articles_new: summary.articlesNew,
    articles_updated: summary.articlesUpdated,
    duplicates: summary.duplicates,
    clusters_touched: summary.clustersTouched,
    seconds: summary.seconds,
  };
  if (process.stderr.isTTY) logger.summary(`run finished: ${formatSummary(summary)}`);
  else logger.summary(fields, 'run_summary');
}

/** A progress bar on a TTY (nothing otherwise: cron mail and log files get no carriage returns). */
function progressReporter(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} feeds${done === total ? '\n' : ''}`);
  };
}
