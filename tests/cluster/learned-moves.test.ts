import { afterEach, describe, expect, it } from 'vitest';
import { openEventClusterer } from '../../src/cluster/event-clusterer.js';
import { JOIN_FEATURES } from '../../src/cluster/join-features.js';
import type { LogisticModel } from '../../src/cluster/logistic.js';
import { openEventIndex } from '../../src/store/event-index.js';
import { ingest, loadFixture, partition, tempDb, type TempDb } from './cluster-db.js';

const quakes = loadFixture('two-earthquakes');
const order = ['napa-1', 'lushan-1', 'napa-2', 'lushan-2', 'napa-3', 'lushan-3', 'napa-4', 'lushan-4'];
let open: TempDb | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

/** A model that reads the similarity alone (the cosine rule without its margin), or one that never joins. */
const bySimilarity: LogisticModel = { weights: JOIN_FEATURES.map((f) => (f === 'similarity' ? 30 : 0)), bias: -6 };
const never: LogisticModel = { weights: JOIN_FEATURES.map(() => 0), bias: -20 };

function run(config: Record<string, number | null>, joinModel?: LogisticModel): string[][] {
  open?.close();
  open = tempDb();
  const clusterer = openEventClusterer(
    openEventIndex(open.db),
    { windowHours: null, learnedJoin: 0, ...config },
    undefined,
    joinModel === undefined ? {} : { joinModel },
  );
  // Each report arrives in a batch of its own (a feed with one new item), so a k-means step follows every join.
  for (const key of order) {
    ingest(
      open.db,
      clusterer,
      quakes.find((a) => a.key === key)!,
    );
    clusterer.settle();
  }
  return partition(open.db);
}

describe('learnedMoves: a k-means move is a join decision of the model', () => {
  // A low threshold lets the first Lushan report join the Napa cluster; splitting is off, so only moves act.
  const lowBar = { threshold: 0.1, splitSilhouette: 1 };
  const apart = [
    ['lushan-1', 'lushan-2', 'lushan-3', 'lushan-4'],
    ['napa-1', 'napa-2', 'napa-3', 'napa-4'],
  ];

  it('without moves the two earthquakes stay apart; the cosine rule moves members until they are one cluster', () => {
    expect(run({ ...lowBar, rebalanceNeighbours: 0 })).toEqual(apart);
    expect(run({ ...lowBar, learnedMoves: 0 })).toHaveLength(1);
  });

  it('under learnedMoves the model decides: one that never joins moves nothing, one that reads the cosine keeps them apart', () => {
    expect(run({ ...lowBar, learnedMoves: 1 }, never)).toEqual(apart);
    expect(run({ ...lowBar, learnedMoves: 1 }, bySimilarity)).toEqual(apart);
  });
});
