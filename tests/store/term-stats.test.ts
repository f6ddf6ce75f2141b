import { describe, expect, it } from 'vitest';
import { addDocumentTerms, addTermCases, corpusDocs, dfLookup, sourceCorpus, termCases, termDf } from '../../src/store/term-stats.js';
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
});
