/**
 * Invariants of a newsdedup database that must hold after any run, clean or killed.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Runs one read-only query on a database file and returns its rows. */
export function queryDb<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = openReadonly(file);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Opens the database read-only for checks (WAL recovery happens on open). */
export function openReadonly(file: string): Database.Database {
  return new Database(file, { readonly: true });
}

/**
 * Returns a list of broken invariants (empty when the database is consistent). With `itemsPerFeed` (for a web that
 * does not change), also checks that every feed is all-or-nothing: validators saved only together with all items.
 */
export function consistencyProblems(file: string, itemsPerFeed: ReadonlyMap<string, number> | null): string[] {
  // Killed before it created the database: nothing written, nothing inconsistent.
  if (!existsSync(file)) return [];
  const db = openReadonly(file);
  try {
    const problems: string[] = [];
    const integrity = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all();
    if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok') problems.push(`integrity_check: ${JSON.stringify(integrity)}`);
    // All or nothing per feed: a feed whose validators were saved has every item of that fetch stored.
    const feeds = db
      .prepare<[], { name: string; etag: string | null; articles: number }>(
        `SELECT f.name, f.etag, (SELECT count(*) FROM articles a WHERE a.origin = f.name) AS articles FROM feeds f`,
      )
      .all();
    for (const feed of itemsPerFeed ? feeds : []) {
      const expected = itemsPerFeed?.get(feed.name);
      if (feed.etag !== null && feed.articles !== expected)
        problems.push(`feed ${feed.name}: validators saved with ${feed.articles}/${expected} items`);
      if (feed.etag === null && feed.articles !== 0 && feed.articles !== expected)
        problems.push(`feed ${feed.name}: ${feed.articles} items without state`);
    }
    const duplicateUrls = db
      .prepare<[], { url: string; n: number }>(`SELECT url, count(*) AS n FROM articles WHERE url IS NOT NULL GROUP BY url HAVING n > 1`)
      .all();
    for (const row of duplicateUrls) problems.push(`article stored ${row.n} times: ${row.url}`);
    const unclustered = db
      .prepare<[], { n: number }>(`SELECT count(*) AS n FROM articles WHERE cluster_id IS NULL OR duplicate_group_id IS NULL`)
      .get();
    if (unclustered && unclustered.n > 0) problems.push(`${unclustered.n} articles without cluster or duplicate group`);
    const badCounts = db
      .prepare<[], { id: number; article_count: number; actual: number }>(
        `SELECT c.id, c.article_count, (SELECT count(*) FROM articles a WHERE a.cluster_id = c.id) AS actual
       FROM clusters c WHERE c.merged_into IS NULL AND c.article_count <> (SELECT count(*) FROM articles a WHERE a.cluster_id = c.id)`,
      )
      .all();
    for (const row of badCounts) problems.push(`cluster ${row.id} says ${row.article_count} articles, has ${row.actual}`);
    const orphans = db
      .prepare<[], { n: number }>(
        `SELECT count(*) AS n FROM articles a LEFT JOIN clusters c ON c.id = a.cluster_id WHERE c.id IS NULL OR c.merged_into IS NOT NULL`,
      )
      .get();
    if (orphans && orphans.n > 0) problems.push(`${orphans.n} articles point at a missing or merged cluster`);
    return problems;
  } finally {
    db.close();
  }
}

/** Of the given article URLs, those not stored. */
export function missingUrls(file: string, urls: readonly string[]): string[] {
  const db = openReadonly(file);
  try {
    const stored = new Set(
      db
        .prepare<[], { url: string }>('SELECT url FROM articles')
        .all()
        .map((row) => row.url),
    );
    return urls.filter((url) => !stored.has(url));
  } finally {
    db.close();
  }
}
