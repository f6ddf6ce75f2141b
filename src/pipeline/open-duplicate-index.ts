/**
 * The near-duplicate index: fingerprint/find-duplicates.ts's judgement over store/duplicate-index.ts's rows, with
 * duplicate groups kept transitive and stable.
 *
 * Groups: every indexed article belongs to exactly one group (a singleton until a copy arrives), so
 * `articles.duplicate_group_id` is never null for an indexed article. Nothing here opens a transaction: the
 * caller's write transaction (one per feed) wraps every call.
 */
import type Database from 'better-sqlite3';
import { fingerprintArticle, sameParams } from '../fingerprint/fingerprint-text.js';
import {
  assertIndexParams,
  findDuplicates,
  leavesOwnGroup,
  matchedGroups,
  resolveDuplicateSettings,
  type DuplicateIndexOptions,
  type DuplicateMatch,
  type DuplicateSettings,
} from '../fingerprint/find-duplicates.js';
import { bandKeys } from '../fingerprint/lsh-params.js';
import { PipelineError, type Fingerprint } from '../model.js';
import { openDuplicateStore, staleEntries, type DuplicateIndexLayout, type DuplicateStore } from '../store/duplicate-index.js';

/** The near-duplicate index over one database; prepared statements are cached per index. */
export interface DuplicateIndex {
  /**
   * Exact (canonical URL, text hash) first, then LSH candidates, each verified (Jaccard ≥ threshold or
   * containment ≥ containmentThreshold). Best match first. Throws PipelineError('fingerprint','params_mismatch')
   * for a fingerprint made with other parameters than the index's.
   */
  findDuplicates(fp: Fingerprint, canonicalUrl: string | null, excludeArticleId?: number): DuplicateMatch[];
  /**
   * Stores the fingerprint + band keys for an article and puts it in a duplicate group (joining/merging the matched
   * groups, transitive and stable: the surviving group is the oldest); sets articles.duplicate_group_id for every
   * affected article. Returns the group id. Throws PipelineError('store','article_missing') if the article row is absent.
   */
  add(articleId: number, fp: Fingerprint, canonicalUrl: string | null, matches: DuplicateMatch[]): number;
  /**
   * For an updated article: drops its old fingerprint and bands, stores the new ones and returns its group.
   * Rule: the article stays in its group when its new text still matches a member of that group, or matches no
   * other article at all; it moves only when it matches other articles and none of its own group — the text now
   * clearly belongs elsewhere. Staying, it also merges any other groups it now matches. Leaving never splits the
   * old group (group ids stay stable, even if the article was the bridge between its members).
   */
  replace(articleId: number, fp: Fingerprint, canonicalUrl: string | null): number;
}

/**
 * Opens the near-duplicate index on a database whose schema includes DUPLICATE_SCHEMA_SQL (layout: see
 * resolveDuplicateSettings). Throws PipelineError('fingerprint','invalid_params') for invalid options.
 */
export function openDuplicateIndex(db: Database.Database, options: DuplicateIndexOptions = {}): DuplicateIndex {
  const settings = resolveDuplicateSettings(options);
  const store = openDuplicateStore(db, settings.lsh, bandKeys);
  return {
    findDuplicates: (fp, canonicalUrl, excludeArticleId) => findDuplicates(store, settings, fp, canonicalUrl, excludeArticleId),
    add: (articleId, fp, canonicalUrl, matches) => add(store, settings, articleId, fp, canonicalUrl, matches),
    replace: (articleId, fp, canonicalUrl) => replace(store, settings, articleId, fp, canonicalUrl),
  };
}

function add(store: DuplicateStore, settings: DuplicateSettings, articleId: number, fp: Fingerprint, canonicalUrl: string | null, matches: DuplicateMatch[]): number {
  assertIndexParams(settings.params, fp);
  store.drop(articleId);
  store.store(articleId, fp, canonicalUrl);
  const current = store.groupOf(articleId);
  if (current === undefined) throw new PipelineError('store', 'article_missing', `cannot index article ${articleId}: no such article`);
  return store.groups.join(articleId, current, matchedGroups(matches));
}

function replace(store: DuplicateStore, settings: DuplicateSettings, articleId: number, fp: Fingerprint, canonicalUrl: string | null): number {
  assertIndexParams(settings.params, fp);
  store.drop(articleId);
  const current = store.groupOf(articleId);
  if (current === undefined) throw new PipelineError('store', 'article_missing', `cannot re-index article ${articleId}: no such article`);
  const matches = findDuplicates(store, settings, fp, canonicalUrl, articleId);
  store.store(articleId, fp, canonicalUrl);
  const groupIds = matchedGroups(matches);
  let ownGroup = current;
  if (ownGroup !== null && leavesOwnGroup(ownGroup, groupIds)) {
    store.groups.leave(articleId, ownGroup);
    ownGroup = null;
  }
  return store.groups.join(articleId, ownGroup, groupIds);
}

/** The layout an index opened with these options writes. */
export function duplicateIndexLayout(options: DuplicateIndexOptions = {}): DuplicateIndexLayout {
  const { params, lsh } = resolveDuplicateSettings(options);
  return { numPerm: params.numPerm, shingleSize: params.shingleSize, seed: params.seed, bands: lsh.bands, rows: lsh.rows };
}

/** What one `reindexDuplicates` call did. */
export interface ReindexBatch {
  /** Entries rewritten in the current layout. */
  reindexed: number;
  /** Of those, fingerprints recomputed from the article's text (the MinHash parameters changed). */
  recomputed: number;
}

/**
 * Rewrites up to `limit` index entries written with another layout than the options': the fingerprint is computed
 * again from the stored text when the MinHash parameters changed, else only the band keys are derived again from
 * the stored signature. Duplicate groups are kept as they are (they were judged when the articles arrived); later
 * articles find these ones by similarity again. Call it in a loop, one write transaction per call, until it
 * returns 0 entries.
 */
export function reindexDuplicates(db: Database.Database, options: DuplicateIndexOptions, limit: number): ReindexBatch {
  const { params, lsh } = resolveDuplicateSettings(options);
  const layout = duplicateIndexLayout(options);
  const store = openDuplicateStore(db, lsh, bandKeys);
  const entries = staleEntries(db, layout, limit);
  let recomputed = 0;
  for (const entry of entries) {
    const stored = entry.fingerprint;
    const fp = sameParams(stored.params, params) ? stored : fingerprintArticle(entry, params);
    if (fp !== stored) recomputed++;
    store.drop(entry.articleId);
    store.store(entry.articleId, fp, entry.canonicalUrl);
  }
  return { reindexed: entries.length, recomputed };
}
