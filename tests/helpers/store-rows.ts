/**
 * Rows written straight into a test database, for the store's read side: clusters and group memberships as the
 * clusterer and the near-duplicate index would leave them, without running either.
 */
import type Database from 'better-sqlite3';
import type { ArticleInput } from '../../src/model.js';
import { insertArticle } from '../../src/store/articles.js';
import { syncFeeds } from '../../src/store/feeds.js';
import { articleInput } from './article-input.js';

type Db = Database.Database;

/** What a test says of a cluster row; the rest is filled in. */
export interface ClusterFields {
  id: number;
  headline?: string;
  lang?: string;
  firstSeenAt?: string;
  lastUpdatedAt?: string;
  articles?: number;
  outlets?: number;
  mergedInto?: number | null;
}

/** Inserts a cluster row (headline `story <id>`, English, stamped 2026-11-24T10:00Z unless given). */
export function addCluster(db: Db, fields: ClusterFields): void {
  const stamp = '2026-11-24T10:00:00.000Z';
  db.prepare(
    `INSERT INTO clusters (id, headline, lang, first_seen_at, last_updated_at, article_count, outlet_count, merged_into, created_at, updated_at)
     VALUES (@id, @headline, @lang, @firstSeenAt, @lastUpdatedAt, @articles, @outlets, @mergedInto, @stamp, @stamp)`,
  ).run({
    headline: `story ${fields.id}`,
    lang: 'en',
    firstSeenAt: stamp,
    lastUpdatedAt: stamp,
    articles: 0,
    outlets: 0,
    mergedInto: null,
    ...fields,
    stamp,
  });
}

/** Stores feeds named `names` (outlet = name, URL `https://<name>.example/feed`). */
export function addFeeds(db: Db, names: readonly string[], now = new Date('2026-11-24T10:00:00.000Z')): void {
  syncFeeds(db, names.map((name) => ({ name, url: `https://${name}.example/feed`, outlet: name })), now);
}

/**
 * Inserts an article first seen at `seenAt`, in cluster `cluster` and duplicate group `group` when given (a group row
 * is created on first use, with this article as its canonical one). Returns its id. Call inside a transaction when
 * the cluster row is added after it (the references are checked at commit).
 */
export function addArticle(db: Db, key: string, fields: Partial<ArticleInput> & { cluster?: number; group?: number; seenAt?: string } = {}): number {
  const { cluster, group, seenAt = '2026-11-24T10:00:00.000Z', ...input } = fields;
  const id = insertArticle(db, articleInput(key, input), `hash-${key}`, new Date(seenAt));
  if (group !== undefined) {
    db.prepare('INSERT OR IGNORE INTO duplicate_groups (id, canonical_article_id, first_seen_at) VALUES (?, ?, ?)').run(group, id, seenAt);
    db.prepare('UPDATE duplicate_groups SET size = (SELECT count(*) FROM articles WHERE duplicate_group_id = ?) + 1 WHERE id = ?').run(group, group);
  }
  db.prepare('UPDATE articles SET cluster_id = ?, duplicate_group_id = ? WHERE id = ?').run(cluster ?? null, group ?? null, id);
  return id;
}
