import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The core tables: feeds and their fetch state, articles, and runs.
 * Times are ISO 8601 UTC strings (`2026-11-24T10:00:00.000Z`), so they sort and compare as text.
 */
export const CORE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS feeds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  effective_url TEXT NOT NULL,
  outlet TEXT NOT NULL,
  title TEXT,
  site_link TEXT,
  etag TEXT,
  last_modified TEXT,
  body_hash TEXT,
  last_fetched_at TEXT,
  last_success_at TEXT,
  last_status INTEGER,
  last_outcome TEXT,
  last_error TEXT,
  last_error_code TEXT,
  error_count INTEGER NOT NULL DEFAULT 0,
  items_last_seen INTEGER,
  next_check_at TEXT,
  redirect_target TEXT,
  redirect_count INTEGER NOT NULL DEFAULT 0,
  disabled_at TEXT,
  disabled_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
  origin TEXT NOT NULL,
  item_key TEXT NOT NULL,
  external_id TEXT,
  guid TEXT,
  url TEXT,
  canonical_url TEXT,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT,
  byline TEXT,
  lang TEXT,
  published_at TEXT,
  modified_at TEXT,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  method TEXT NOT NULL,
  fallback_reason TEXT,
  text_hash TEXT NOT NULL,
  item_hash TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  previous_text_hash TEXT,
  -- Checked at commit: the article row is written before the group and cluster it joins.
  duplicate_group_id INTEGER REFERENCES duplicate_groups(id) DEFERRABLE INITIALLY DEFERRED,
  cluster_id INTEGER REFERENCES clusters(id) DEFERRABLE INITIALLY DEFERRED,
  UNIQUE (origin, item_key)
);

-- Full-text search over title and text, kept in sync with articles by triggers (external content: no second copy).
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, text, content = 'articles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- What prune removed: a pruned item that is still in its feed must not come back as new.
CREATE TABLE IF NOT EXISTS article_tombstones (
  origin TEXT NOT NULL,
  item_key TEXT NOT NULL,
  pruned_at TEXT NOT NULL,
  PRIMARY KEY (origin, item_key)
) WITHOUT ROWID;

-- Bookkeeping of newsdedup itself (e.g. which version of the indexes and views is applied).
CREATE TABLE IF NOT EXISTS newsdedup_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  feeds_fetched INTEGER NOT NULL DEFAULT 0,
  feeds_not_modified INTEGER NOT NULL DEFAULT 0,
  feeds_failed INTEGER NOT NULL DEFAULT 0,
  feeds_skipped INTEGER NOT NULL DEFAULT 0,
  articles_new INTEGER NOT NULL DEFAULT 0,
  articles_updated INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  clusters_touched INTEGER NOT NULL DEFAULT 0,
  seconds REAL
);
`;

/**
 * Indexes and views, re-applied on every open (sqlite-utils' `ensure_shape`): idempotent, and views always
 * match the running version.
 */
const SHAPE_SQL = `
CREATE INDEX IF NOT EXISTS articles_published_at ON articles (published_at);
CREATE INDEX IF NOT EXISTS articles_first_seen_at ON articles (first_seen_at);
CREATE INDEX IF NOT EXISTS articles_feed_id ON articles (feed_id);
CREATE INDEX IF NOT EXISTS articles_origin_url ON articles (origin, url);
CREATE INDEX IF NOT EXISTS articles_canonical_url ON articles (canonical_url);
CREATE INDEX IF NOT EXISTS articles_text_hash ON articles (text_hash);
CREATE INDEX IF NOT EXISTS articles_duplicate_group_id ON articles (duplicate_group_id);
CREATE INDEX IF NOT EXISTS articles_cluster_id ON articles (cluster_id);
-- Is this outlet new to the cluster? One probe, whatever the cluster's size (see addToClusterStats).
CREATE INDEX IF NOT EXISTS articles_cluster_source ON articles (cluster_id, source);
CREATE INDEX IF NOT EXISTS articles_external_id ON articles (external_id);
CREATE INDEX IF NOT EXISTS feeds_next_check_at ON feeds (next_check_at);

DROP VIEW IF EXISTS articles_view;
CREATE VIEW articles_view AS
SELECT a.id, a.title, a.source AS outlet, f.name AS feed, a.url, a.canonical_url,
       coalesce(a.published_at, a.first_seen_at) AS published, a.lang, a.byline, a.method,
       a.duplicate_group_id AS duplicate_group, a.cluster_id AS cluster, a.version, a.external_id,
       length(a.text) AS text_chars
FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id;

DROP VIEW IF EXISTS cluster_summary;
CREATE VIEW cluster_summary AS
SELECT c.id, c.headline, c.first_seen_at, c.last_updated_at, c.article_count AS articles, c.outlet_count AS outlets,
       (SELECT json_group_array(source) FROM (SELECT DISTINCT source FROM articles WHERE cluster_id = c.id ORDER BY source))
         AS outlet_names
FROM clusters c
WHERE c.merged_into IS NULL;
`;

const SHAPE_HASH = createHash('sha256').update(SHAPE_SQL).digest('hex').slice(0, 16);

/**
 * Migration 2: `articles.page_failures`, transient failures in a row of the article's page (its text came from the
 * feed meanwhile); the page is fetched again on the feed's next runs while this is above 0 and below the limit.
 */
export const PAGE_FAILURES_SQL = `ALTER TABLE articles ADD COLUMN page_failures INTEGER NOT NULL DEFAULT 0;`;

/**
 * Re-applies indexes and views when this version's differ from what the database has. Only then does it write:
 * a reader opening the database while a run writes must not wait for the write lock.
 */
export function ensureShape(db: Database.Database): void {
  const applied = db.prepare<[], { value: string }>(`SELECT value FROM newsdedup_meta WHERE key = 'shape'`).get();
  if (applied?.value === SHAPE_HASH) return;
  db.transaction(() => {
    db.exec(SHAPE_SQL);
    db.prepare(`INSERT INTO newsdedup_meta (key, value) VALUES ('shape', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
      SHAPE_HASH,
    );
  }).immediate();
}
