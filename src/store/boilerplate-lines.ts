/**
 * The stream-learned boilerplate-line statistics (table `boilerplate_lines`): for each normalised line hash
 * (fingerprint/boilerplate-lines.ts), how many articles had it and over which span of time. Plain SQL; never opens a
 * transaction (the caller's write transaction wraps every call).
 */
import type Database from 'better-sqlite3';

type Db = Database.Database;

/**
 * A line is boilerplate once at least this many earlier articles had it. One or two repeats are what a correction
 * or a reprint looks like; a template shows up on every page of its site.
 */
export const MIN_BOILERPLATE_DOCS = 3;

/**
 * …and once those sightings span at least this many days (last − first). Time is what tells a template from news:
 * a wire paragraph is reprinted by many outlets within a day or two and then never again, while a site's widget or
 * footer persists for weeks. A week is well past any news cycle, and short enough that a site's template is learned
 * in its first weeks.
 */
export const MIN_BOILERPLATE_SPAN_DAYS = 7;

/** Prepared statements, cached per connection: two queries per ingested article. */
const cache = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    boilerplate: db
      .prepare<[string, number, number, string], number>(
        `SELECT hash FROM boilerplate_lines
       WHERE hash IN (SELECT value FROM json_each(?))
         AND docs >= ? AND julianday(last_seen_at) - julianday(first_seen_at) >= ? AND first_seen_at <= ?`,
      )
      .pluck(),
    record: db.prepare<[{ hashes: string; time: string }]>(
      `INSERT INTO boilerplate_lines (hash, docs, first_seen_at, last_seen_at)
       SELECT value, 1, @time, @time FROM json_each(@hashes) WHERE true
       ON CONFLICT (hash) DO UPDATE SET
         docs = docs + 1,
         first_seen_at = min(first_seen_at, excluded.first_seen_at),
         last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
    ),
    text: db.prepare<[number], string>('SELECT text FROM articles WHERE id = ?').pluck(),
  };
}

function statements(db: Db): ReturnType<typeof prepare> {
  let s = cache.get(db);
  if (s === undefined) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

/**
 * Of these line hashes, those that are boilerplate at `time`: seen in at least {@link MIN_BOILERPLATE_DOCS}
 * articles whose times span at least {@link MIN_BOILERPLATE_SPAN_DAYS} days, the first of them no later than `time`.
 */
export function boilerplateLinesAt(db: Db, hashes: readonly number[], time: Date): Set<number> {
  if (hashes.length === 0) return new Set();
  const rows = statements(db).boilerplate.all(JSON.stringify(hashes), MIN_BOILERPLATE_DOCS, MIN_BOILERPLATE_SPAN_DAYS, time.toISOString());
  return new Set(rows);
}

/**
 * Records one article's (distinct) line hashes, seen at `time`: each line's article count goes up by one and its
 * span widens to include `time` (articles may arrive out of time order).
 */
export function recordLines(db: Db, hashes: readonly number[], time: Date): void {
  if (hashes.length === 0) return;
  statements(db).record.run({ hashes: JSON.stringify(hashes), time: time.toISOString() });
}

/** An article's stored text ('' for a missing article): on an update, the lines of the old version are known already. */
export function storedText(db: Db, articleId: number): string {
  return statements(db).text.get(articleId) ?? '';
}
