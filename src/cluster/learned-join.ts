/**
 * The learned join decision (issue 19, `learnedJoin`): each candidate cluster's features (join-features.ts) go
 * through the logistic model of join-weights.ts, fit on the labelled sets by `npm run fit:clusters`; the likeliest
 * candidate joins when its probability reaches `joinProbability`, else the article starts a cluster. Follow-ups
 * must still pass the follow-up rule unless `learnedFollowUps` is 1. Every decision is reported to the observer in
 * either mode, so training pairs can be drawn from the clusterer's live state.
 */
import { passesFollowUp } from './candidates.js';
import { HOUR, type Candidate, type ClustererContext, type Prepared } from './clusterer-context.js';
import { joinFeatures } from './join-features.js';
import { JOIN_MODEL } from './join-weights.js';
import { predict } from './logistic.js';
import { cosine, cosineWithoutTopTerm, norm, type TermVector } from './term-vector.js';

/** The article being placed, as far as the decision needs it. */
export interface JoinArticle {
  id: number;
  source: string;
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
  const model = ctx.options.joinModel ?? JOIN_MODEL;
  const sorted = candidates.map((s) => s.similarity);
  const q = ctx.c.spanQuantile;
  const judged = candidates.map((s, rank) => {
    const centroid = centroids.get(s.cluster.id);
    const span = ctx.index.coverageSpan(s.cluster, q, 1 - q);
    const stretchHours = span === null || Number.isNaN(p.time) ? 0 : (Math.max(span.end, p.time) - Math.min(span.start, p.time)) / HOUR;
    const full = centroid === undefined ? 0 : cosine(p.vector, centroid);
    const residual = centroid === undefined || full <= 0 ? 0 : cosineWithoutTopTerm(p.vector, centroid) / full;
    const size = s.cluster.articleCount;
    const features = joinFeatures({
      similarity: s.similarity,
      entitySimilarity: s.entitySimilarity,
      residualShare: residual,
      sorted,
      rank,
      time: p.time,
      span,
      stretchHours,
      size,
      // The centroid is the sum of the members' unit vectors, so its norm over the count is their mean cosine to it.
      cohesion: size > 0 ? Math.min(1, norm(ctx.index.readCentroid(s.cluster.id)) / size) : 1,
      sourceShare: size > 0 ? ctx.index.sourceMemberCount(s.cluster.id, article.source) / size : 0,
      titleOnly: p.titleOnly,
    });
    return { candidate: s, features, probability: predict(model, features) };
  });
  ctx.options.observeJoin?.(
    article.id,
    judged.map((j) => ({ clusterId: j.candidate.cluster.id, features: j.features, probability: j.probability })),
  );
  let best: (typeof judged)[number] | null = null;
  for (const j of judged) {
    if (ctx.c.learnedFollowUps < 1 && !passesFollowUp(ctx, j.candidate)) continue;
    if (best === null || j.probability > best.probability) best = j;
  }
  return best !== null && best.probability >= ctx.c.joinProbability ? best.candidate : null;
}
