import { openDatabase } from '../store/database.js';
import { MAX_QUERY_TERMS, searchArticles, searchTerms } from '../store/search.js';
import { durationOption, integerOption, loadConfig, printJsonLine, type GlobalOptions } from './context.js';

/** Most hits one search returns (each costs a snippet). */
const MAX_SEARCH_LIMIT = 1000;

/** `newsdedup search QUERY`: full-text search over titles and texts, best matches first. */
export function searchCommand(query: string, options: GlobalOptions & { since?: string; limit?: string; json?: boolean }): number {
  const config = loadConfig(options);
  const sinceMs = durationOption('--since', options.since);
  const db = openDatabase(config.database);
  try {
    const hits = searchArticles(db, query, {
      since: sinceMs === null ? null : new Date(Date.now() - sinceMs),
      limit: integerOption('--limit', options.limit, MAX_SEARCH_LIMIT) ?? 20,
    });
    if (searchTerms(query).truncated)
      process.stderr.write(`newsdedup: searched for the first ${MAX_QUERY_TERMS} distinct words of the query only\n`);
    if (options.json) hits.forEach(printJsonLine);
    else if (hits.length === 0) process.stdout.write('No matches.\n');
    else {
      for (const hit of hits) {
        process.stdout.write(
          `${hit.published.replace('T', ' ').slice(0, 16)}  [${hit.outlet}] ${hit.title}${hit.cluster === null ? '' : `  (cluster #${hit.cluster})`}\n` +
            `    ${hit.snippet.replace(/\s+/g, ' ')}\n${hit.url ? `    ${hit.url}\n` : ''}`,
        );
      }
    }
    return 0;
  } finally {
    db.close();
  }
}
