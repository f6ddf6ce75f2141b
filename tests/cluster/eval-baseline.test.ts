import { describe, expect, it } from 'vitest';
import {
  baselineTokens,
  dotProduct,
  perLanguageVectors,
  singlePassBaseline,
  smoothIdf,
  termFrequencies,
  type BaselineDoc,
} from '../../src/eval/tfidf-baseline.js';

const quake = (time: string | null, extra = ''): BaselineDoc => ({
  title: 'Earthquake shakes Valparaiso',
  text: `A magnitude 7 earthquake shook Valparaiso in Chile; buildings collapsed near the harbour. ${extra}`,
  time,
});
const phone = (time: string | null): BaselineDoc => ({
  title: 'Nokia unveils folding handset',
  text: 'Nokia unveiled a folding handset with a titanium hinge at its Helsinki launch event.',
  time,
});

describe('TF-IDF terms', () => {
  it('lower-cases word tokens of two or more characters and drops stopwords', () => {
    expect(baselineTokens('The Quake hit a 7.1 zone', new Set(['the']))).toEqual(['quake', 'hit', 'zone']);
  });

  it('turns a run of Chinese characters into its character bigrams', () => {
    expect(baselineTokens('智利地震', new Set())).toEqual(['智利', '利地', '地震']);
  });

  it('counts the title twice and damps repeats: tf 1 + ln(count)', () => {
    const tf = termFrequencies({ title: 'quake', text: 'quake chile' }, new Set(), 2);
    expect(tf.get('quake')).toBeCloseTo(1 + Math.log(3));
    expect(tf.get('chile')).toBeCloseTo(1);
  });

  it('smooths IDF as ln((1 + N) / (1 + df)) + 1', () => {
    expect(smoothIdf(3, 1)).toBeCloseTo(Math.log(2) + 1);
    expect(smoothIdf(1, 1)).toBe(1);
  });
});

describe('singlePassBaseline', () => {
  it('puts the two reports of each story together and the two stories apart', () => {
    const docs = [
      quake('2020-01-01T00:00:00Z'),
      phone('2020-01-01T01:00:00Z'),
      quake('2020-01-01T02:00:00Z', 'Rescuers searched.'),
      phone('2020-01-01T03:00:00Z'),
    ];
    expect(singlePassBaseline(docs)).toEqual([0, 1, 0, 1]);
  });

  it('starts a new cluster more than 3 days after the last member, and measures from the last member', () => {
    // Day 0, day 2.5 (joins), day 5 (2.5 days after the last member: joins), day 9 (4 days later: new cluster).
    const docs = ['2020-01-01T00:00:00Z', '2020-01-03T12:00:00Z', '2020-01-06T00:00:00Z', '2020-01-10T00:00:00Z'].map((t) => quake(t));
    expect(singlePassBaseline(docs)).toEqual([0, 0, 0, 1]);
  });

  it('has no window when windowHours is null or the documents are undated', () => {
    const far = [quake('2020-01-01T00:00:00Z'), quake('2021-01-01T00:00:00Z')];
    expect(singlePassBaseline(far)).toEqual([0, 1]);
    expect(singlePassBaseline(far, { windowHours: null })).toEqual([0, 0]);
    expect(singlePassBaseline([quake(null), quake(null)])).toEqual([0, 0]);
  });

  it('joins only above the threshold, with IDF from the documents seen so far', () => {
    // Doc 2 (N = 2): quake idf ln(3/3) + 1 = 1, nokia ln(3/2) + 1; its cosine to doc 1 (quake, valparaiso, idf 1)
    // is (1 / √(1 + idf²)) · (1 / √2) ≈ 0.41.
    const docs = [
      { title: 'quake valparaiso', text: '', time: null },
      { title: 'quake nokia', text: '', time: null },
    ];
    const idfNokia = Math.log(3 / 2) + 1;
    const cos = 1 / Math.sqrt(1 + idfNokia * idfNokia) / Math.SQRT2;
    expect(singlePassBaseline(docs, { threshold: cos - 0.01 })).toEqual([0, 0]);
    expect(singlePassBaseline(docs, { threshold: cos + 0.01 })).toEqual([0, 1]);
    expect(singlePassBaseline([quake(null), phone(null)], { threshold: 0 })).toEqual([0, 1]);
  });
});

describe('perLanguageVectors', () => {
  it('weights each language by its own articles and stopwords, so identical texts have cosine 1 and unrelated 0', () => {
    const v = perLanguageVectors([
      { id: 'a', title: 'Erdbeben in Chile', text: 'Ein starkes Erdbeben.', lang: 'de' },
      { id: 'b', title: 'Erdbeben in Chile', text: 'Ein starkes Erdbeben.', lang: 'de' },
      { id: 'c', title: 'Nokia handset', text: 'A folding handset.', lang: 'en' },
    ]);
    const get = (id: string) => v.get(id) ?? new Map<string, number>();
    expect(dotProduct(get('a'), get('b'))).toBeCloseTo(1);
    expect(dotProduct(get('a'), get('c'))).toBe(0);
    // "ein" is a German stopword, "in" is one too: neither is a term.
    expect([...get('a').keys()].sort()).toEqual(['chile', 'erdbeben', 'starkes']);
  });
});
