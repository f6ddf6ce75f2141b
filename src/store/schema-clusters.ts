/**
 * Schema of the event clusters (second-level clustering), applied by openDatabase after the core and
 * duplicate schemas. Every statement is idempotent (IF NOT EXISTS), so re-applying it is harmless.
 */

/**
 * Tables:
 * - `clusters`: one row per news event; a merged cluster keeps its row with `merged_into` → the survivor.
 * - `cluster_merges`: the history of merges (which article bridged them, and when).
 * - `cluster_terms`: each cluster's centroid, the sum of its members' unit-length term-frequency vectors
 *   (IDF is applied at comparison time, so the centroid never goes stale as document frequencies move).
 * - `event_article_terms`: each clustered article's own top terms (to re-evaluate it on update, and to pick the
 *   most central article as the representative).
 * - `term_stats` / `term_corpus`: document frequency per (language, term) and documents per language, for IDF;
 *   `term_stats` also counts, per term, the documents that had it capitalised / lower-case inside a sentence-case
 *   sentence (keys `\u0001C<term>` / `\u0001L<term>`: whether a term is a name, see event-terms.ts).
 * - `cluster_bands`: LSH band keys of every member, pointing at the member's cluster (candidate search).
 */
export const CLUSTER_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS clusters (
  id INTEGER PRIMARY KEY,
  headline TEXT NOT NULL,
  representative_article_id INTEGER,
  lang TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_updated_at TEXT NOT NULL,
  article_count INTEGER NOT NULL DEFAULT 0,
  outlet_count INTEGER NOT NULL DEFAULT 0,
  merged_into INTEGER REFERENCES clusters(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS clusters_last_updated ON clusters(last_updated_at) WHERE merged_into IS NULL;
CREATE TABLE IF NOT EXISTS cluster_merges (
  id INTEGER PRIMARY KEY,
  survivor_id INTEGER NOT NULL REFERENCES clusters(id),
  merged_id INTEGER NOT NULL REFERENCES clusters(id),
  bridging_article_id INTEGER,
  similarity REAL NOT NULL,
  merged_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cluster_merges_survivor ON cluster_merges(survivor_id);
CREATE TABLE IF NOT EXISTS cluster_terms (
  cluster_id INTEGER NOT NULL REFERENCES clusters(id),
  term TEXT NOT NULL,
  weight REAL NOT NULL,
  PRIMARY KEY (cluster_id, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_article_terms (
  article_id INTEGER NOT NULL,
  term TEXT NOT NULL,
  tf REAL NOT NULL,
  PRIMARY KEY (article_id, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS term_stats (
  lang TEXT NOT NULL,
  term TEXT NOT NULL,
  df INTEGER NOT NULL,
  PRIMARY KEY (lang, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS term_corpus (
  lang TEXT PRIMARY KEY,
  docs INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS cluster_bands (
  band INTEGER NOT NULL,
  key INTEGER NOT NULL,
  cluster_id INTEGER NOT NULL,
  PRIMARY KEY (band, key, cluster_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cluster_bands_cluster ON cluster_bands(cluster_id);
`;
