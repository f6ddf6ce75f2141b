/**
 * The learned join decision (issue 19, `learnedJoin`): each candidate cluster's features (join-features.ts) go
 * through the logistic model of join-weights.ts, fit on the labelled sets by `npm run fit:clusters`; the likeliest
 * candidate joins when its probability reaches `joinProbability`, else the article starts a cluster. Follow-ups
 * must still pass the follow-up rule unless `learnedFollowUps` is 1. Every decision is reported to the observer in
 * either mode, so training pairs can be drawn from the clusterer's live state.
 */
import { passesFollowUp } from './candidates.js';
import { cohesion } from './cluster-vectors.js';
import { HOUR, type Candidate, type ClustererContext, type Prepared } from './clusterer-context.js';
import { joinFeatures } from './join-features.js';
import { JOIN_MODEL } from './join-weights.js';
import { predict } from './logistic.js';
import { cosine, cosineWithoutTopTerm, type TermVector } from './term-vector.js';

/** The article being placed, as far as the decision needs it. */
export interface JoinArticle {
  id: number;
  source: string;
}

/** What the model needs of the article being judged: its compared vector, time and kind. */
export interface JoinSubject {
  vector: TermVector;
  time: number;
  titleOnly: boolean;
}

/**
 * A candidate's facts seen without the article itself: when the article is already a member (a k-means move),
 * its own cluster is judged as it would be without it.
 */
export interface WithoutSubject {
  clusterId: number;
  /** The cluster's raw centroid less the article's own vector. */
  centroid: ReadonlyMap<string, number>;
}

/** One candidate with its feature vector and the model's probability that it holds the article's event. */
export interface Judged {
  candidate: Candidate;
  features: number[];
  probability: number;
}

/**
 * The model's probability for each candidate (same order). `centroids` holds each candidate's IDF-weighted
 * centroid, as compared; `without` describes the article's own cluster when it is a member already.
 */
export function judgeCandidates(
  ctx: ClustererContext,
  source: string,
  subject: JoinSubject,
  candidates: readonly Candidate[],
  centroids: ReadonlyMap<number, TermVector>,
  without: WithoutSubject | null = null,
): Judged[] {
  const model = ctx.options.joinModel ?? JOIN_MODEL;
  const sorted = candidates.map((s) => s.similarity);
  const q = ctx.c.spanQuantile;
  return candidates.map((s, rank) => {
    const own = without !== null && without.clusterId === s.cluster.id;
    const centroid = centroids.get(s.cluster.id);
    const span = ctx.index.coverageSpan(s.cluster, q, 1 - q);
    const time = subject.time;
    const stretchHours = span === null || Number.isNaN(time) ? 0 : (Math.max(span.end, time) - Math.min(span.start, time)) / HOUR;
    const full = centroid === undefined ? 0 : cosine(subject.vector, centroid);
    const residual = centroid === undefined || full <= 0 ? 0 : cosineWithoutTopTerm(subject.vector, centroid) / full;
    const size = s.cluster.articleCount - (own ? 1 : 0);
    const sameSource = ctx.index.sourceMemberCount(s.cluster.id, source) - (own ? 1 : 0);
    const raw = own ? without.centroid : ctx.index.readCentroid(s.cluster.id);
    const features = joinFeatures({
      similarity: s.similarity,
      entitySimilarity: s.entitySimilarity,
      residualShare: residual,
      sorted,
      rank,
      time,
      span,
      stretchHours,
      size,
      cohesion: cohesion(raw, size),
      sourceShare: size > 0 ? Math.max(0, sameSource) / size : 0,
      titleOnly: subject.titleOnly,
    });
    return { candidate: s, features, probability: predict(model, features) };
  });
}

/** The candidate the model picks (null: start a new cluster); null without a call when neither used nor observed. */
export function learnedChoice(
  ctx: ClustererContext,
  article: JoinArticle,
  p: Prepared,
  candidates: readonly Candidate[],
  centroids: ReadonlyMap<number, TermVector>,
): Candidate | null {
  if (ctx.c.learnedJoin < 1 && ctx.options.observeJoin === undefined) return null;
  const judged = judgeCandidates(ctx, article.source, p, candidates, centroids);
  ctx.options.observeJoin?.(
    article.id,
    judged.map((j) => ({ clusterId: j.candidate.cluster.id, features: j.features, probability: j.probability })),
  );
  let best: Judged | null = null;
  for (const j of judged) {
    if (ctx.c.learnedFollowUps < 1 && !passesFollowUp(ctx, j.candidate)) continue;
    if (best === null || j.probability > best.probability) best = j;
  }
  return best !== null && best.probability >= ctx.c.joinProbability ? best.candidate : null;
}
