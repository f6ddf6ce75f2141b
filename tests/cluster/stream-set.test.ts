import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataRoot } from '../../src/eval/datasets.js';
import { FIT_STREAM_SEED, streamDataset } from '../../src/eval/stream-set.js';
import { needsPaths } from '../helpers/needs.js';

const root = defaultDataRoot();
const shared = needsPaths('the fit stream (fit:clusters --stream N)', [
  path.join(root, 'gva-dev'),
  path.join(root, 'allsides-dev'),
  path.join(root, 'semeval-dev'),
]);

describe.skipIf(shared.skip)(shared.title, () => {
  const fit = streamDataset(root, 600);

  it('is a dated, labelled set named after its size and seed, without pairs or problems', () => {
    expect(FIT_STREAM_SEED).not.toBe(1); // bench:scale's stream (seed 1) must stay one the fit never saw
    expect(fit.name).toBe(`scale-stream-600-seed${FIT_STREAM_SEED}`);
    expect(fit.dated).toBe(true);
    expect(fit.pairs).toBeNull();
    expect(fit.problems).toEqual([]);
    expect(fit.articles).toHaveLength(600);
    expect(new Set(fit.articles.map((a) => a.id)).size).toBe(600);
    for (const a of fit.articles) {
      expect(a.label).toMatch(/^\d+$/);
      expect(a.text.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(a.time ?? ''))).toBe(false);
    }
  });

  it('comes in time order, inside the stream’s 60 days', () => {
    const times = fit.articles.map((a) => Date.parse(a.time ?? ''));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] ?? 0);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeLessThanOrEqual(60 * 24 * 3_600_000);
  });

  it('gives events told by several outlets one label, and keeps one-report stories apart', () => {
    const sourcesOf = new Map<string, Set<string | null>>();
    for (const a of fit.articles) sourcesOf.set(a.label, (sourcesOf.get(a.label) ?? new Set()).add(a.source));
    const sizes = [...sourcesOf.values()].map((s) => s.size);
    expect(sizes.filter((n) => n >= 3).length).toBeGreaterThan(10);
    expect(sizes.filter((n) => n === 1).length).toBeGreaterThan(0);
    expect(sourcesOf.size).toBeLessThan(fit.articles.length);
  });

  it('is the same stream for a seed, and another stream for bench:scale’s seed', () => {
    const again = streamDataset(root, 600);
    expect(again.articles).toEqual(fit.articles);
    const bench = streamDataset(root, 600, 1);
    expect(bench.name).toBe('scale-stream-600-seed1');
    expect(bench.articles.map((a) => a.text)).not.toEqual(fit.articles.map((a) => a.text));
  });
});
