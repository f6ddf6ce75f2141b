/**
 * The split repair step: a cluster whose members form two well-separated groups (2-means + silhouette) is split in
 * two, the smaller half moving to a new cluster.
 */
import type { IndexedCluster } from '../model.js';
import { splitUnits, type SplitUnit } from './cluster-vectors.js';
import { idfFor, refreshRepresentative, type ClustererContext } from './clusterer-context.js';
import { bandKeys, termSignature } from './term-sketch.js';
import { topK, weighted } from './term-vector.js';
import { silhouette, twoMeans } from './two-means.js';

/**
 * Splits a cluster in two when its members form two well-separated groups: 2-means (twoMeans) over its newest
 * `settleMembers` members, copies of one duplicate group kept together as one unit; the split happens when its
 * mean silhouette reaches `splitSilhouette` and each side holds `splitMinSize` units. This undoes the typical single-pass mistake: an event's first articles joining a similar event
 * before their own cluster existed. The larger half keeps the id; returns the new cluster's id, or null.
 */
export function splitCluster(ctx: ClustererContext, clusterId: number): number | null {
  const cluster = ctx.index.getIndexedCluster(clusterId);
  if (cluster === null || cluster.mergedInto !== null || cluster.articleCount < 2 * ctx.c.splitMinSize) return null;
  const members = ctx.index.settleMembers(clusterId, ctx.c.settleMembers);
  const idfOf = idfFor(ctx, cluster.lang);
  const units = splitUnits(members, (id) => ctx.index.loadArticleTerms(id), idfOf);
  if (units.length < 2 * ctx.c.splitMinSize) return null;
  const side = twoMeans(units.map((u) => u.vector));
  const halves = [units.filter((_, i) => side[i] === 0), units.filter((_, i) => side[i] === 1)];
  const [a = [], b = []] = halves;
  if (a.length < ctx.c.splitMinSize || b.length < ctx.c.splitMinSize) return null;
  const minSilhouette = members.every((m) => m.titleOnly) ? ctx.c.titleOnlySplitSilhouette : ctx.c.splitSilhouette;
  if (minSilhouette >= 1 || silhouette(units.map((u) => u.vector), side) < minSilhouette) return null;
  const size = (h: readonly SplitUnit[]): number => h.reduce((n, u) => n + u.ids.length, 0);
  const moving = size(a) >= size(b) ? b : a;
  return moveToNewCluster(ctx, cluster, moving, idfOf);
}

/** Moves the given units out of a cluster into a new one (membership, centroids, bands, stats, representatives). */
export function moveToNewCluster(ctx: ClustererContext, from: IndexedCluster, units: readonly SplitUnit[], idfOf: (t: string) => number): number | null {
  const firstId = units[0]?.ids[0];
  if (firstId === undefined) return null;
  const now = ctx.clock().toISOString();
  const to = ctx.index.createCluster(firstId, from.lang, from.firstSeenAt, now);
  for (const unit of units) {
    for (const [i, id] of unit.ids.entries()) {
      const tf = unit.tfs[i];
      if (tf === undefined) continue;
      ctx.index.setArticleCluster(id, to);
      ctx.index.addToCentroid(from.id, tf, -1);
      ctx.index.addToCentroid(to, tf);
      const sketch = [...topK(weighted(tf, idfOf), ctx.c.sketchTerms).keys()];
      ctx.index.addBands(to, bandKeys(termSignature(sketch, ctx.c.numPerm), ctx.layout, sketch.length === 0));
    }
  }
  for (const id of [from.id, to]) {
    ctx.index.refreshClusterStats(id, now);
    refreshRepresentative(ctx, id, idfOf, null);
  }
  return to;
}
