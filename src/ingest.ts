import type Database from 'better-sqlite3';
import type { EventClusterConfig } from './cluster/cluster-config.js';
import { openEventClusterer, type EventClusterer } from './cluster/event-clusterer.js';
import { validateArticle } from './article-validation.js';
import type { Config } from './config.js';
import { canonicalizeUrl } from './fingerprint/canonical-url.js';
import { fingerprintArticle } from './fingerprint/fingerprint-text.js';
import type { ArticleInput, MinHashParams } from './model.js';
import { findStoredArticle, insertArticle, originOf, saveItemState, updateArticle } from './store/articles.js';
import { openDuplicateIndex, type DuplicateIndex, type DuplicateIndexOptions } from './store/duplicate-index.js';

/** The second half of the pipeline, shared by `run` and `import`: fingerprint → near-duplicates → event cluster → store. */
export interface Ingester {
  /**
   * Stores a batch of articles (new ones inserted, changed ones updated in place), then lets the event clusterer
   * settle the clusters the batch touched. The caller holds the write transaction.
   */
  ingest(articles: readonly ArticleInput[], now: Date): IngestCounts;
}

/** What one call to {@link Ingester.ingest} did. */
export interface IngestCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Articles refused by {@link validateArticle} (a URL that is not http(s), no identity): not stored. */
  rejected: number;
  /** Articles that joined an existing duplicate group. */
  duplicates: number;
  clusterIds: Set<number>;
}

/** Dedup and clustering settings, from the configuration. */
export interface IngestSettings {
  minhash: MinHashParams;
  threshold: number;
  containmentThreshold: number;
  cluster: Partial<EventClusterConfig>;
}

/** The ingest settings a configuration asks for (unset cluster options keep the evaluated defaults). */
export function ingestSettingsFrom(config: Config, seed: number): IngestSettings {
  const cluster: Partial<EventClusterConfig> = {};
  if (config.cluster.threshold !== null) cluster.threshold = config.cluster.threshold;
  if (config.cluster.windowMs !== null) cluster.windowHours = config.cluster.windowMs / 3_600_000;
  return {
    minhash: { numPerm: config.dedup.numPerm, shingleSize: config.dedup.shingleSize, seed },
    threshold: config.dedup.threshold,
    containmentThreshold: config.dedup.containmentThreshold,
    cluster,
  };
}

/** The near-duplicate index's options from the ingest settings. */
export function duplicateIndexOptionsFrom(settings: IngestSettings): DuplicateIndexOptions {
  return { threshold: settings.threshold, containmentThreshold: settings.containmentThreshold, params: settings.minhash };
}

/** Opens the indexes once per run; every call to `ingest` reuses their prepared statements. */
export function createIngester(db: Database.Database, settings: IngestSettings): Ingester {
  const duplicates = openDuplicateIndex(db, duplicateIndexOptionsFrom(settings));
  const events = openEventClusterer(db, settings.cluster);
  return {
    ingest(articles, now) {
      const counts: IngestCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0, duplicates: 0, clusterIds: new Set() };
      const liveKeys = articles.map((article) => article.itemKey);
      for (const article of articles) {
        // The store's guard, whatever the path: callers validate first to log with their context; this is idempotent.
        const valid = validateArticle(article, now);
        if (valid.ok) ingestOne(db, { duplicates, events, settings, liveKeys }, valid.value.article, now, counts);
        else counts.rejected++;
      }
      // Once per batch (a feed, an import chunk): split clusters that swallowed two events, move strays, merge.
      const settled = events.settle();
      for (const id of settled.created) counts.clusterIds.add(id);
      for (const id of settled.mergedFrom) counts.clusterIds.delete(id);
      return counts;
    },
  };
}

interface Indexes {
  duplicates: DuplicateIndex;
  events: EventClusterer;
  settings: IngestSettings;
  /** Item keys of the batch: articles of the batch are never matched to each other by URL. */
  liveKeys: readonly string[];
}

function ingestOne(db: Database.Database, indexes: Indexes, input: ArticleInput, now: Date, counts: IngestCounts): void {
  const canonicalUrl = canonicalizeUrl(input.canonicalUrl ?? input.url ?? '') ?? null;
  const article: ArticleInput = { ...input, canonicalUrl };
  // A title-only item (no body anywhere) is still fingerprinted, by its title.
  const fingerprint = fingerprintArticle(article, indexes.settings.minhash);
  const existing = findStoredArticle(db, originOf(article), article.itemKey, article.url, indexes.liveKeys);

  if (existing && existing.textHash === fingerprint.textHash && existing.title === article.title) {
    saveItemState(db, existing.id, article.itemHash, article.pageFailures ?? 0);
    counts.unchanged++;
    return;
  }
  if (existing) {
    updateArticle(db, existing.id, article, fingerprint.textHash, now);
    const groupId = indexes.duplicates.replace(existing.id, fingerprint, canonicalUrl);
    const assignment = indexes.events.reassign(clusterInput(existing.id, article, groupId, now));
    counts.updated++;
    counts.clusterIds.add(assignment.clusterId);
    return;
  }
  const id = insertArticle(db, article, fingerprint.textHash, now);
  const matches = indexes.duplicates.findDuplicates(fingerprint, canonicalUrl, id);
  const groupId = indexes.duplicates.add(id, fingerprint, canonicalUrl, matches);
  if (matches.length > 0) counts.duplicates++;
  const assignment = indexes.events.assign(clusterInput(id, article, groupId, now));
  counts.inserted++;
  counts.clusterIds.add(assignment.clusterId);
}

function clusterInput(id: number, article: ArticleInput, duplicateGroupId: number | null, now: Date) {
  return {
    id,
    title: article.title,
    text: article.text,
    lang: article.lang,
    time: article.publishedAt ?? now.toISOString(),
    source: article.source,
    duplicateGroupId,
  };
}
