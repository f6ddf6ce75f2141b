import { describe, expect, it } from 'vitest';
import { scoreCorpus, scorePage, tokenize } from '../../src/eval/aeb-metric.js';

describe('the AEB metric', () => {
  it('tokenizes runs of letters, digits and underscore, keeping case', () => {
    expect(tokenize('Héllo, wörld_1! 2,5 — Ünïcode')).toEqual(['Héllo', 'wörld_1', '2', '5', 'Ünïcode']);
  });

  it.each([
    ['a b c d e', 'a b c d e', { tp: 2, fp: 0, fn: 0, exact: true }],
    ['a b c d e f', 'a b c d e', { tp: 2, fp: 1, fn: 0, exact: false }],
    ['a b', 'a b', { tp: 1, fp: 0, fn: 0, exact: true }],
    ['', 'a b c d', { tp: 0, fp: 0, fn: 1, exact: false }],
    ['a b c d a b c d', 'a b c d', { tp: 1, fp: 4, fn: 0, exact: false }],
  ])('scorePage(%j, %j)', (predicted, truth, expected) => {
    expect(scorePage(predicted, truth)).toEqual(expected);
  });

  it('averages precision over non-empty predictions and recall over non-empty truths', () => {
    const score = scoreCorpus([
      { tp: 1, fp: 1, fn: 0, exact: false },
      { tp: 0, fp: 0, fn: 2, exact: false },
      { tp: 3, fp: 0, fn: 1, exact: true },
    ]);
    expect(score.precision).toBeCloseTo(0.75);
    expect(score.recall).toBeCloseTo((1 + 0 + 0.75) / 3);
    expect(score.accuracy).toBeCloseTo(1 / 3);
  });
});
