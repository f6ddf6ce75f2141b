import { describe, expect, it } from 'vitest';
import type { GradedPair } from '../../src/eval/datasets.js';
import { averageReports, minLanguageRecall, oracleThreshold, scoreStoryPairs, storyJudgement } from '../../src/eval/semeval-pairs.js';

const pair = (id1: string, id2: string, lang1: string, lang2: string, overall: number): GradedPair => ({ id1, id2, lang1, lang2, overall });

// de: two same-story pairs (ab, cd) and one different (ae); en: one same (fg), one different (fh);
// cross: one same (ai); one pair in between (bj, 2.5) is not scored.
const pairs = [
  pair('a', 'b', 'de', 'de', 1),
  pair('c', 'd', 'de', 'de', 1.5),
  pair('a', 'e', 'de', 'de', 4),
  pair('f', 'g', 'en', 'en', 1.25),
  pair('f', 'h', 'en', 'en', 3.5),
  pair('a', 'i', 'de', 'en', 1),
  pair('b', 'j', 'de', 'en', 2.5),
];
// Predicted clusters: {a, b, e}, {c}, {d}, {f, g, h}, {i}, {j}.
const cluster: Record<string, number> = { a: 1, b: 1, e: 1, c: 2, d: 3, f: 4, g: 4, h: 4, i: 5, j: 6 };
const sameCluster = (p: GradedPair): boolean => cluster[p.id1] === cluster[p.id2];

describe('semeval same-story scoring', () => {
  it('reads overall ≤ 1.5 as same story, ≥ 3.5 as different, and leaves the rest unscored', () => {
    expect([1, 1.5, 1.6, 2.5, 3.4, 3.5, 4].map(storyJudgement)).toEqual(['same', 'same', null, null, null, 'different', 'different']);
  });

  it('scores per language, over same-language and over cross-language pairs', () => {
    const r = scoreStoryPairs(pairs, sameCluster);
    // de: predicted same ab (tp), ae (fp); cd missed → P 1/2, R 1/2.
    expect(r.perLanguage.get('de')).toMatchObject({
      pairs: 3,
      positives: 2,
      truePositives: 1,
      falsePositives: 1,
      precision: 0.5,
      recall: 0.5,
    });
    // en: fg (tp), fh (fp) → P 1/2, R 1.
    expect(r.perLanguage.get('en')).toMatchObject({ pairs: 2, positives: 1, precision: 0.5, recall: 1 });
    // same-language: tp 2, fp 2, positives 3 → P 1/2, R 2/3, F1 4/7.
    expect(r.sameLanguage.precision).toBeCloseTo(0.5);
    expect(r.sameLanguage.recall).toBeCloseTo(2 / 3);
    expect(r.sameLanguage.f1).toBeCloseTo(4 / 7);
    // cross: only ai is scored, and missed; nothing predicted → P 1 by convention, R 0.
    expect(r.crossLanguage).toMatchObject({ pairs: 1, positives: 1, precision: 1, recall: 0, f1: 0 });
    expect([...r.perLanguage.keys()]).toEqual(['de', 'en']);
  });

  it('names the language with the lowest recall', () => {
    expect(minLanguageRecall(scoreStoryPairs(pairs, sameCluster))).toEqual({ lang: 'de', recall: 0.5 });
  });

  it('finds the similarity threshold that maximises same-language F1', () => {
    const sim: Record<string, number> = { ab: 0.9, cd: 0.3, ae: 0.2, fg: 0.5, fh: 0.1, ai: 0.4, bj: 0.8 };
    const { threshold, report } = oracleThreshold(pairs, (p) => sim[`${p.id1}${p.id2}`] ?? 0);
    // At 0.3: ab, cd, fg predicted, all true, nothing missed → F1 1.
    expect(threshold).toBe(0.3);
    expect(report.sameLanguage.f1).toBe(1);
    expect(report.crossLanguage.recall).toBe(1);
  });

  it('averages reports field by field', () => {
    const all = scoreStoryPairs(pairs, () => true);
    const none = scoreStoryPairs(pairs, () => false);
    const mean = averageReports([all, none]);
    expect(mean.sameLanguage.recall).toBeCloseTo(0.5);
    expect(mean.perLanguage.get('de')?.recall).toBeCloseTo(0.5);
  });
});
