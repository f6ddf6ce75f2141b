import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, bcubedScores, pairwiseScores } from '../../src/eval/cluster-metrics.js';
import { loadEcbPlus, loadUci, replayOrder, seededShuffle } from '../../src/eval/datasets.js';
import { expandGrid, parseOverrides } from '../../src/eval/eval-clusters.js';
import { errorReport, formatErrorReport } from '../../src/eval/error-report.js';
import { needsPaths } from '../helpers/needs.js';

// Gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
const gold = ['a', 'a', 'a', 'b', 'b'];
const pred = ['x', 'x', 'y', 'y', 'y'];

describe('clustering metrics', () => {
  it('pairwise: true pairs 12 and 45 of predicted 12,34,35,45 and gold 12,13,23,45', () => {
    const s = pairwiseScores(gold, pred);
    expect(s.precision).toBeCloseTo(2 / 4);
    expect(s.recall).toBeCloseTo(2 / 4);
    expect(s.f1).toBeCloseTo(0.5);
  });

  it('B-cubed: per-item precision 1,1,1/3,2/3,2/3 and recall 2/3,2/3,1/3,1,1', () => {
    const s = bcubedScores(gold, pred);
    expect(s.precision).toBeCloseTo((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5);
    expect(s.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5);
  });

  it('ARI: (2 − 4·4/10) / (4 − 1.6) = 1/6', () => {
    expect(adjustedRandIndex(gold, pred)).toBeCloseTo(1 / 6);
  });

  it('scores a perfect prediction 1 whatever the label names, and all-singletons 0 pairwise recall', () => {
    const renamed = ['p', 'p', 'p', 'q', 'q'];
    expect(pairwiseScores(gold, renamed).f1).toBe(1);
    expect(bcubedScores(gold, renamed).f1).toBe(1);
    expect(adjustedRandIndex(gold, renamed)).toBe(1);
    const singletons = ['1', '2', '3', '4', '5'];
    expect(pairwiseScores(gold, singletons).recall).toBe(0);
    expect(bcubedScores(gold, singletons).precision).toBe(1);
  });

  it('refuses predictions of the wrong length', () => {
    expect(() => pairwiseScores(gold, pred.slice(1))).toThrow('eval: 5 gold labels but 4 predictions');
  });
});

describe('error report', () => {
  const titles = ['a1', 'a2', 'a3', 'b1', 'b2'];

  it('names the cluster that mixes events and the event that is split, with the pair counts of pairwise F1', () => {
    const report = errorReport(gold, pred, titles, 10);
    // y holds a3, b1, b2: pairs a3-b1 and a3-b2 are false; a is split 2 + 1: pairs a1-a3 and a2-a3 are missed.
    expect(report.falsePairs).toBe(2);
    expect(report.missedPairs).toBe(2);
    expect(report.mixed).toEqual([
      {
        predicted: 'y',
        size: 3,
        falsePairs: 2,
        parts: [
          { label: 'b', count: 2, labelSize: 2, example: 'b1' },
          { label: 'a', count: 1, labelSize: 3, example: 'a1' },
        ],
      },
    ]);
    expect(report.split).toEqual([
      {
        label: 'a',
        size: 3,
        missedPairs: 2,
        example: 'a1',
        parts: [
          { predicted: 'x', count: 2 },
          { predicted: 'y', count: 1 },
        ],
      },
    ]);
  });

  it('counts the missed pairs a merge step could win and the F1 a perfect one would reach', () => {
    // The split of a in x / y is not between a's own clusters (y holds mostly b): only a move could fix it.
    const mixedUp = errorReport(gold, pred, titles, 10);
    expect(mixedUp.missedBetweenOwnClusters).toBe(0);
    expect(mixedUp.mergeBoundF1).toBeCloseTo(0.5);
    // a split cleanly in two clusters of two: its 4 cross pairs are a merge's to win, and merging gives F1 1.
    const clean = errorReport(['a', 'a', 'a', 'a', 'b', 'b'], ['1', '1', '2', '2', '3', '3'], ['t', 't', 't', 't', 't', 't'], 10);
    expect(clean.missedPairs).toBe(4);
    expect(clean.missedBetweenOwnClusters).toBe(4);
    expect(clean.mergeBoundF1).toBe(1);
    expect(formatErrorReport('set', clean)).toContain('4 of the false-negative pairs lie between clusters');
  });

  it('agrees with pairwise precision and recall on the totals', () => {
    const g = ['a', 'a', 'b', 'b', 'b', 'c', 'c', 'a'];
    const p = ['1', '2', '1', '1', '3', '3', '3', '2'];
    const report = errorReport(g, p, g, 10);
    const s = pairwiseScores(g, p);
    // 3 predicted-together pairs are true (b-b, c-c, a-a) of 3 + 1 + 3 = 7.
    expect(report.falsePairs).toBe(4);
    expect(1 - s.precision).toBeCloseTo(4 / 7);
    expect(report.missedPairs).toBe(4);
    expect(1 - s.recall).toBeCloseTo(4 / 7);
  });

  it('reports nothing for a perfect prediction, keeps the top N, and refuses mismatched lengths', () => {
    expect(errorReport(gold, ['p', 'p', 'p', 'q', 'q'], titles, 10)).toEqual({
      falsePairs: 0,
      missedPairs: 0,
      missedBetweenOwnClusters: 0,
      mergeBoundF1: 1,
      mixed: [],
      split: [],
    });
    expect(errorReport(gold, ['x', 'x', 'x', 'x', 'x'], titles, 0).mixed).toEqual([]);
    expect(() => errorReport(gold, pred, titles.slice(1), 10)).toThrow('eval: 5 gold labels, 5 predictions and 4 titles');
  });

  it('prints each offender with its shares', () => {
    expect(formatErrorReport('toy', errorReport(gold, pred, titles, 10))).toMatchInlineSnapshot(`
      "toy: 2 false-positive pairs, 2 false-negative pairs
        0 of the false-negative pairs lie between clusters that each hold mostly the pair's event; merging every cluster into its majority event would give pairwise F1 0.500
        clusters mixing events (false-positive pairs):
          cluster y: 3 articles, 2 false pairs
            2 of 2  b1
            1 of 3  a1
        events split over clusters (false-negative pairs):
          3 articles, 2 missed pairs  a1
            in clusters x:2 y:1"
    `);
  });
});

describe('eval command line', () => {
  it('parses config overrides and rejects unknown keys', () => {
    expect(parseOverrides(['threshold=0.4', 'windowHours=null'])).toEqual({ threshold: 0.4, windowHours: null });
    expect(() => parseOverrides(['thresold=0.4'])).toThrow('unknown config key "thresold"');
    expect(() => parseOverrides(['threshold=abc'])).toThrow('threshold must be a number, got "abc"');
  });

  it('expands a sweep grid', () => {
    expect(expandGrid(['a=1,2', 'b=3'])).toEqual([
      ['a=1', 'b=3'],
      ['a=2', 'b=3'],
    ]);
  });

  it('shuffles deterministically', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(seededShuffle(items, 3)).toEqual(seededShuffle(items, 3));
    expect([...seededShuffle(items, 3)].sort()).toEqual(items);
  });
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');

const evalSets = needsPaths('evaluation datasets', [path.join(dataDir, 'ecbplus-dev'), path.join(dataDir, 'uci-news-sample')]);
describe.skipIf(evalSets.skip)(evalSets.title, () => {
  it('loads ECB+ as undated headline + body articles with 46 event labels', () => {
    const ecb = loadEcbPlus(path.join(dataDir, 'ecbplus-dev'));
    expect(ecb.articles).toHaveLength(535);
    expect(new Set(ecb.articles.map((a) => a.label)).size).toBe(46);
    expect(ecb.dated).toBe(false);
    expect(ecb.overrides).toEqual({ windowHours: null });
    expect(ecb.articles.every((a) => a.title !== '' && !a.title.includes('\n'))).toBe(true);
  });

  it('loads the UCI sample as dated, title-only articles replayed in date order', () => {
    const uci = loadUci(path.join(dataDir, 'uci-news-sample'));
    expect(uci.articles).toHaveLength(6366);
    expect(new Set(uci.articles.map((a) => a.label)).size).toBe(87);
    expect(uci.articles.every((a) => a.text === '' && a.time !== null)).toBe(true);
    const order = replayOrder(uci, 1).map((a) => a.time ?? '');
    expect(order).toEqual([...order].sort());
  });
});
