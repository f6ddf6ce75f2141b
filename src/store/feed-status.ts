/** A feed's stored status read as the CLI and the web pages show it (one copy for both). */
import type { FeedStatusRow } from './queries.js';

/** The status row of a configured feed that no run has fetched yet. */
export function neverFetched(name: string, outlet: string, url: string): FeedStatusRow {
  return {
    name, outlet, url, effectiveUrl: url, lastFetchedAt: null, lastSuccessAt: null, lastStatus: null, lastOutcome: null,
    itemsLastSeen: null, errorCount: 0, lastError: null, nextCheckAt: null, disabledAt: null, disabledReason: null, articles: 0,
  };
}

/** A feed's status in one word: new, ok, ok (304), failing or disabled. */
export function statusOf(row: FeedStatusRow): string {
  if (row.disabledAt) return 'disabled';
  if (row.lastFetchedAt === null) return 'new';
  if (row.errorCount > 0) return 'failing';
  return row.lastOutcome === 'not_modified' ? 'ok (304)' : 'ok';
}
