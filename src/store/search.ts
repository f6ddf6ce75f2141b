/** Full-text search over stored articles, with bounded terms and snippets. */
import type Database from 'better-sqlite3';

type Db = Database.Database;

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
