/** The production ingester (fingerprint → near-duplicates → clusters → store) with the default settings, for store tests. */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { parseConfig } from '../../src/config/config.js';
import type { ArticleInput } from '../../src/model.js';
import { createIngester, ingestSettingsFrom, type Ingester, type IngestCounts } from '../../src/pipeline/ingest.js';
import { writeTransaction } from '../../src/store/database.js';

/** An ingester with the settings of an empty `feeds.yaml` in `dir` (MinHash seed 1). */
export function defaultIngester(db: Database.Database, dir: string): Ingester {
  return createIngester(db, ingestSettingsFrom(parseConfig('feeds: []\n', path.join(dir, 'feeds.yaml')), 1));
}

/** Ingests one batch in its own write transaction, as a run does per feed. */
export function ingestBatch(db: Database.Database, ingester: Ingester, articles: readonly ArticleInput[], now: Date): IngestCounts {
  return writeTransaction(db, () => ingester.ingest(articles, now));
}
