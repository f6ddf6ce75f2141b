/**
 * Term statistics of the event index: document frequencies (for IDF) per language and per source, and the case
 * evidence of terms, in `term_stats` / `term_corpus`. Plain SQL; never opens a transaction (the caller's per-feed
 * transaction wraps every call).
 *
 * The counts are written behind: an article's distinct terms (a few hundred, in two corpora, plus their case
 * evidence) are counted in memory, and flushTermStats writes each (corpus, term) of a batch once, with the batch's
 * other rows, before the caller commits. One upsert per term and article was a quarter of an import's CPU. Every
 * read returns stored + pending, so what the clusterer sees does not depend on when the flush happens.
 */
import type Database from 'better-sqlite3';
import { cacheOf, dfOfLang, MAX_CACHED_TERMS, pendingOfLang, scalar, stmt, type StatsCache } from './event-stats-cache.js';

type Db = Database.Database;

/** Counts one more document of `lang` containing each of `terms` (distinct terms, one count each); written at the flush. */
export function addDocumentTerms(db: Db, lang: string, terms: Iterable<string>): void {
  const cache = cacheOf(db);
  cache.pendingDocs.set(lang, (cache.pendingDocs.get(lang) ?? 0) + 1);
  const docs = cache.docs.get(lang);
  if (docs !== undefined) cache.docs.set(lang, docs + 1);
  countTerms(cache, lang, terms);
}

/** Adds one to each term's pending increment, and to its cached total when it is cached (else a read adds it). */
function countTerms(cache: StatsCache, lang: string, terms: Iterable<string>): void {
  const known = dfOfLang(cache, lang);
  const pending = pendingOfLang(cache, lang);
  for (const term of terms) {
    pending.set(term, (pending.get(term) ?? 0) + 1);
    const df = known.get(term);
    if (df !== undefined) known.set(term, df + 1);
  }
}

/**
 * Writes the counts held since the last flush, one upsert per (corpus, term), and forgets them. Call it inside the
 * write transaction of the batch that counted them, before it commits: counts and articles are then committed, or
 * rolled back, together. The cached totals stay (they already included the increments).
 */
export function flushTermStats(db: Db): void {
  const cache = cacheOf(db);
  const addDocs = stmt(
    db,
    `INSERT INTO term_corpus (lang, docs) VALUES (?, ?) ON CONFLICT(lang) DO UPDATE SET docs = docs + excluded.docs`,
  );
  for (const [lang, docs] of cache.pendingDocs) addDocs.run(lang, docs);
  const add = stmt(
    db,
    `INSERT INTO term_stats (lang, term, df) VALUES (?, ?, ?) ON CONFLICT(lang, term) DO UPDATE SET df = df + excluded.df`,
  );
  for (const [lang, terms] of cache.pendingDf) for (const [term, df] of terms) add.run(lang, term, df);
  cache.pendingDocs.clear();
  cache.pendingDf.clear();
}
/**
 * Case evidence lives in `term_stats` too, as document frequencies of two derived features per term: documents
 * that had the term capitalised inside a sentence-case sentence, and documents that had it in lower case there
 * (see event-terms.ts). Their keys start with a control character, which no token can contain.
 */
const CAPITALISED_KEY = '\u0001C';
const LOWERCASE_KEY = '\u0001L';

/** Counts one more document of `lang` with each of `capitalised` / `lowercase` seen so (distinct terms, one count each); written at the flush. */
export function addTermCases(db: Db, lang: string, capitalised: Iterable<string>, lowercase: Iterable<string>): void {
  const cache = cacheOf(db);
  for (const [prefix, terms] of [
    [CAPITALISED_KEY, capitalised],
    [LOWERCASE_KEY, lowercase],
  ] as const) {
    const keys: string[] = [];
    for (const t of terms) keys.push(`${prefix}${t}`);
    countTerms(cache, lang, keys);
  }
}

/** In how many documents of `lang` a term was seen capitalised, and lower-case, inside a sentence-case sentence. */
export function termCases(db: Db, lang: string, term: string): { capitalised: number; lowercase: number } {
  return { capitalised: termDf(db, lang, `${CAPITALISED_KEY}${term}`), lowercase: termDf(db, lang, `${LOWERCASE_KEY}${term}`) };
}

/**
 * Per-source document frequencies share `term_stats` / `term_corpus` with the per-language ones, under a corpus
 * key that starts with a control character (no language tag can), so they need no table of their own.
 */
export function sourceCorpus(source: string): string {
  return `\u0002${source}`;
}

/** Documents counted in a corpus (a language, or a source's corpus: see sourceCorpus). */
export function corpusDocs(db: Db, lang: string): number {
  const cache = cacheOf(db);
  let docs = cache.docs.get(lang);
  if (docs === undefined) {
    docs = scalar(db, `SELECT docs FROM term_corpus WHERE lang = ?`, [lang], 0) + (cache.pendingDocs.get(lang) ?? 0);
    cache.docs.set(lang, docs);
  }
  return docs;
}
/** Documents of a corpus containing `term`, pending counts included (cached; the cache is dropped whole once it holds MAX_CACHED_TERMS). */
export function termDf(db: Db, lang: string, term: string): number {
  const cache = cacheOf(db);
  const known = dfOfLang(cache, lang);
  let df = known.get(term);
  if (df === undefined) {
    if (cache.dfSize >= MAX_CACHED_TERMS) {
      for (const terms of cache.df.values()) terms.clear();
      cache.dfSize = 0;
    }
    df = scalar(db, `SELECT df FROM term_stats WHERE lang = ? AND term = ?`, [lang, term], 0) + (cache.pendingDf.get(lang)?.get(term) ?? 0);
    known.set(term, df);
    cache.dfSize++;
  }
  return df;
}

/**
 * The document frequencies of one language as a lookup: cached terms straight from the map, others read once.
 * Built once per comparison pass, so the per-term cost is a single map lookup.
 */
export function dfLookup(db: Db, lang: string): (term: string) => number {
  const known = dfOfLang(cacheOf(db), lang);
  return (term) => known.get(term) ?? termDf(db, lang, term);
}
