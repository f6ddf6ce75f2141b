import { openDatabase } from '../store/database.js';
import { listFeedStatus, neverFetched, statusOf, type FeedStatusRow } from '../store/feed-status.js';
import { loadConfig, printJsonLine, type GlobalOptions } from './context.js';

/** `newsdedup feeds`: every configured feed with its fetch status. */
export function feedsCommand(options: GlobalOptions & { json?: boolean }): number {
  const config = loadConfig(options);
  const db = openDatabase(config.database);
  try {
    const stored = new Map(listFeedStatus(db).map((row) => [row.name, row]));
    const rows = config.feeds.map((feed) => stored.get(feed.name) ?? neverFetched(feed.name, feed.outlet, feed.url));
    if (options.json) rows.forEach((row) => printJsonLine({ ...row, configured: true }));
    else process.stdout.write(formatFeedTable(rows));
    return 0;
  } finally {
    db.close();
  }
}

/** A fixed-width status table, one feed per line, then the last error of each failing feed. */
export function formatFeedTable(rows: readonly FeedStatusRow[]): string {
  const header = ['FEED', 'STATUS', 'LAST FETCH', 'HTTP', 'ITEMS', 'ARTICLES', 'ERRORS', 'NEXT CHECK'];
  const body = rows.map((row) => [
    row.name,
    statusOf(row),
    time(row.lastFetchedAt),
    row.lastStatus === null ? '-' : String(row.lastStatus),
    row.itemsLastSeen === null ? '-' : String(row.itemsLastSeen),
    String(row.articles),
    String(row.errorCount),
    row.disabledAt ? 'disabled' : time(row.nextCheckAt),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const errors = rows
    .filter((row) => row.lastError && (row.errorCount > 0 || row.disabledAt))
    .map(
      (row) =>
        `  ${row.name}: ${row.disabledReason ?? row.lastError}${row.effectiveUrl !== row.url ? ` (now at ${row.effectiveUrl})` : ''}`,
    );
  return [line(header), ...body.map(line), ...(errors.length > 0 ? ['', 'Last errors:', ...errors] : [])].join('\n') + '\n';
}

function time(iso: string | null): string {
  return iso ? iso.replace('T', ' ').slice(0, 16) : '-';
}
