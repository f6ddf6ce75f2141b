/**
 * Which clusters an article may join: LSH candidates and its duplicate group's cluster, scored by similarity and
 * filtered by how the article's time fits each cluster's coverage; and the time test two clusters pass to merge.
 */
import type { ClusterableArticle, IndexedCluster } from '../model.js';
import { entities } from './cluster-vectors.js';
import {
  HOUR,
  similarity as blendedSimilarity,
  type Candidate,
  type ClustererContext,
  type Prepared,
  type Scored,
} from './clusterer-context.js';
import { bandKeys, termSignature } from './term-sketch.js';
import { cosine, topK, weighted, type TermVector } from './term-vector.js';

/** The cluster of the article's duplicate group, when another copy was clustered already. */
export function duplicateCluster(ctx: ClustererContext, article: ClusterableArticle): IndexedCluster | null {
  if (article.duplicateGroupId === null) return null;
  const id = ctx.index.duplicateGroupCluster(article.duplicateGroupId, article.id);
  return id === null ? null : ctx.index.resolveCluster(id);
}

/**
 * Candidate clusters (LSH hits, plus the duplicate group's) up to `followUpHours` from the article's time, best
 * similarity first, follow-ups included (see passesFollowUp).
 */
export function scoreCandidates(
  ctx: ClustererContext,
  p: Prepared,
  idfOf: (t: string) => number,
  extra: IndexedCluster | null,
  centroids: Map<number, TermVector>,
): Candidate[] {
  const hits = [...ctx.index.bandCandidates(p.keys, ctx.c.perKeyLimit)]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, ctx.c.maxCandidates);
  const seen = new Set<number>();
  const scored: Candidate[] = [];
  for (const cluster of [extra, ...hits.map(([id]) => ctx.index.resolveCluster(id))]) {
    if (cluster === null || seen.has(cluster.id)) continue;
    const fit = cluster === extra ? 'regular' : timeFit(ctx, cluster, p.time);
    if (fit === 'out') continue;
    seen.add(cluster.id);
    const centroid = weighted(ctx.index.readCentroid(cluster.id), idfOf);
    centroids.set(cluster.id, centroid);
    scored.push(candidateOf(ctx, p.vector, cluster, centroid, fit));
  }
  return scored.sort(bestFirst);
}

/**
 * A cluster as a candidate for `vector`: the similarity to its (IDF-weighted) centroid and the cosine over names
 * alone. `names` passes both names parts in when the caller already has them (one member against many clusters).
 */
export function candidateOf(
  ctx: ClustererContext,
  vector: TermVector,
  cluster: IndexedCluster,
  centroid: TermVector,
  fit: Candidate['fit'],
  names: { vector: TermVector; centroid: TermVector } | null = null,
): Candidate {
  return {
    cluster,
    similarity: blendedSimilarity(ctx, vector, centroid),
    fit,
    entitySimilarity: cosine(names?.vector ?? entities(vector), names?.centroid ?? entities(centroid)),
  };
}

/** Best similarity first; ties by the older cluster, so the order never depends on how candidates were found. */
export function bestFirst(a: Scored, b: Scored): number {
  return b.similarity - a.similarity || a.cluster.id - b.cluster.id;
}

/** A follow-up (outside the window) needs its topic and its names to agree (see `followUpThreshold`). */
export function passesFollowUp(ctx: ClustererContext, s: Candidate): boolean {
  return s.fit !== 'follow_up' || (s.similarity >= ctx.c.followUpThreshold && s.entitySimilarity >= ctx.c.followUpNames);
}

/**
 * How an article's time fits a cluster's robust coverage span: `regular` within the window (and not stretching
 * the span beyond `storySpanHours`), `follow_up` up to `followUpHours` outside it (it then needs
 * `followUpThreshold`), else `out`. Always `regular` without a window or without times.
 */
export function timeFit(ctx: ClustererContext, cluster: IndexedCluster, time: number): 'regular' | 'follow_up' | 'out' {
  if (ctx.c.windowHours === null || Number.isNaN(time)) return 'regular';
  const span = ctx.index.coverageSpan(cluster, ctx.c.spanQuantile, 1 - ctx.c.spanQuantile);
  if (span === null) return 'regular';
  const gap = Math.max(0, span.start - time, time - span.end);
  if (gap > ctx.c.followUpHours * HOUR) return 'out';
  const stretched = Math.max(span.end, time) - Math.min(span.start, time);
  return gap <= ctx.c.windowHours * HOUR && stretched <= ctx.c.storySpanHours * HOUR ? 'regular' : 'follow_up';
}

/** Two clusters may merge only when their robust coverage spans lie within the window of each other. */
export function spansOverlap(ctx: ClustererContext, a: IndexedCluster, b: IndexedCluster): boolean {
  if (ctx.c.windowHours === null) return true;
  const q = ctx.c.spanQuantile;
  const sa = ctx.index.coverageSpan(a, q, 1 - q);
  const sb = ctx.index.coverageSpan(b, q, 1 - q);
  if (sa === null || sb === null) return true;
  const w = ctx.c.windowHours * HOUR;
  return sa.start - w <= sb.end && sb.start - w <= sa.end;
}

/** A cluster's LSH neighbours (found by its centroid's own sketch), with the weighted centroids compared. */
export interface Neighbourhood {
  /** The cluster's IDF-weighted centroid. */
  centroid: TermVector;
  /** Neighbours that passed `accept`, best similarity first. */
  scored: Scored[];
  /** Each neighbour's IDF-weighted centroid. */
  centroids: Map<number, TermVector>;
}

/** The live clusters sharing band keys with a cluster's centroid sketch that `accept` lets through. */
export function centroidNeighbours(
  ctx: ClustererContext,
  cluster: IndexedCluster,
  idfOf: (t: string) => number,
  accept: (other: IndexedCluster) => boolean,
): Neighbourhood {
  const centroid = weighted(ctx.index.readCentroid(cluster.id), idfOf);
  const sketch = [...topK(centroid, ctx.c.sketchTerms).keys()];
  const keys = bandKeys(termSignature(sketch, ctx.c.numPerm), ctx.layout, sketch.length === 0);
  const seen = new Set<number>([cluster.id]);
  const scored: Scored[] = [];
  const centroids = new Map<number, TermVector>();
  const hits = [...ctx.index.bandCandidates(keys, ctx.c.perKeyLimit)]
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, ctx.c.maxCandidates);
  for (const [id] of hits) {
    const other = ctx.index.resolveCluster(id);
    if (other === null || seen.has(other.id) || other.articleCount === 0 || !accept(other)) continue;
    seen.add(other.id);
    const weightedOther = weighted(ctx.index.readCentroid(other.id), idfOf);
    centroids.set(other.id, weightedOther);
    scored.push({ cluster: other, similarity: blendedSimilarity(ctx, centroid, weightedOther) });
  }
  scored.sort(bestFirst);
  return { centroid, scored, centroids };
}
