import { afterEach, describe, expect, it } from 'vitest';
import type { JoinCandidate } from '../../src/cluster/clusterer-context.js';
import { openEventClusterer } from '../../src/cluster/event-clusterer.js';
import type { LogisticModel } from '../../src/cluster/logistic.js';
import { MERGE_FEATURES } from '../../src/cluster/merge-features.js';
import { openEventIndex } from '../../src/store/event-index.js';
import { ingest, loadFixture, partition, tempDb, type TempDb } from './cluster-db.js';

const quakes = loadFixture('two-earthquakes');
const order = ['napa-1', 'lushan-1', 'napa-2', 'lushan-2', 'napa-3', 'lushan-3', 'napa-4', 'lushan-4'];
let open: TempDb | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

/** A model that reads the centroid similarity alone, one that merges anything it is shown, and one that never merges. */
const bySimilarity: LogisticModel = { weights: MERGE_FEATURES.map((f) => (f === 'similarity' ? 30 : 0)), bias: -4.5 };
const always: LogisticModel = { weights: MERGE_FEATURES.map(() => 0), bias: 20 };
const never: LogisticModel = { weights: MERGE_FEATURES.map(() => 0), bias: -20 };

interface Observed {
  clusterId: number;
  candidates: readonly JoinCandidate[];
}

/**
 * Every article arrives as its own cluster: the join bar is out of reach and the other settle steps are off, so
 * whatever comes together does so by the learned merge step alone.
 */
const singletons = { threshold: 0.99, mergeThreshold: 0.99, rebalanceNeighbours: 0, splitSilhouette: 1, learnedJoin: 0 };

function run(config: Record<string, number | null>, mergeModel?: LogisticModel, seen?: Observed[]): string[][] {
  open?.close();
  open = tempDb();
  const clusterer = openEventClusterer(openEventIndex(open.db), { windowHours: null, ...singletons, ...config }, undefined, {
    ...(mergeModel === undefined ? {} : { mergeModel }),
    ...(seen === undefined ? {} : { observeMerge: (clusterId, candidates) => seen.push({ clusterId, candidates }) }),
  });
  for (const key of order)
    ingest(
      open.db,
      clusterer,
      quakes.find((a) => a.key === key)!,
    );
  clusterer.settle();
  return partition(open.db);
}

const apart = [
  ['lushan-1', 'lushan-2', 'lushan-3', 'lushan-4'],
  ['napa-1', 'napa-2', 'napa-3', 'napa-4'],
];

describe('learnedMerges: whole clusters of one event meet again, look-alike events stay apart', () => {
  it('without the step, or with a model that never merges, every report stays on its own', () => {
    expect(run({ learnedMerges: 0 })).toHaveLength(order.length);
    expect(run({ learnedMerges: 1 }, never)).toHaveLength(order.length);
  });

  it('the model decides: one that merges anything glues the two earthquakes, one that reads similarity keeps them apart', () => {
    expect(run({ learnedMerges: 1 }, always).length).toBeLessThan(apart.length);
    expect(run({ learnedMerges: 1 }, bySimilarity)).toEqual(apart);
  });

  it('the committed model never puts a Napa report with a Sichuan report', () => {
    const clusters = run({ learnedMerges: 1 });
    expect(clusters.length).toBeLessThan(order.length);
    for (const c of clusters) expect(new Set(c.map((k) => k.split('-')[0])).size).toBe(1);
  });

  it('the observer sees every decision with its features and probability, whether or not the step merges', () => {
    const seen: Observed[] = [];
    expect(run({ learnedMerges: 0 }, bySimilarity, seen)).toHaveLength(order.length);
    expect(seen.length).toBeGreaterThan(0);
    const judged = seen.flatMap((s) => s.candidates);
    expect(judged.length).toBeGreaterThan(0);
    for (const j of judged) {
      expect(j.features).toHaveLength(MERGE_FEATURES.length);
      expect(j.probability).toBeGreaterThanOrEqual(0);
      expect(j.probability).toBeLessThanOrEqual(1);
    }
    // Same-event neighbours are likelier than the other earthquake's under a model that reads similarity.
    const keyOf = new Map<number, string>();
    for (const row of open!.db.prepare('SELECT item_key AS key, cluster_id AS id FROM articles').all() as { key: string; id: number }[])
      keyOf.set(row.id, row.key.split('-')[0]!);
    const same = seen.flatMap((s) => s.candidates.filter((c) => keyOf.get(c.clusterId) === keyOf.get(s.clusterId)));
    const other = seen.flatMap((s) => s.candidates.filter((c) => keyOf.get(c.clusterId) !== keyOf.get(s.clusterId)));
    expect(same.length).toBeGreaterThan(0);
    const mean = (xs: readonly JoinCandidate[]): number => xs.reduce((s, x) => s + x.probability, 0) / Math.max(1, xs.length);
    expect(mean(same)).toBeGreaterThan(mean(other));
  });
});
