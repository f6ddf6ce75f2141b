/**
 * The k-means repair step: members of a cluster and its nearest neighbours move to the cluster they fit clearly
 * better, once per batch for each touched cluster (settleNeighbourhood, from settle()).
 */
import type { IndexedCluster, MemberFacts } from '../model.js';
import { bestFirst, candidateOf, centroidNeighbours, passesFollowUp, spansOverlap, timeFit } from './candidates.js';
import { cosineWithNorms, entities, entitiesOf, weightedCentroid, type WeightedCentroid } from './cluster-vectors.js';
import {
  idfFor,
  refreshRepresentative,
  similarity,
  survivorOf,
  type Candidate,
  type ClustererContext,
  type Scored,
} from './clusterer-context.js';
import { judgeCandidates } from './learned-join.js';
import { bandKeys, termSignature } from './term-sketch.js';
import { addInto, cosineWithout, norm, normalized, topK, weighted, type TermVector } from './term-vector.js';

/**
 * A local k-means step over the target and its nearest neighbours: a recent member moves to another of these
 * clusters when it reaches the join threshold there and beats its own cluster (without itself) by
 * `reassignMargin`. This repairs the early mistakes of single-pass clustering (an event's first article that
 * joined a similar event before its own cluster existed). Copies of one duplicate group never move apart.
 * Returns the clusters emptied (and so merged) by moves.
 */
export function rebalance(
  ctx: ClustererContext,
  targetId: number,
  neighbours: readonly Scored[],
  idfOf: (t: string) => number,
  threshold: number,
  now: string,
): number[] {
  if (ctx.c.rebalanceNeighbours <= 0) return [];
  const ids = [targetId, ...neighbours.map((s) => survivorOf(ctx, s.cluster.id))].filter((id, i, all) => all.indexOf(id) === i);
  const raw = new Map(ids.slice(0, ctx.c.rebalanceNeighbours + 1).map((id) => [id, ctx.index.loadCentroid(id)]));
  if (raw.size < 2) return [];
  const idf = new Map([...raw].map(([id, c]) => [id, weightedCentroid(c, idfOf)]));
  const emptied: number[] = [];
  const touched = new Set<number>();
  for (const from of raw.keys()) {
    for (const member of ctx.index.recentMembers(from, ctx.c.rebalanceMembers)) {
      if (member.copies > 1) continue;
      const to = betterHome(ctx, member.id, from, raw, idf, idfOf, threshold);
      if (to === null) continue;
      moveMember(ctx, member.id, from, to, raw, idf, idfOf);
      touched.add(from).add(to);
    }
  }
  for (const id of touched) {
    const cluster = ctx.index.getIndexedCluster(id);
    if (cluster === null) continue;
    ctx.index.refreshClusterStats(id, now);
    if ((ctx.index.getIndexedCluster(id)?.articleCount ?? 0) > 0) refreshRepresentative(ctx, id, idfOf, null);
  }
  for (const id of touched) {
    if ((ctx.index.getIndexedCluster(id)?.articleCount ?? 1) > 0) continue;
    const into = [...touched].find((other) => other !== id && (ctx.index.getIndexedCluster(other)?.articleCount ?? 0) > 0);
    if (into === undefined) continue;
    ctx.index.mergeClusterRows(into, id, null, 0, now);
    emptied.push(id);
  }
  return emptied;
}

/** The cluster a member clearly fits better than its own, or null. */
export function betterHome(
  ctx: ClustererContext,
  articleId: number,
  from: number,
  raw: ReadonlyMap<number, TermVector>,
  idf: ReadonlyMap<number, WeightedCentroid>,
  idfOf: (t: string) => number,
  threshold: number,
): number | null {
  if (ctx.c.learnedMoves < 1) return cosineHome(ctx, articleId, from, raw, idf, idfOf, threshold);
  const facts = ctx.index.memberFacts(articleId);
  if (facts === null) return null;
  // Headlines keep the cosine rule: judged by the model, UCI's headline-only moves fell from 0.788 to 0.672.
  return facts.titleOnly
    ? cosineHome(ctx, articleId, from, raw, idf, idfOf, threshold)
    : learnedHome(ctx, articleId, facts, from, raw, idf, idfOf);
}

/** betterHome by cosine: the neighbour's centroid must beat the own one (without the member) by `reassignMargin`. */
function cosineHome(
  ctx: ClustererContext,
  articleId: number,
  from: number,
  raw: ReadonlyMap<number, TermVector>,
  idf: ReadonlyMap<number, WeightedCentroid>,
  idfOf: (t: string) => number,
  threshold: number,
): number | null {
  const tf = ctx.index.loadArticleTerms(articleId);
  const v = weighted(tf, idfOf);
  const home = idf.get(from);
  if (home === undefined) return null;
  let ownSim: number;
  if (ctx.c.entityBlend > 0) {
    const own = new Map(raw.get(from));
    addInto(own, tf, -1);
    ownSim = similarity(ctx, v, weighted(own, idfOf));
  } else {
    // IDF weighting is linear, so the centroid without the member is the weighted centroid less v: no copy.
    ownSim = cosineWithout(v, home.vector, home.norm2);
  }
  const vNorm = norm(v);
  let best: number | null = null;
  let bestSim = Math.max(threshold, ownSim + ctx.c.reassignMargin);
  for (const [id, centroid] of idf) {
    if (id === from) continue;
    const sim = ctx.c.entityBlend > 0 ? similarity(ctx, v, centroid.vector) : cosineWithNorms(v, vNorm, centroid);
    if (sim >= bestSim) {
      best = id;
      bestSim = sim;
    }
  }
  return best;
}

/**
 * betterHome under `learnedMoves`: the member's own cluster (without it) and each neighbour it could join in time
 * are judged as candidates of a join (learned-join.ts), so a move meets the same bar as a join: a big topical
 * cluster does not pull members out of the small story they belong to just because its centroid is broader.
 */
function learnedHome(
  ctx: ClustererContext,
  articleId: number,
  facts: MemberFacts,
  from: number,
  raw: ReadonlyMap<number, TermVector>,
  idf: ReadonlyMap<number, WeightedCentroid>,
  idfOf: (t: string) => number,
): number | null {
  const ownRaw = raw.get(from);
  if (ownRaw === undefined) return null;
  const tf = ctx.index.loadArticleTerms(articleId);
  const vector = normalized(weighted(tf, idfOf));
  const vectorNames = entities(vector);
  const time = Date.parse(facts.time);
  const without = new Map(ownRaw);
  addInto(without, tf, -1);
  const centroids = new Map<number, TermVector>();
  const candidates: Candidate[] = [];
  for (const [id, centroid] of idf) {
    const cluster = ctx.index.getIndexedCluster(id);
    if (cluster === null) continue;
    const fit = id === from ? 'regular' : timeFit(ctx, cluster, time);
    if (fit === 'out') continue;
    const compared = id === from ? weighted(without, idfOf) : centroid.vector;
    centroids.set(id, compared);
    const names = { vector: vectorNames, centroid: id === from ? entities(compared) : entitiesOf(centroid) };
    candidates.push(candidateOf(ctx, vector, cluster, compared, fit, names));
  }
  candidates.sort(bestFirst);
  const judged = judgeCandidates(ctx, facts.source, { vector, time, titleOnly: facts.titleOnly }, candidates, centroids, {
    clusterId: from,
    centroid: without,
  });
  const own = judged.find((j) => j.candidate.cluster.id === from);
  // Alone in its cluster, the member's alternative is the new-cluster decision: the join bar itself.
  const alone = own === undefined || own.candidate.cluster.articleCount <= 1;
  let bar = Math.max(ctx.c.joinProbability, alone ? 0 : own.probability + ctx.c.moveMargin);
  let best: number | null = null;
  for (const j of judged) {
    if (j.candidate.cluster.id === from || (ctx.c.learnedFollowUps < 1 && !passesFollowUp(ctx, j.candidate))) continue;
    if (j.probability > bar) {
      bar = j.probability;
      best = j.candidate.cluster.id;
    }
  }
  return best;
}

/** Moves a member between clusters, in SQLite and in the in-memory centroids of the re-check. */
export function moveMember(
  ctx: ClustererContext,
  articleId: number,
  from: number,
  to: number,
  raw: Map<number, TermVector>,
  idf: Map<number, WeightedCentroid>,
  idfOf: (t: string) => number,
): void {
  const tf = ctx.index.loadArticleTerms(articleId);
  ctx.index.setArticleCluster(articleId, to);
  ctx.index.addToCentroid(from, tf, -1);
  ctx.index.addToCentroid(to, tf);
  const sketch = [...topK(weighted(tf, idfOf), ctx.c.sketchTerms).keys()];
  ctx.index.addBands(to, bandKeys(termSignature(sketch, ctx.c.numPerm), ctx.layout, sketch.length === 0));
  for (const [id, scale] of [
    [from, -1],
    [to, 1],
  ] as const) {
    const c = raw.get(id);
    if (c === undefined) continue;
    addInto(c, tf, scale);
    idf.set(id, weightedCentroid(c, idfOf));
  }
}

/**
 * A k-means step over a cluster and its nearest neighbours (the clusters its latest newcomer was compared with,
 * `joined`, then those found by LSH over the centroid's own sketch): each member moves to a neighbour it fits
 * clearly better than its own cluster without itself (see rebalance).
 */
export function settleNeighbourhood(ctx: ClustererContext, cluster: IndexedCluster, joined: readonly Scored[] = []): number[] {
  if (ctx.c.rebalanceNeighbours <= 0) return [];
  const idfOf = idfFor(ctx, cluster.lang);
  const { scored } = centroidNeighbours(ctx, cluster, idfOf, (other) => spansOverlap(ctx, cluster, other));
  const members = ctx.index.settleMembers(cluster.id, 1);
  const threshold = members.every((m) => m.titleOnly) ? ctx.c.titleOnlyThreshold : ctx.c.threshold;
  return rebalance(ctx, cluster.id, [...joined, ...scored], idfOf, threshold, ctx.clock().toISOString());
}
