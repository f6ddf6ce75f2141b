import type Database from 'better-sqlite3';
import { isBusyError } from './database.js';

type Db = Database.Database;

/** One event cluster as people see it (the clusterer's own row is model.ts's IndexedCluster). */
export interface ClusterSummary {
  id: number;
  headline: string;
  firstSeenAt: string;
  lastUpdatedAt: string;
  articles: number;
  outlets: number;
  outletNames: string[];
}

/** Filters for {@link listClusters}. */
export interface ClusterFilter {
  /** Only clusters whose coverage moved at or after this time. Default: any time. */
  since?: Date | null;
  /** Only clusters covered by at least this many outlets. Default 1. */
  minOutlets?: number;
  /** At most this many clusters. Default 20. */
  limit?: number;
}

/** The biggest recent clusters: most outlets first, then most articles, then most recently updated. */
export function listClusters(db: Db, filter: ClusterFilter = {}): ClusterSummary[] {
  const rows = db
    .prepare<[{ since: string | null; minOutlets: number; limit: number }], ClusterSummaryRow>(
      `SELECT id, headline, first_seen_at, last_updated_at, articles, outlets, outlet_names
       FROM cluster_summary
       WHERE (@since IS NULL OR last_updated_at >= @since) AND outlets >= @minOutlets
       ORDER BY outlets DESC, articles DESC, last_updated_at DESC, id
       LIMIT @limit`,
    )
    .all({ since: filter.since?.toISOString() ?? null, minOutlets: filter.minOutlets ?? 1, limit: filter.limit ?? 20 });
  return rows.map(toClusterSummary);
}

/** One article of a cluster, with the copies (same duplicate group) it stands for. */
export interface ClusterMember {
  id: number;
  title: string;
  outlet: string;
  publishedAt: string;
  url: string | null;
  duplicateGroupId: number | null;
  /** Other articles of the same duplicate group in this cluster (syndicated copies): outlet and URL. */
  copies: Array<{ id: number; outlet: string; url: string | null }>;
}

/** A cluster with its members ordered by time, copies folded under the group's earliest article. */
export interface ClusterDetail extends ClusterSummary {
  members: ClusterMember[];
  mergedFrom: number[];
}

/** Finds a cluster by id, following merges to the surviving cluster; null when there is none. */
export function getCluster(db: Db, requestedId: number): ClusterDetail | null {
  const id = resolveMerged(db, requestedId);
  if (id === null) return null;
  const summary = db.prepare<[number], ClusterSummaryRow>(`SELECT * FROM cluster_summary WHERE id = ?`).get(id);
  if (!summary) return null;
  const articles = db
    .prepare<[number], MemberRow>(
      `SELECT id, title, source, coalesce(published_at, first_seen_at) AS published, url, duplicate_group_id
       FROM articles WHERE cluster_id = ? ORDER BY published, id`,
    )
    .all(id);
  const mergedFrom = db
    .prepare<[number], { merged_id: number }>(`SELECT merged_id FROM cluster_merges WHERE survivor_id = ? ORDER BY merged_at`)
    .all(id)
    .map((row) => row.merged_id);
  return { ...toClusterSummary(summary), members: foldCopies(articles), mergedFrom };
}

function resolveMerged(db: Db, id: number): number | null {
  const lookup = db.prepare<[number], { id: number; merged_into: number | null }>(`SELECT id, merged_into FROM clusters WHERE id = ?`);
  let current = lookup.get(id);
  // Bounded: a merge chain can't be longer than the number of clusters, but a corrupted cycle must not hang us.
  for (let hops = 0; current && current.merged_into !== null && hops < 1000; hops++) current = lookup.get(current.merged_into);
  return current ? current.id : null;
}

function foldCopies(rows: readonly MemberRow[]): ClusterMember[] {
  const members: ClusterMember[] = [];
  const byGroup = new Map<number, ClusterMember>();
  for (const row of rows) {
    const leader = row.duplicate_group_id === null ? undefined : byGroup.get(row.duplicate_group_id);
    if (leader) {
      leader.copies.push({ id: row.id, outlet: row.source, url: row.url });
      continue;
    }
    const member: ClusterMember = {
      id: row.id,
      title: row.title,
      outlet: row.source,
      publishedAt: row.published,
      url: row.url,
      duplicateGroupId: row.duplicate_group_id,
      copies: [],
    };
    if (row.duplicate_group_id !== null) byGroup.set(row.duplicate_group_id, member);
    members.push(member);
  }
  return members;
}

interface ClusterSummaryRow {
  id: number;
  headline: string;
  first_seen_at: string;
  last_updated_at: string;
  articles: number;
  outlets: number;
  outlet_names: string | null;
}

interface MemberRow {
  id: number;
  title: string;
  source: string;
  published: string;
  url: string | null;
  duplicate_group_id: number | null;
}

function toClusterSummary(row: ClusterSummaryRow): ClusterSummary {
  return {
    id: row.id,
    headline: row.headline,
    firstSeenAt: row.first_seen_at,
    lastUpdatedAt: row.last_updated_at,
    articles: row.articles,
    outlets: row.outlets,
    outletNames: parseNames(row.outlet_names),
  };
}

function parseNames(json: string | null): string[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string') : [];
}

/** One feed's fetch status, for `newsdedup feeds`. */
export interface FeedStatusRow {
  name: string;
  outlet: string;
  url: string;
  effectiveUrl: string;
  lastFetchedAt: string | null;
  lastSuccessAt: string | null;
  lastStatus: number | null;
  lastOutcome: string | null;
  itemsLastSeen: number | null;
  errorCount: number;
  lastError: string | null;
  nextCheckAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  articles: number;
}

/** Every stored feed with its status, in name order. */
export function listFeedStatus(db: Db): FeedStatusRow[] {
  return db
    .prepare<[], FeedStatusRow>(
      `SELECT f.name, f.outlet, f.url, f.effective_url AS effectiveUrl, f.last_fetched_at AS lastFetchedAt,
         f.last_success_at AS lastSuccessAt, f.last_status AS lastStatus, f.last_outcome AS lastOutcome,
         f.items_last_seen AS itemsLastSeen, f.error_count AS errorCount, f.last_error AS lastError,
         f.next_check_at AS nextCheckAt, f.disabled_at AS disabledAt, f.disabled_reason AS disabledReason,
         (SELECT count(*) FROM articles a WHERE a.feed_id = f.id) AS articles
       FROM feeds f ORDER BY f.name`,
    )
    .all();
}

/** One exported article. */
export interface ExportRow {
  id: number;
  external_id: string | null;
  url: string | null;
  source: string;
  title: string;
  published: string;
  lang: string | null;
  duplicate_group: number | null;
  cluster: number | null;
  version: number;
  text?: string;
}

/** Every article in id order, streamed from SQLite one row at a time. */
export function iterateExportRows(db: Db, withText: boolean): IterableIterator<ExportRow> {
  return db
    .prepare<[], ExportRow>(
      `SELECT id, external_id, url, source, title, coalesce(published_at, first_seen_at) AS published, lang,
         duplicate_group_id AS duplicate_group, cluster_id AS cluster, version${withText ? ', text' : ''}
       FROM articles ORDER BY id`,
    )
    .iterate();
}

/** One full-text search hit. */
export interface SearchHit {
  id: number;
  title: string;
  outlet: string;
  published: string;
  url: string | null;
  cluster: number | null;
  snippet: string;
}

/** Most distinct words a search uses; the rest of a longer query is dropped (each word is one FTS5 phrase to match). */
export const MAX_QUERY_TERMS = 32;
/** Longest word of a query kept, in characters. */
export const MAX_TERM_CHARS = 100;
/** Characters of an article's text a snippet is looked for in: the snippet's cost does not grow with the article. */
export const SNIPPET_SCAN_CHARS = 20_000;
/** Characters of context on each side of the first match in a snippet. */
const SNIPPET_CONTEXT_CHARS = 80;
/** Longest snippet returned (context, match and markers). */
export const MAX_SNIPPET_CHARS = 2 * SNIPPET_CONTEXT_CHARS + MAX_TERM_CHARS + 4;

/**
 * The words a query is searched for: distinct (ignoring case), at most {@link MAX_QUERY_TERMS}, each cut to
 * {@link MAX_TERM_CHARS}. `truncated` when the query had more words.
 */
export function searchTerms(query: string): { terms: string[]; truncated: boolean } {
  const seen = new Set<string>();
  const terms: string[] = [];
  // Scanning stops at the first word too many: an 8,000-word query costs the words kept, not a split of all of it.
  for (const match of query.matchAll(/\S+/g)) {
    const word = match[0].slice(0, MAX_TERM_CHARS);
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    if (terms.length === MAX_QUERY_TERMS) return { terms, truncated: true };
    seen.add(key);
    terms.push(word);
  }
  return { terms, truncated: false };
}

/**
 * Full-text search over titles and texts (FTS5, BM25 ranking, title weighted up). Each word of the query must
 * appear; words are quoted, so FTS5 syntax in the query is searched for, not interpreted. Bounded work per request:
 * at most {@link MAX_QUERY_TERMS} words; the best `limit` rows are chosen first, and only then is a snippet made for
 * each, from the first {@link SNIPPET_SCAN_CHARS} characters of its text (FTS5's `snippet()` costs time quadratic in
 * the matches of one article).
 */
export function searchArticles(db: Db, query: string, options: { since?: Date | null; limit?: number } = {}): SearchHit[] {
  const { terms } = searchTerms(query);
  if (terms.length === 0) return [];
  const match = terms.map((word) => `"${word.replaceAll('"', '""')}"`).join(' ');
  const rows = db
    .prepare<[{ match: string; since: string | null; limit: number; scan: number }], SearchRow>(
      `WITH best AS (
         SELECT a.id, bm25(articles_fts, 5.0, 1.0) AS score
         FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH @match AND (@since IS NULL OR coalesce(a.published_at, a.first_seen_at) >= @since)
         ORDER BY score LIMIT @limit
       )
       SELECT a.id, a.title, a.source AS outlet, coalesce(a.published_at, a.first_seen_at) AS published, a.url,
         a.cluster_id AS cluster, substr(a.text, 1, @scan) AS head
       FROM best JOIN articles a ON a.id = best.id
       ORDER BY best.score, a.id`,
    )
    .all({ match, since: options.since?.toISOString() ?? null, limit: options.limit ?? 20, scan: SNIPPET_SCAN_CHARS });
  return rows.map(({ head, ...hit }) => ({ ...hit, snippet: snippetOf(head, terms) }));
}

interface SearchRow extends Omit<SearchHit, 'snippet'> {
  head: string;
}

/**
 * A snippet around the first match of any term in the first {@link SNIPPET_SCAN_CHARS} characters of `text`, the
 * matches in it bracketed (`[word]`), at most {@link MAX_SNIPPET_CHARS} characters; the start of the text when no
 * term is found there (FTS5 also matches across diacritics, which this plain search does not).
 */
export function snippetOf(text: string, terms: readonly string[]): string {
  const head = text.slice(0, SNIPPET_SCAN_CHARS);
  const pattern = terms.length === 0 ? null : new RegExp(terms.map(escapeRegExp).join('|'), 'iu');
  const found = pattern?.exec(head) ?? null;
  const at = found?.index ?? 0;
  const length = found?.[0].length ?? 0;
  const from = Math.max(0, at - SNIPPET_CONTEXT_CHARS);
  const to = Math.min(head.length, at + length + SNIPPET_CONTEXT_CHARS);
  const window = head.slice(from, to).replace(/\s+/g, ' ');
  const marked = found === null || pattern === null ? window : window.replace(new RegExp(pattern.source, 'giu'), (word) => `[${word}]`);
  const capped = marked.length > MAX_SNIPPET_CHARS - 2 ? marked.slice(0, MAX_SNIPPET_CHARS - 2) : marked;
  return `${from > 0 ? '…' : ''}${capped}${to < text.length ? '…' : ''}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Counts for `newsdedup stats`. */
export interface Stats {
  feeds: number;
  feedsFailing: number;
  feedsDisabled: number;
  articles: number;
  /** Articles that are copies of an earlier article (in a duplicate group, not its canonical one). */
  duplicates: number;
  clusters: number;
  /** Clusters with articles from at least two outlets. */
  multiOutletClusters: number;
  databaseBytes: number;
  schemaVersion: number;
  lastRun: { startedAt: string; finishedAt: string | null; status: string; articlesNew: number; feedsFailed: number } | null;
}

/** The database at a glance. */
export function getStats(db: Db): Stats {
  const one = <T>(sql: string): T => db.prepare<[], T>(sql).get() as T;
  const feeds = one<{ total: number; failing: number; disabled: number }>(
    `SELECT count(*) AS total, coalesce(sum(error_count > 0), 0) AS failing, coalesce(sum(disabled_at IS NOT NULL), 0) AS disabled FROM feeds`,
  );
  const pages = one<{ bytes: number }>(`SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()`);
  const lastRun = db
    .prepare<[], { startedAt: string; finishedAt: string | null; status: string; articlesNew: number; feedsFailed: number }>(
      `SELECT started_at AS startedAt, finished_at AS finishedAt, status, articles_new AS articlesNew, feeds_failed AS feedsFailed
       FROM runs ORDER BY id DESC LIMIT 1`,
    )
    .get();
  return {
    feeds: feeds.total,
    feedsFailing: feeds.failing,
    feedsDisabled: feeds.disabled,
    articles: one<{ n: number }>(`SELECT count(*) AS n FROM articles`).n,
    duplicates: one<{ n: number }>(
      `SELECT count(*) AS n FROM articles a JOIN duplicate_groups g ON g.id = a.duplicate_group_id WHERE g.canonical_article_id <> a.id`,
    ).n,
    clusters: one<{ n: number }>(`SELECT count(*) AS n FROM clusters WHERE merged_into IS NULL`).n,
    multiOutletClusters: one<{ n: number }>(`SELECT count(*) AS n FROM clusters WHERE merged_into IS NULL AND outlet_count >= 2`).n,
    databaseBytes: pages.bytes,
    schemaVersion: Number(db.pragma('user_version', { simple: true })),
    lastRun: lastRun ?? null,
  };
}

/** The result of `newsdedup db check`. */
export interface DatabaseCheck {
  /** `ok`; `damaged` when any check found a problem or could not run for one; `busy` when a check needed a lock another process holds. */
  status: 'ok' | 'damaged' | 'busy';
  ok: boolean;
  integrity: string[];
  foreignKeyViolations: number | null;
  /** 'ok', or what SQLite's integrity check of the full-text index said. */
  fullTextIndex: string;
  schemaVersion: number | null;
}

/**
 * SQLite's integrity and foreign-key checks plus the full-text index's own check. Each check runs even when another
 * failed, so a damaged file gets a full report; an error while checking is part of the report, never a crash.
 */
export function checkDatabase(db: Db): DatabaseCheck {
  let busy = false;
  let damaged = false;
  const attempt = <T>(fn: () => T, onError: (message: string) => T): T => {
    try {
      return fn();
    } catch (error) {
      if (isBusyError(error)) busy = true;
      else damaged = true;
      return onError(error instanceof Error ? error.message : String(error));
    }
  };
  const integrity = attempt(
    () => db.prepare<[], { integrity_check: string }>(`PRAGMA integrity_check`).all().map((row) => row.integrity_check),
    (message) => [message],
  );
  const foreignKeyViolations = attempt<number | null>(() => db.prepare(`PRAGMA foreign_key_check`).all().length, () => null);
  // The FTS5 check is an INSERT: it needs the write lock, which a running writer may hold (that is "busy", not damage).
  const fullTextIndex = attempt(() => {
    db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`).run();
    return 'ok';
  }, (message) => message);
  const schemaVersion = attempt<number | null>(() => Number(db.pragma('user_version', { simple: true })), () => null);
  if (integrity.length !== 1 || integrity[0] !== 'ok' || (foreignKeyViolations ?? 0) > 0) damaged = true;
  const status = damaged ? 'damaged' : busy ? 'busy' : 'ok';
  return { status, ok: status === 'ok', integrity, foreignKeyViolations, fullTextIndex, schemaVersion };
}
