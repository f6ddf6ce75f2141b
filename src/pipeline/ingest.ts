import type Database from 'better-sqlite3';
import type { EventClusterConfig } from '../cluster/cluster-config.js';
import { openEventClusterer, type EventClusterer } from '../cluster/event-clusterer.js';
import { validateArticle } from './article-validation.js';
import type { Config } from '../config/config.js';
import { lineKeys, withoutLines } from '../fingerprint/boilerplate-lines.js';
import { fingerprintArticle } from '../fingerprint/fingerprint-text.js';
import type { ArticleInput, Fingerprint, MinHashParams } from '../model.js';
import { canonicalizeUrl } from '../shared/canonical-url.js';
import { findStoredArticle, insertArticle, originOf, saveItemState, updateArticle } from '../store/articles.js';
import { boilerplateLinesAt, recordLines, storedText } from '../store/boilerplate-lines.js';
import type { DuplicateIndexOptions } from '../fingerprint/find-duplicates.js';
import { openDuplicateIndex, type DuplicateIndex } from './open-duplicate-index.js';
import { openEventIndex } from '../store/event-index.js';

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
  // The clusterer stamps its rows with the batch's clock, the one the caller hands to `ingest`.
  let batchNow = new Date(0);
  const events = openEventClusterer(openEventIndex(db), settings.cluster, () => batchNow);
  return {
    ingest(articles, now) {
      batchNow = now;
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
  const time = new Date(article.publishedAt ?? now.toISOString());
  const lines = lineKeys(article.text);
  const prints = fingerprintsOf(db, article, lines, time, indexes.settings.minhash);
  const existing = findStoredArticle(db, originOf(article), article.itemKey, article.url, indexes.liveKeys);

  if (existing && existing.textHash === prints.textHash && existing.title === article.title) {
    saveItemState(db, existing.id, article.itemHash, article.pageFailures ?? 0);
    counts.unchanged++;
    return;
  }
  if (existing) {
    // Only the lines this version adds: the counts are of articles, not of versions.
    const before = new Set(lineKeys(storedText(db, existing.id)));
    updateArticle(db, existing.id, article, prints.textHash, now);
    const groupId = indexes.duplicates.replace(existing.id, prints.dedup, canonicalUrl);
    const assignment = indexes.events.reassign(clusterInput(existing.id, article, prints.cleanText, groupId, now));
    recordLines(db, lines.filter((key) => !before.has(key)), time);
    counts.updated++;
    counts.clusterIds.add(assignment.clusterId);
    return;
  }
  const id = insertArticle(db, article, prints.textHash, now);
  const matches = indexes.duplicates.findDuplicates(prints.dedup, canonicalUrl, id);
  const groupId = indexes.duplicates.add(id, prints.dedup, canonicalUrl, matches);
  if (matches.length > 0) counts.duplicates++;
  const assignment = indexes.events.assign(clusterInput(id, article, prints.cleanText, groupId, now));
  recordLines(db, lines, time);
  counts.inserted++;
  counts.clusterIds.add(assignment.clusterId);
}

/** What an article is compared by: the full text's hash for change detection, the cleaned text for everything else. */
interface ArticlePrints {
  /** Hash of the full text (articles.text_hash): learning a new boilerplate line must not make a stored article look changed. */
  textHash: string;
  /** Fingerprint of the text without its boilerplate lines (of the title when nothing is left): what the duplicate index sees. */
  dedup: Fingerprint;
  /** The text without its boilerplate lines, for the event clusterer. */
  cleanText: string;
}

/**
 * The text without the lines the stream has learned are boilerplate as of `time` (`lines`: the text's line keys).
 * What is left may be only the template's short lines ("Close", "Already a subscriber?"): that is nothing left, and
 * the result is empty (an article with nothing left is fingerprinted and clustered by its title, like a title-only
 * item). Used by ingest and by `recluster`, so both see an article the same way.
 */
export function withoutBoilerplate(db: Database.Database, text: string, lines: readonly number[], time: Date): string {
  const cleaned = withoutLines(text, boilerplateLinesAt(db, lines, time));
  if (cleaned === text) return text;
  return lineKeys(cleaned).length > 0 ? cleaned : '';
}

/**
 * Drops the lines the stream has learned are boilerplate before fingerprinting, so that two articles whose
 * extraction yielded only a site's widget are not near-duplicates of each other. The stored text stays complete.
 */
function fingerprintsOf(db: Database.Database, article: ArticleInput, lines: readonly number[], time: Date, params: MinHashParams): ArticlePrints {
  const cleanText = withoutBoilerplate(db, article.text, lines, time);
  if (cleanText === article.text) {
    // Nothing removed: one fingerprint serves both (a title-only item is fingerprinted by its title).
    const fingerprint = fingerprintArticle(article, params);
    return { textHash: fingerprint.textHash, dedup: fingerprint, cleanText: article.text };
  }
  return {
    textHash: fingerprintArticle(article, params).textHash,
    dedup: fingerprintArticle({ title: article.title, text: cleanText }, params),
    cleanText,
  };
}

function clusterInput(id: number, article: ArticleInput, text: string, duplicateGroupId: number | null, now: Date) {
  return {
    id,
    title: article.title,
    text,
    lang: article.lang,
    time: article.publishedAt ?? now.toISOString(),
    source: article.source,
    duplicateGroupId,
  };
}
