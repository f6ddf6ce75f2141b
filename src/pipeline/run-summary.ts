/** What each feed of a run came to, and the run's summary made of them. */
import type { RunSummary } from '../model.js';

/** How one feed's processing ended; `deferred` feeds (stopped, database busy) count as not due. */
export type FeedOutcome = 'fetched' | 'not_modified' | 'failed' | 'deferred';

/** One feed's outcome and counts. */
export interface FeedResult {
  outcome: FeedOutcome;
  inserted: number;
  updated: number;
  duplicates: number;
  clusterIds: Set<number>;
}

/** A result with nothing stored. */
export function emptyResult(outcome: FeedOutcome): FeedResult {
  return { outcome, inserted: 0, updated: 0, duplicates: 0, clusterIds: new Set() };
}

/** The run's summary from its feeds' results (`skipped`: feeds not started), `seconds` rounded to a tenth. */
export function summarize(results: readonly FeedResult[], skipped: number, seconds: number): RunSummary {
  const count = (outcome: FeedOutcome) => results.filter((result) => result.outcome === outcome).length;
  const clusters = new Set<number>();
  for (const result of results) for (const id of result.clusterIds) clusters.add(id);
  return {
    feedsFetched: count('fetched'),
    feedsNotModified: count('not_modified'),
    feedsFailed: count('failed'),
    feedsSkipped: skipped + count('deferred'),
    articlesNew: results.reduce((sum, result) => sum + result.inserted, 0),
    articlesUpdated: results.reduce((sum, result) => sum + result.updated, 0),
    duplicates: results.reduce((sum, result) => sum + result.duplicates, 0),
    clustersTouched: clusters.size,
    seconds: Math.round(seconds * 10) / 10,
  };
}

/** The one-line run summary, for people. */
export function formatSummary(summary: RunSummary): string {
  return (
    `feeds: ${summary.feedsFetched} fetched, ${summary.feedsNotModified} not modified, ${summary.feedsFailed} failed, ` +
    `${summary.feedsSkipped} not due; articles: ${summary.articlesNew} new, ${summary.articlesUpdated} updated, ` +
    `${summary.duplicates} duplicates; ${summary.clustersTouched} clusters touched; ${summary.seconds}s`
  );
}
