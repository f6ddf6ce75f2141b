import { describe, expect, it } from 'vitest';
import { forgetCachedStats } from '../../src/store/event-stats-cache.js';
import {
  addDocumentTerms,
  addTermCases,
  corpusDocs,
  dfLookup,
  flushTermStats,
  sourceCorpus,
  termCases,
  termDf,
} from '../../src/store/term-stats.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

describe('store/term-stats', () => {
  const open = tempDatabasePerTest();

  it('an empty corpus: no documents, every term at 0', () => {
    const { db } = open();
    expect(corpusDocs(db, 'en')).toBe(0);
    expect(termDf(db, 'en', 'harbour')).toBe(0);
    expect(termCases(db, 'en', 'harbour')).toEqual({ capitalised: 0, lowercase: 0 });
  });

  it('counts documents per corpus and each distinct term once per document, stored and read back', () => {
    const { db } = open();
    addDocumentTerms(db, 'en', new Set(['harbour', 'budget']));
    addDocumentTerms(db, 'en', ['harbour', 'vote']);
    addDocumentTerms(db, 'de', ['hafen']);
    expect([corpusDocs(db, 'en'), corpusDocs(db, 'de'), corpusDocs(db, 'fr')]).toEqual([2, 1, 0]);
    expect(['harbour', 'budget', 'vote', 'hafen'].map((t) => termDf(db, 'en', t))).toEqual([2, 1, 1, 0]);
    expect(termDf(db, 'de', 'hafen')).toBe(1);
    flushTermStats(db);
    expect(db.prepare(`SELECT lang, term, df FROM term_stats ORDER BY lang, term`).all()).toEqual([
      { lang: 'de', term: 'hafen', df: 1 },
      { lang: 'en', term: 'budget', df: 1 },
      { lang: 'en', term: 'harbour', df: 2 },
      { lang: 'en', term: 'vote', df: 1 },
    ]);
  });

  it('counts written after a read are seen by later reads (the cache is written through)', () => {
    const { db } = open();
    addDocumentTerms(db, 'en', ['harbour']);
    const df = dfLookup(db, 'en');
    expect([corpusDocs(db, 'en'), df('harbour'), df('ferry')]).toEqual([1, 1, 0]);
    addDocumentTerms(db, 'en', ['harbour', 'ferry']);
    expect([corpusDocs(db, 'en'), df('harbour'), df('ferry'), termDf(db, 'en', 'ferry')]).toEqual([2, 2, 1, 1]);
  });

  it("a source's corpus is counted apart from its language's, under a key no language tag can be", () => {
    const { db } = open();
    const alpha = sourceCorpus('Alpha');
    expect(alpha).not.toBe('Alpha');
    expect(sourceCorpus('Alpha')).toBe(alpha);
    expect(sourceCorpus('Beta')).not.toBe(alpha);
    addDocumentTerms(db, alpha, ['harbour']);
    addDocumentTerms(db, 'en', ['harbour']);
    addDocumentTerms(db, 'en', ['harbour']);
    expect([corpusDocs(db, alpha), termDf(db, alpha, 'harbour'), corpusDocs(db, 'en'), termDf(db, 'en', 'harbour')]).toEqual([1, 1, 2, 2]);
    expect(corpusDocs(db, sourceCorpus('Beta'))).toBe(0);
  });

  it('case evidence: capitalised and lower-case counts per term, apart from its document frequency and the document count', () => {
    const { db } = open();
    addDocumentTerms(db, 'en', ['apple']);
    addTermCases(db, 'en', ['apple', 'paris'], ['apple']);
    addTermCases(db, 'en', new Set(['apple']), []);
    expect(termCases(db, 'en', 'apple')).toEqual({ capitalised: 2, lowercase: 1 });
    expect(termCases(db, 'en', 'paris')).toEqual({ capitalised: 1, lowercase: 0 });
    expect(termCases(db, 'de', 'apple')).toEqual({ capitalised: 0, lowercase: 0 });
    expect([termDf(db, 'en', 'apple'), termDf(db, 'en', 'paris'), corpusDocs(db, 'en')]).toEqual([1, 0, 1]);
  });

  it("write-behind: a batch's counts are read before the flush, stored by it once per term, and gone after a rollback", () => {
    const { db } = open();
    const rows = () => db.prepare(`SELECT lang, term, df FROM term_stats ORDER BY lang, term`).all();
    const docsRow = () => db.prepare(`SELECT docs FROM term_corpus WHERE lang = 'en'`).pluck().get();
    const read = () => [
      corpusDocs(db, 'en'),
      termDf(db, 'en', 'harbour'),
      termDf(db, 'en', 'ferry'),
      termCases(db, 'en', 'harbour').capitalised,
    ];
    db.transaction(() => {
      addDocumentTerms(db, 'en', ['harbour']);
      addDocumentTerms(db, 'en', ['harbour', 'ferry']);
      addTermCases(db, 'en', ['harbour'], []);
      // Counted, not yet written: reads see them (harbour and ferry were never read, so not cached either).
      expect(read()).toEqual([2, 2, 1, 1]);
      expect([rows(), docsRow()]).toEqual([[], undefined]);
      flushTermStats(db);
    })();
    expect(rows()).toEqual([
      { lang: 'en', term: '\u0001Charbour', df: 1 },
      { lang: 'en', term: 'ferry', df: 1 },
      { lang: 'en', term: 'harbour', df: 2 },
    ]);
    expect(docsRow()).toBe(2);
    // The next batch adds to the stored rows; an uncached term is read as stored + pending.
    forgetCachedStats(db);
    addDocumentTerms(db, 'en', ['harbour']);
    expect(read()).toEqual([3, 3, 1, 1]);
    flushTermStats(db);
    expect([termDf(db, 'en', 'harbour'), docsRow()]).toEqual([3, 3]);

    // A batch that rolls back: its counts were never written, and after forgetCachedStats they are not pending either.
    expect(() =>
      db.transaction(() => {
        addDocumentTerms(db, 'en', ['harbour', 'quay']);
        flushTermStats(db);
        expect([termDf(db, 'en', 'quay'), docsRow()]).toEqual([1, 4]);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(() =>
      db.transaction(() => {
        addDocumentTerms(db, 'en', ['quay']);
        throw new Error('roll back before the flush');
      })(),
    ).toThrow('roll back before the flush');
    forgetCachedStats(db);
    flushTermStats(db);
    expect([corpusDocs(db, 'en'), termDf(db, 'en', 'harbour'), termDf(db, 'en', 'quay'), docsRow()]).toEqual([3, 3, 0, 3]);
    expect(rows()).toHaveLength(3);
  });
});
