/**
 * The merge re-check: clusters whose centroids converged with the target's merge into it, unless their likeness
 * rests on one shared term, their coverage spans lie apart, or their members form well-separated groups.
 */
import type { IndexedCluster } from '../model.js';
import { spansOverlap } from './candidates.js';
import { splitUnits } from './cluster-vectors.js';
import { refreshRepresentative, similarity, type ClustererContext, type Scored } from './clusterer-context.js';
import { cosineWithoutTopTerm, weighted, type TermVector } from './term-vector.js';
import { silhouette } from './two-means.js';

/**
 * Re-checks the neighbourhood: candidate clusters whose centroid has converged with the target's (cosine at
 * least `mergeThreshold`, not resting on one shared term: see `mergeResidual`) are merged into it. This is what a
 * bridging article triggers, and what undoes most order effects of single-pass clustering.
 */
export function mergeNeighbours(
  ctx: ClustererContext,
  targetId: number,
  articleId: number,
  others: readonly Scored[],
  idfOf: (t: string) => number,
  centroids: ReadonlyMap<number, TermVector>,
  mergeThreshold: number,
  now: string,
): number[] {
  const merged: number[] = [];
  let survivor = targetId;
  let targetCentroid = weighted(ctx.index.readCentroid(targetId), idfOf);
  for (const { cluster } of others) {
    const current = ctx.index.getIndexedCluster(cluster.id);
    const target = ctx.index.getIndexedCluster(survivor);
    if (current === null || target === null || current.mergedInto !== null || current.id === target.id) continue;
    const centroid = centroids.get(current.id) ?? weighted(ctx.index.readCentroid(current.id), idfOf);
    const sim = similarity(ctx, targetCentroid, centroid);
    if (sim < mergeThreshold || restsOnOneTerm(ctx, targetCentroid, centroid, sim)) continue;
    if (!spansOverlap(ctx, target, current) || separated(ctx, target, current, idfOf)) continue;
    // The larger cluster survives (ties: the older), so the id users have seen most stays valid.
    const [keep, drop] =
      current.articleCount > target.articleCount || (current.articleCount === target.articleCount && current.id < target.id)
        ? [current, target]
        : [target, current];
    ctx.index.mergeClusterRows(keep.id, drop.id, articleId, sim, now);
    ctx.index.refreshClusterStats(keep.id, now);
    refreshRepresentative(ctx, keep.id, idfOf, null);
    merged.push(drop.id);
    survivor = keep.id;
    targetCentroid = weighted(ctx.index.readCentroid(survivor), idfOf);
  }
  return merged;
}

/**
 * True when two centroids' likeness `sim` rests on one shared term (without their strongest common term, less than
 * `mergeResidual` of it is left): two headline stories that share only "Google" are two stories.
 */
export function restsOnOneTerm(ctx: ClustererContext, a: TermVector, b: TermVector, sim: number): boolean {
  return cosineWithoutTopTerm(a, b) < ctx.c.mergeResidual * sim;
}

/**
 * True when two clusters' members form well-separated groups (mean silhouette of the two as a split at least
 * `splitSilhouette`, each at least `splitMinSize` members): settle() would split them again, so they stay apart
 * even though their centroids are close (two earthquakes share most of their vocabulary, not their members).
 */
export function separated(ctx: ClustererContext, a: IndexedCluster, b: IndexedCluster, idfOf: (t: string) => number): boolean {
  if (Math.min(a.articleCount, b.articleCount) < ctx.c.splitMinSize) return false;
  const half = Math.max(1, Math.floor(ctx.c.settleMembers / 2));
  const membersA = ctx.index.settleMembers(a.id, half);
  const membersB = ctx.index.settleMembers(b.id, half);
  const all = [...membersA, ...membersB];
  const minSilhouette = all.every((m) => m.titleOnly) ? 1 : ctx.c.splitSilhouette;
  if (minSilhouette >= 1) return false;
  const unitsA = splitUnits(membersA, (id) => ctx.index.loadArticleTerms(id), idfOf);
  const unitsB = splitUnits(membersB, (id) => ctx.index.loadArticleTerms(id), idfOf);
  if (Math.min(unitsA.length, unitsB.length) < ctx.c.splitMinSize) return false;
  const vectors = [...unitsA, ...unitsB].map((u) => u.vector);
  return (
    silhouette(
      vectors,
      vectors.map((_, i) => (i < unitsA.length ? 0 : 1)),
    ) >= minSilhouette
  );
}
