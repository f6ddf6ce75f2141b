import { DEFAULT_MINHASH_PARAMS } from '../fingerprint/fingerprint-text.js';
import { duplicateIndexOptionsFrom, ingestSettingsFrom } from '../pipeline/ingest.js';
import { openDatabase, writeTransaction } from '../store/database.js';
import { duplicateIndexLayout, reindexDuplicates } from '../pipeline/open-duplicate-index.js';
import { countStaleEntries } from '../store/duplicate-index.js';
import { acquireRunLock } from '../store/run-lock.js';
import { loadConfig, printJsonLine, type GlobalOptions } from './context.js';

/** Entries rewritten per write transaction: short enough that readers and a waiting run barely notice. */
const BATCH = 500;

/**
 * `newsdedup reindex`: after a change of the dedup settings (threshold, containment_threshold, num_perm,
 * shingle_size), rewrites the near-duplicate index entries of the stored articles in the new layout, so that later
 * articles find them by similarity again. Takes the run lock; resumable (a killed reindex leaves every entry in one
 * layout or the other, and the next one carries on).
 */
export function reindexCommand(options: GlobalOptions & { json?: boolean }): number {
  const config = loadConfig(options);
  const indexOptions = duplicateIndexOptionsFrom(ingestSettingsFrom(config, DEFAULT_MINHASH_PARAMS.seed));
  const layout = duplicateIndexLayout(indexOptions);
  const lock = acquireRunLock(config.database);
  const db = openDatabase(config.database, { busyTimeoutMs: config.busyTimeoutMs });
  try {
    const stale = countStaleEntries(db, layout);
    const progress = Boolean(process.stderr.isTTY) && !options.json;
    let reindexed = 0;
    let recomputed = 0;
    for (;;) {
      const batch = writeTransaction(db, () => reindexDuplicates(db, indexOptions, BATCH));
      if (batch.reindexed === 0) break;
      reindexed += batch.reindexed;
      recomputed += batch.recomputed;
      if (progress) process.stderr.write(`\rre-indexed ${reindexed} of ${stale} articles`);
    }
    if (progress && reindexed > 0) process.stderr.write('\n');
    const report = { reindexed, recomputed, layout };
    if (options.json) printJsonLine(report);
    else {
      process.stdout.write(
        reindexed === 0
          ? `the near-duplicate index already matches the settings (num_perm ${layout.numPerm}, shingle_size ${layout.shingleSize}, ${layout.bands} bands × ${layout.rows} rows)\n`
          : `re-indexed ${reindexed} articles (${recomputed} fingerprints computed again from their text) for num_perm ${layout.numPerm}, ` +
              `shingle_size ${layout.shingleSize}, ${layout.bands} bands × ${layout.rows} rows\n`,
      );
    }
    return 0;
  } finally {
    db.close();
    lock.release();
  }
}
