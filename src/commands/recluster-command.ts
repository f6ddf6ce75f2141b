import { openEventClusterer } from '../cluster/event-clusterer.js';
import { DEFAULT_MINHASH_PARAMS } from '../fingerprint/fingerprint-text.js';
import { lineKeys } from '../fingerprint/boilerplate-lines.js';
import { ingestSettingsFrom, withoutBoilerplate } from '../pipeline/ingest.js';
import { openDatabase, writeTransaction } from '../store/database.js';
import { openEventIndex } from '../store/event-index.js';
import { acquireRunLock } from '../store/run-lock.js';
import { clearEventClusters, countUnclustered, finishRecluster, nextUnclustered, reclusterStartedAt } from '../store/recluster.js';
import { loadConfig, printJsonLine, type GlobalOptions } from './context.js';

/** Articles clustered per write transaction (and per settle(), as one feed's batch in a run). */
const BATCH = 25;

/**
 * `newsdedup recluster`: rebuilds every event cluster of the stored articles with the current clustering method and
 * settings, oldest article first, in batches as a run would see them (duplicate groups are kept). Takes the run
 * lock. Articles are seen as ingest sees them (without the lines learned to be boilerplate). Resumable: a killed recluster leaves every article either in a rebuilt cluster or still to do, and the next
 * `recluster` carries on where it stopped. Cluster ids change: links to old ids are not kept.
 */
export function reclusterCommand(options: GlobalOptions & { json?: boolean }): number {
  const config = loadConfig(options);
  const lock = acquireRunLock(config.database);
  const db = openDatabase(config.database, { busyTimeoutMs: config.busyTimeoutMs });
  try {
    const resumed = reclusterStartedAt(db) !== null;
    if (!resumed) writeTransaction(db, () => clearEventClusters(db, new Date().toISOString()));
    const clusterer = openEventClusterer(openEventIndex(db), ingestSettingsFrom(config, DEFAULT_MINHASH_PARAMS.seed).cluster);
    const total = countUnclustered(db);
    const progress = Boolean(process.stderr.isTTY) && !options.json;
    let done = 0;
    for (;;) {
      const batch = nextUnclustered(db, BATCH);
      if (batch.length === 0) break;
      writeTransaction(db, () => {
        // The text the clusterer saw at ingest: without the lines learned to be boilerplate.
        for (const article of batch) clusterer.assign({ ...article, text: withoutBoilerplate(db, article.text, lineKeys(article.text), new Date(article.time)) });
        clusterer.settle();
      });
      done += batch.length;
      if (progress) process.stderr.write(`\rre-clustered ${done} of ${total} articles`);
    }
    if (progress && done > 0) process.stderr.write('\n');
    writeTransaction(db, () => finishRecluster(db));
    const clusters: unknown = db.prepare(`SELECT count(*) FROM clusters WHERE merged_into IS NULL AND article_count > 0`).pluck().get();
    const report = { articles: done, clusters: typeof clusters === 'number' ? clusters : 0, resumed };
    if (options.json) printJsonLine(report);
    else process.stdout.write(`re-clustered ${done} articles into ${report.clusters} clusters${resumed ? ' (resumed an interrupted recluster)' : ''}\n`);
    return 0;
  } finally {
    db.close();
    lock.release();
  }
}
