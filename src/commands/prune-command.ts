import { bandKeys } from '../fingerprint/lsh-params.js';
import { openDatabase } from '../store/database.js';
import { pruneArticles } from '../store/prune.js';
import { acquireRunLock } from '../store/run-lock.js';
import { durationOption, loadConfig, printJsonLine, type GlobalOptions } from './context.js';
import { ConfigError } from '../config/config.js';

/**
 * `newsdedup prune --older-than 90d`: removes old articles and the clusters and duplicate groups they leave empty,
 * keeping tombstones so pruned items are not ingested again. Takes the run lock: it never races a run.
 */
export function pruneCommand(options: GlobalOptions & { olderThan?: string; dryRun?: boolean; json?: boolean }): number {
  const olderThan = durationOption('--older-than', options.olderThan);
  if (olderThan === null) {
    throw new ConfigError('command line', [{ line: null, column: null, key: '--older-than', message: 'required: expected a duration such as "90d"' }]);
  }
  const config = loadConfig(options);
  const lock = acquireRunLock(config.database);
  const db = openDatabase(config.database, { busyTimeoutMs: config.busyTimeoutMs });
  try {
    const now = new Date();
    const cutoff = new Date(now.getTime() - olderThan);
    const report = pruneArticles(db, cutoff, now, bandKeys, { dryRun: options.dryRun ?? false });
    if (options.json) printJsonLine({ ...report, cutoff: cutoff.toISOString(), dryRun: options.dryRun ?? false });
    else {
      const verb = options.dryRun ? 'would remove' : 'removed';
      process.stdout.write(
        `${verb} ${report.articles} articles older than ${cutoff.toISOString()}, ${report.clusters} emptied clusters and ` +
          `${report.duplicateGroups} emptied duplicate groups; ${report.tombstones} tombstones keep them from coming back\n`,
      );
    }
    return 0;
  } finally {
    db.close();
    lock.release();
  }
}
