import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEventArticles, loadSemEval, replayOrder, type EvalDataset } from '../../src/eval/datasets.js';
import { evaluateBaseline, evaluatePairBaseline, evaluateStoryPairs, formatSummary, replay } from '../../src/eval/eval-clusters.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/eval');

describe('semeval through the real replay path', () => {
  const d = loadSemEval(path.join(fixtures, 'semeval'));

  it('scores "same cluster" on the scored pairs only: 2 same-language (de, en), 1 cross-language', () => {
    const r = evaluateStoryPairs(d, {}, { seeds: 2, batch: 2 });
    expect([...r.perLanguage.keys()]).toEqual(['de', 'en']);
    expect(r.sameLanguage.pairs).toBe(2);
    expect(r.sameLanguage.positives).toBe(1);
    expect(r.crossLanguage.pairs).toBe(1);
  });

  it('scores the TF-IDF pair baseline at 0.2 and at the oracle threshold', () => {
    const b = evaluatePairBaseline(d);
    expect(b.threshold).toBe(0.2);
    // The two German reports share Erdbeben, Chile, starkes; the English pair shares nothing: the oracle is perfect.
    expect(b.report.perLanguage.get('de')?.recall).toBe(1);
    expect(b.oracle.report.sameLanguage.f1).toBe(1);
  });
});

describe('dated sets', () => {
  it('replays every article through SQLite into a cluster, including empty and undated ones', () => {
    const d = loadEventArticles(path.join(fixtures, 'events'), 'events');
    const labels = replay(replayOrder(d, 1), d.overrides, 2);
    expect(labels).toHaveLength(6);
    for (const label of labels) expect(label).toMatch(/^\d+$/);
  });

  it('gives the baseline its 3-day window on a dated set, and none when asked', () => {
    const report = (id: string, label: string, time: string) => ({
      id,
      label,
      title: 'Gunman opens fire at Denver mall',
      text: 'A gunman opened fire at a Denver shopping mall, police said.',
      source: 's',
      lang: 'en',
      time,
    });
    const d: EvalDataset = {
      name: 'twin-events',
      articles: [
        report('1', 'a', '2020-01-01T00:00:00Z'),
        report('2', 'a', '2020-01-01T05:00:00Z'),
        report('3', 'b', '2020-01-11T00:00:00Z'),
      ],
      overrides: {},
      dated: true,
      pairs: null,
      problems: [],
    };
    expect(evaluateBaseline(d, 1).pairwise.f1).toBe(1);
    expect(evaluateBaseline(d, 1, null).pairwise.precision).toBeCloseTo(1 / 3);
  });
});

describe('the summary table', () => {
  it('has one Markdown row per set with both figures and the issue target', () => {
    const prf = (f1: number) => ({ precision: f1, recall: f1, f1 });
    const scores = (p: number, b: number) => ({ pairwise: prf(p), bcubed: prf(b), ari: p });
    const story = {
      perLanguage: new Map([['de', { ...prf(0.5), pairs: 4, positives: 2, truePositives: 1, falsePositives: 1 }]]),
      sameLanguage: { ...prf(0.7), pairs: 4, positives: 2, truePositives: 1, falsePositives: 1 },
      crossLanguage: { ...prf(0.3), pairs: 2, positives: 1, truePositives: 0, falsePositives: 0 },
    };
    const text = formatSummary([
      { name: 'gva-dev', newsdedup: scores(0.5, 0.8), baseline: scores(0.6, 0.9), seconds: 12.34 },
      {
        name: 'semeval-dev',
        newsdedup: null,
        baseline: { threshold: 0.2, report: story, oracle: { threshold: 0.15, report: story } },
        seconds: 1,
      },
    ]);
    expect(text).toMatchInlineSnapshot(`
      "| set | newsdedup pairwise F1 (B³ F1) | TF-IDF single pass pairwise F1 (B³ F1) | target ([9]) | time |
      |---|---|---|---|---|
      | gva-dev | 0.500 (0.800) | 0.600 (0.900) | pairwise ≥ 0.75, B³ ≥ 0.92 | 12.3 s |
      | semeval-dev | — | same-lang F1 0.700, min R 0.500 (de) at cos ≥ 0.2; oracle cos ≥ 0.150: same-lang F1 0.700, min R 0.500 (de) | same-lang F1 ≥ 0.88, every lang R ≥ 0.6 | 1.0 s |"
    `);
  });
});
