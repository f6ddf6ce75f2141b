import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  bcubedScores,
  expandGrid,
  loadEcbPlus,
  loadUci,
  pairwiseScores,
  parseOverrides,
  replayOrder,
  seededShuffle,
} from '../../src/eval/eval-clusters.js';

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

describe.skipIf(!existsSync(path.join(dataDir, 'ecbplus-dev')) || !existsSync(path.join(dataDir, 'uci-news-sample')))(
  'evaluation datasets (skipped: ../shared/data is not present)',
  () => {
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
  },
);
