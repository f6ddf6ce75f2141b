/**
 * What every step of the event clusterer shares: the index, the settings and constants derived from them, the
 * prepared article and scored candidate shapes, and the small decisions all steps make the same way (similarity,
 * IDF lookup, following merges, picking the representative).
 */
import type { IndexedCluster } from '../model.js';
import type { EventClusterConfig } from './cluster-config.js';
import { entities } from './cluster-vectors.js';
import type { EventIndex } from './event-index-port.js';
import type { TermWeights } from './event-terms.js';
import type { LogisticModel } from './logistic.js';
import type { LshLayout } from './term-sketch.js';
import { cosine, idf, weighted, type TermVector } from './term-vector.js';

/** The clusterer's state: configuration and derived constants only; everything else lives in the index. */
export interface ClustererContext {
  readonly index: EventIndex;
  readonly c: EventClusterConfig;
  readonly clock: () => Date;
  readonly weights: TermWeights;
  readonly layout: LshLayout;
  readonly options: ClustererOptions;
}

/** One candidate of one join decision, as the learned model sees it. */
export interface JoinCandidate {
  clusterId: number;
  features: number[];
  probability: number;
}

/** Sees every join decision (eval and fit:clusters collect training pairs with it). */
export type JoinObserver = (articleId: number, candidates: readonly JoinCandidate[]) => void;

/** Sees every learned merge decision: a touched cluster and each neighbour judged (same shape as a join's candidates). */
export type MergeObserver = (clusterId: number, candidates: readonly JoinCandidate[]) => void;

/** What the clusterer is handed besides its settings and clock. */
export interface ClustererOptions {
  /** The learned join model used when `learnedJoin` is 1 (default: the committed weights, join-weights.ts). */
  joinModel?: LogisticModel;
  observeJoin?: JoinObserver;
  /** The learned merge model used when `learnedMerges` is 1 (default: merge-weights.ts). */
  mergeModel?: LogisticModel;
  observeMerge?: MergeObserver;
}

/** One hour in milliseconds (the windows are set in hours, article times are in ms). */
export const HOUR = 3_600_000;

/** An article prepared for comparison. */
export interface Prepared {
  lang: string;
  /** Unit term-frequency vector over the kept terms (what is stored and added to centroids). */
  tf: TermVector;
  /** Unit TF-IDF vector over the same terms (what is compared). */
  vector: TermVector;
  keys: number[];
  time: number;
  /** The article has no text (headline only). */
  titleOnly: boolean;
  /** Join threshold for this article (title-only articles have their own). */
  threshold: number;
  /** Merge threshold for re-checks this article triggers. */
  mergeThreshold: number;
}

/** A candidate cluster with its similarity to the article. */
export interface Scored {
  cluster: IndexedCluster;
  similarity: number;
}

/** A scored join candidate with what the follow-up rule and the learned join look at. */
export interface Candidate extends Scored {
  fit: 'regular' | 'follow_up';
  entitySimilarity: number;
}

/** Cosine blended with the cosine over names and figures only (see `entityBlend`). */
export function similarity(ctx: ClustererContext, a: TermVector, b: TermVector): number {
  const all = cosine(a, b);
  if (ctx.c.entityBlend <= 0) return all;
  return (1 - ctx.c.entityBlend) * all + ctx.c.entityBlend * cosine(entities(a), entities(b));
}

/** The IDF lookup of one language, as of now (the corpus size is read once per call). */
export function idfFor(ctx: ClustererContext, lang: string): (term: string) => number {
  const docs = ctx.index.corpusDocs(lang);
  const dfOf = ctx.index.dfLookup(lang);
  const power = ctx.c.idfPower;
  return power === 1 ? (term) => idf(docs, dfOf(term)) : (term) => idf(docs, dfOf(term)) ** power;
}

/** The surviving cluster a (possibly merged) cluster id forwards to; the id itself when there is none. */
export function survivorOf(ctx: ClustererContext, id: number): number {
  return ctx.index.resolveCluster(id)?.id ?? id;
}

/**
 * Keeps the most central article (highest cosine to the centroid) as representative. Small clusters are
 * re-checked in full (up to 64 members); otherwise only the newcomer is compared with the representative.
 */
export function refreshRepresentative(
  ctx: ClustererContext,
  clusterId: number,
  idfOf: (t: string) => number,
  newcomer: number | null,
): void {
  const cluster = ctx.index.getIndexedCluster(clusterId);
  if (cluster === null) return;
  const centroid = weighted(ctx.index.readCentroid(clusterId), idfOf);
  const n = cluster.articleCount;
  // Full re-checks at sizes ≤ 8 and at powers of two keep the amortised cost per article constant.
  const full = n <= 8 || (n & (n - 1)) === 0 || newcomer === null || cluster.representativeArticleId === null;
  const ids = full ? ctx.index.clusterMemberIds(clusterId, 64) : [cluster.representativeArticleId ?? newcomer, newcomer];
  let bestId: number | null = null;
  let bestSim = -1;
  for (const id of ids) {
    const sim = similarity(ctx, weighted(ctx.index.loadArticleTerms(id), idfOf), centroid);
    if (sim > bestSim + 1e-12) {
      bestSim = sim;
      bestId = id;
    }
  }
  if (bestId !== null && bestId !== cluster.representativeArticleId) ctx.index.setRepresentative(clusterId, bestId);
}
