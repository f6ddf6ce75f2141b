/**
 * The learned merge decision (issue 19, `learnedMerges`): once per batch, each touched cluster is compared with
 * the LSH neighbours of its centroid up to `followUpHours` apart, each pair's features (merge-features.ts) go
 * through the logistic model of merge-weights.ts, and the likeliest pair merges when it reaches `mergeProbability`.
 * Single-pass joins split an event whose reports use other words or arrive days apart; two clusters hold more
 * evidence than one article, so they can meet where no single join could. Every decision is reported to the
 * observer in either mode, so fit:clusters can draw training pairs from the clusterer's live state.
 */
import type { IndexedCluster } from '../model.js';
import { centroidNeighbours } from './candidates.js';
import { cohesion, entities } from './cluster-vectors.js';
import { HOUR, idfFor, refreshRepresentative, type ClustererContext } from './clusterer-context.js';
import { predict } from './logistic.js';
import { mergeFeatures, spanGapHours } from './merge-features.js';
import { restsOnOneTerm, separated } from './merge-neighbours.js';
import { MERGE_MODEL } from './merge-weights.js';
import { cosine, cosineWithoutTopTerm } from './term-vector.js';

/** Merges one touched cluster may take part in per settle() (each needs a fresh look at the survivor). */
const MAX_MERGES = 4;
/** Newest members sampled per cluster for the headline-only share. */
const SAMPLED_MEMBERS = 8;

/** Runs the learned merge step for one touched cluster; returns the clusters merged away. */
export function learnedMerges(ctx: ClustererContext, start: IndexedCluster): number[] {
  const use = ctx.c.learnedMerges >= 1;
  if (!use && ctx.options.observeMerge === undefined) return [];
  const merged: number[] = [];
  let cluster: IndexedCluster | null = start;
  for (let round = 0; round < MAX_MERGES && cluster !== null; round++) {
    const judged = judgeMerges(ctx, cluster);
    ctx.options.observeMerge?.(
      cluster.id,
      judged.map((j) => ({ clusterId: j.other.id, features: j.features, probability: j.probability })),
    );
    if (!use) break;
    const idfOf = idfFor(ctx, cluster.lang);
    const pick = [...judged]
      .sort((a, b) => b.probability - a.probability || a.other.id - b.other.id)
      .find((j) => j.probability >= ctx.c.mergeProbability && !j.oneTerm && !separated(ctx, cluster!, j.other, idfOf));
    if (pick === undefined) break;
    // The larger cluster survives (ties: the older), so the id users have seen most stays valid.
    const [keep, drop] =
      pick.other.articleCount > cluster.articleCount || (pick.other.articleCount === cluster.articleCount && pick.other.id < cluster.id)
        ? [pick.other, cluster]
        : [cluster, pick.other];
    const now = ctx.clock().toISOString();
    ctx.index.mergeClusterRows(keep.id, drop.id, null, pick.similarity, now);
    ctx.index.refreshClusterStats(keep.id, now);
    refreshRepresentative(ctx, keep.id, idfOf, null);
    merged.push(drop.id);
    cluster = ctx.index.getIndexedCluster(keep.id);
  }
  return merged;
}

/** One neighbour of a cluster with the pair's features and the model's probability that they hold one event. */
interface JudgedMerge {
  other: IndexedCluster;
  similarity: number;
  features: number[];
  probability: number;
  /** The likeness rests on one shared term (the same guard as the cosine re-check's): never merged. */
  oneTerm: boolean;
}

/** Judges every LSH neighbour of `cluster` within `followUpHours` of its coverage span. */
export function judgeMerges(ctx: ClustererContext, cluster: IndexedCluster): JudgedMerge[] {
  const model = ctx.options.mergeModel ?? MERGE_MODEL;
  const q = ctx.c.spanQuantile;
  const idfOf = idfFor(ctx, cluster.lang);
  const span = ctx.index.coverageSpan(cluster, q, 1 - q);
  const within = (other: IndexedCluster): boolean => {
    if (other.lang !== cluster.lang) return false;
    const otherSpan = ctx.index.coverageSpan(other, q, 1 - q);
    return span === null || otherSpan === null || spanGapHours(span, otherSpan) <= ctx.c.followUpHours;
  };
  const { centroid, scored, centroids } = centroidNeighbours(ctx, cluster, idfOf, within);
  const sorted = scored.map((s) => s.similarity);
  const ownCohesion = cohesionOf(ctx, cluster);
  const ownMembers = ctx.index.settleMembers(cluster.id, SAMPLED_MEMBERS);
  return scored.map((s, rank) => {
    const other = centroids.get(s.cluster.id)!;
    const otherSpan = ctx.index.coverageSpan(s.cluster, q, 1 - q);
    const dated = span !== null && otherSpan !== null;
    const otherMembers = ctx.index.settleMembers(s.cluster.id, SAMPLED_MEMBERS);
    const sampled = [...ownMembers, ...otherMembers];
    const full = cosine(centroid, other);
    const features = mergeFeatures({
      similarity: s.similarity,
      entitySimilarity: cosine(entities(centroid), entities(other)),
      residualShare: full <= 0 ? 0 : cosineWithoutTopTerm(centroid, other) / full,
      sorted,
      rank,
      gapHours: dated ? spanGapHours(span, otherSpan) : 0,
      spanHours: dated ? (Math.max(span.end, otherSpan.end) - Math.min(span.start, otherSpan.start)) / HOUR : 0,
      smaller: Math.min(cluster.articleCount, s.cluster.articleCount),
      larger: Math.max(cluster.articleCount, s.cluster.articleCount),
      cohesion: Math.min(ownCohesion, cohesionOf(ctx, s.cluster)),
      titleOnlyShare: sampled.length === 0 ? 0 : sampled.filter((m) => m.titleOnly).length / sampled.length,
    });
    const oneTerm = restsOnOneTerm(ctx, centroid, other, s.similarity);
    return { other: s.cluster, similarity: s.similarity, features, probability: predict(model, features), oneTerm };
  });
}

/** A cluster's cohesion (cluster-vectors.ts) from its stored centroid. */
function cohesionOf(ctx: ClustererContext, cluster: IndexedCluster): number {
  return cohesion(ctx.index.readCentroid(cluster.id), cluster.articleCount);
}
