import { Cron } from 'croner';
import { createExtractorPool } from '../extract/extractor-pool.js';
import { extractorOptionsFrom } from '../pipeline/stage-options.js';
import { assertNewsdedupDatabase } from '../store/database.js';
import { LockedError } from '../store/run-lock.js';
import { loadConfig, loggerFor, type GlobalOptions } from './context.js';
import { checkMetricsPath } from './metrics-file.js';
import { runLocked } from './run-command.js';

/**
 * `newsdedup watch`: the same pass as `run`, on the `schedule` from feeds.yaml, for people without cron.
 * A pass still going when the next tick comes makes that tick skip (croner's `protect`); a pass started by cron
 * meanwhile holds the lock, and the tick is skipped with a log line. SIGTERM/SIGINT stop the schedule, let a
 * running pass finish its transaction, and exit.
 */
export async function watchCommand(options: GlobalOptions & { metricsFile?: string }): Promise<number> {
  const config = loadConfig(options);
  if (options.metricsFile) checkMetricsPath(options.metricsFile, config.database);
  // Up front, not in every tick: another program's database is refused once, with exit 2.
  assertNewsdedupDatabase(config.database);
  const logger = loggerFor(options);
  let running: Promise<unknown> = Promise.resolve();
  // One pool for every pass: creating and ending worker threads on every pass would grow resident memory.
  const extractor = createExtractorPool(extractorOptionsFrom(config));
  const job = new Cron(config.schedule, { protect: true }, async () => {
    const pass = runLocked(config, logger, {}, options.metricsFile ?? null, extractor).catch((error: unknown) => {
      if (error instanceof LockedError) logger.warn({ lock: error.message }, 'watch_tick_skipped_locked');
      else logger.error({ err: error }, 'watch_run_failed');
    });
    running = pass;
    await pass;
  });
  logger.info({ schedule: config.schedule, next_run_at: job.nextRun()?.toISOString() ?? null }, 'watch_started');
  await new Promise<void>((resolve) => {
    const stop = () => {
      job.stop();
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await running;
  await extractor.close();
  logger.info({}, 'watch_stopped');
  return 0;
}
