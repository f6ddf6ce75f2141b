/**
 * Tables of the near-duplicate index (applied by openDatabase after the core schema, so `articles` exists).
 *
 * - article_fingerprints: one row per article: the MinHash parameters, the signature and the sorted shingle-hash
 *   set as little-endian uint32 BLOBs, the canonical URL and the normalized-text hash for exact matches.
 *   The shingle set (~4 bytes per shingle, ~2 KB for a 500-word article) is kept so every LSH candidate is verified
 *   by its exact Jaccard and containment instead of a second estimate.
 * - lsh_bands: one row per (band key, article); the band index lives in the key's high bits (see bandKeys), so one
 *   `key IN (…)` probe finds all candidates. WITHOUT ROWID: the primary key is the table, no second b-tree. No index on
 *   article_id: an article's keys are recomputed from its stored signature (and lsh_bands/lsh_rows) to delete them.
 * - duplicate_groups: every article belongs to exactly one group (a singleton until a copy arrives); the group
 *   remembers its canonical article (the earliest first seen, ties by id) and its size;
 *   merged_count counts the groups merged into it (a later article bridged two groups).
 * - boilerplate_lines: see BOILERPLATE_LINES_SQL.
 */
export const DUPLICATE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS duplicate_groups (
  id INTEGER PRIMARY KEY,
  canonical_article_id INTEGER NOT NULL,
  first_seen_at TEXT NOT NULL,
  size INTEGER NOT NULL DEFAULT 1,
  merged_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS article_fingerprints (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  num_perm INTEGER NOT NULL,
  shingle_size INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  signature BLOB NOT NULL,
  shingles BLOB NOT NULL,
  canonical_url TEXT,
  text_hash TEXT NOT NULL,
  lsh_bands INTEGER NOT NULL,
  lsh_rows INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS article_fingerprints_canonical_url ON article_fingerprints (canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX IF NOT EXISTS article_fingerprints_text_hash ON article_fingerprints (text_hash);

CREATE TABLE IF NOT EXISTS lsh_bands (
  key INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
`;

/**
 * Migration 3: the line statistics of the boilerplate-line filter (see store/boilerplate-lines.ts). One row per
 * normalised line hash (fingerprint/boilerplate-lines.ts): how many articles had the line, and the times of the first
 * and last of them (ISO 8601 text, so they compare as text and julianday() reads them). Part of the schema the
 * near-duplicate index needs; its own migration so that existing databases get the table on open.
 */
export const BOILERPLATE_LINES_SQL = `
CREATE TABLE IF NOT EXISTS boilerplate_lines (
  hash INTEGER PRIMARY KEY,
  docs INTEGER NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;
`;
