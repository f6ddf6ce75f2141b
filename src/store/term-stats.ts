/**
 * Term statistics of the event index: document frequencies (for IDF) per language and per source, and the case
 * evidence of terms, in `term_stats` / `term_corpus`. Plain SQL; never opens a transaction (the caller's per-feed
 * transaction wraps every call).
 */
import type Database from 'better-sqlite3';
import { cacheOf, dfOfLang, MAX_CACHED_TERMS, scalar, stmt } from './event-stats-cache.js';

type Db = Database.Database;

/** Counts one more document of `lang` containing each of `terms` (distinct terms, one count each). */
export function addDocumentTerms(db: Db, lang: string, terms: Iterable<string>): void {
  stmt(db, `INSERT INTO term_corpus (lang, docs) VALUES (?, 1) ON CONFLICT(lang) DO UPDATE SET docs = docs + 1`).run(lang);
  const add = stmt(db, `INSERT INTO term_stats (lang, term, df) VALUES (?, ?, 1) ON CONFLICT(lang, term) DO UPDATE SET df = df + 1`);
  const cache = cacheOf(db);
  const docs = cache.docs.get(lang);
  if (docs !== undefined) cache.docs.set(lang, docs + 1);
  const known = dfOfLang(cache, lang);
  for (const term of terms) {
    add.run(lang, term);
    const df = known.get(term);
    if (df !== undefined) known.set(term, df + 1);
  }
}
/**
 * Case evidence lives in `term_stats` too, as document frequencies of two derived features per term: documents
 * that had the term capitalised inside a sentence-case sentence, and documents that had it in lower case there
 * (see event-terms.ts). Their keys start with a control character, which no token can contain.
 */
const CAPITALISED_KEY = '\u0001C';
const LOWERCASE_KEY = '\u0001L';

/** Counts one more document of `lang` with each of `capitalised` / `lowercase` seen so (distinct terms, one count each). */
export function addTermCases(db: Db, lang: string, capitalised: Iterable<string>, lowercase: Iterable<string>): void {
  const add = stmt(db, `INSERT INTO term_stats (lang, term, df) VALUES (?, ?, 1) ON CONFLICT(lang, term) DO UPDATE SET df = df + 1`);
  const known = dfOfLang(cacheOf(db), lang);
  for (const [prefix, terms] of [[CAPITALISED_KEY, capitalised], [LOWERCASE_KEY, lowercase]] as const) {
    for (const t of terms) {
      const key = `${prefix}${t}`;
      add.run(lang, key);
      const df = known.get(key);
      if (df !== undefined) known.set(key, df + 1);
    }
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
    docs = scalar(db, `SELECT docs FROM term_corpus WHERE lang = ?`, [lang], 0);
    cache.docs.set(lang, docs);
  }
  return docs;
}
/** Documents of a corpus containing `term` (cached; the cache is dropped whole once it holds MAX_CACHED_TERMS). */
export function termDf(db: Db, lang: string, term: string): number {
  const cache = cacheOf(db);
  const known = dfOfLang(cache, lang);
  let df = known.get(term);
  if (df === undefined) {
    if (cache.dfSize >= MAX_CACHED_TERMS) {
      for (const terms of cache.df.values()) terms.clear();
      cache.dfSize = 0;
    }
    df = scalar(db, `SELECT df FROM term_stats WHERE lang = ? AND term = ?`, [lang, term], 0);
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
