/**
 * Streaming event clustering: the second level above near-duplicate groups.
 *
 * Each article becomes a TF-IDF vector over its event terms (event-terms.ts). Candidate clusters come from LSH
 * over its most distinctive terms (recall-tuned) and from its duplicate group; the decision uses the cosine to
 * each candidate's centroid within a time window. The article joins the best cluster above the threshold, else
 * starts a new one. Centroids (not first members) and a neighbourhood re-check that merges clusters whose
 * centroids converged keep the result close to order-independent; a merge whose likeness rests on one shared term
 * (a company's name heading two of its stories) is refused.
 *
 * A one-pass join decision cannot tell an event's first article from a sibling event's (two earthquakes share
 * most vocabulary): it joins the sibling before its own cluster exists. settle(), run once per batch (per feed
 * transaction), repairs that: it splits a touched cluster whose members form two well-separated groups
 * (2-means + silhouette), moves strays to a neighbour they fit better (k-means step), and the same silhouette test
 * keeps converged-but-separated clusters from merging back.
 */
import type { ClusterableArticle } from '../model.js';
import { duplicateCluster, passesFollowUp, scoreCandidates } from './candidates.js';
import { DEFAULT_EVENT_CLUSTER_CONFIG, validateClusterConfig, type EventClusterConfig } from './cluster-config.js';
import {
  idfFor,
  refreshRepresentative,
  similarity,
  survivorOf,
  type ClustererContext,
  type ClustererOptions,
  type Prepared,
  type Scored,
} from './clusterer-context.js';
import type { EventIndex } from './event-index-port.js';
import { DEFAULT_TERM_WEIGHTS, eventTerms, type TermWeights } from './event-terms.js';
import { learnedChoice } from './learned-join.js';
import { learnedMerges } from './learned-merge.js';
import { mergeNeighbours } from './merge-neighbours.js';
import { settleNeighbourhood } from './rebalance.js';
import { splitCluster } from './split-cluster.js';
import { bandKeys, lshLayout, termSignature, type LshLayout } from './term-sketch.js';
import { normalized, topK, weighted, type TermVector } from './term-vector.js';

/** The outcome of assigning one article. */
export interface ClusterAssignment {
  /** The (surviving) cluster the article is now in. */
  clusterId: number;
  /** True when the article started a new cluster. */
  created: boolean;
  /** Clusters merged into `clusterId` because of this article. */
  mergedFrom: number[];
}

/** Assigns stored articles to event clusters. */
export interface EventClusterer {
  /** Assigns an already-inserted article (row in `articles`) to an event cluster; sets articles.cluster_id. */
  assign(article: ClusterableArticle): ClusterAssignment;
  /** For an updated article: re-evaluate its membership (keeps it unless it clearly belongs elsewhere). */
  reassign(article: ClusterableArticle): ClusterAssignment;
  /**
   * Refines the clusters touched by assign/reassign since the last call: splits a cluster whose members form two
   * well-separated groups, then lets members of each touched cluster (and of new halves) move to an LSH neighbour
   * they fit clearly better; then writes the batch's term counts, which wait in memory until then (the index's
   * flush). Call it once at the end of each batch (each feed), inside the same write transaction, before it
   * commits: without it the batch's document frequencies are not stored. Cheap when nothing was touched; bounded
   * by `settleMembers` and `rebalanceMembers` per touched cluster.
   */
  settle(): SettleResult;
}

/** What a settle() call changed. */
export interface SettleResult {
  /** Clusters created by splitting a touched cluster. */
  created: number[];
  /** Clusters emptied by moving their members to a better-fitting neighbour (merged into it). */
  mergedFrom: number[];
}

export type { ClustererOptions, JoinCandidate, JoinObserver } from './clusterer-context.js';

/**
 * Opens a clusterer on an event index (store/event-index.ts's openEventIndex over a database whose schema includes
 * CLUSTER_SCHEMA_SQL). `clock` stamps the rows it writes (created/updated times); decisions use the articles' own times.
 * `options` hands it a join model other than the committed one, or an observer of its join decisions (fit:clusters).
 */
export function openEventClusterer(
  index: EventIndex,
  config: Partial<EventClusterConfig> = {},
  clock: () => Date = () => new Date(),
  options: ClustererOptions = {},
): EventClusterer {
  const c: EventClusterConfig = { ...DEFAULT_EVENT_CLUSTER_CONFIG, ...config };
  validateClusterConfig(c);
  const ctx = new StreamingClusterer(index, c, clock, options);
  return {
    assign: (article) => ctx.assign(article),
    reassign: (article) => ctx.reassign(article),
    settle: () => ctx.settle(),
  };
}

/** Touched clusters remembered for settle() at most (a batch is one feed's new items, far fewer). */
const MAX_TOUCHED = 4096;

/** The clusterer's state (see ClustererContext) and the touched set; its steps live in the files it imports. */
class StreamingClusterer implements ClustererContext {
  readonly weights: TermWeights;
  readonly layout: LshLayout;
  /** Clusters an assignment touched since the last settle() (capped: a caller that never settles leaks nothing). */
  private readonly touched = new Set<number>();
  /**
   * The candidates of the latest article each touched cluster took in (the clusters it was compared with): settle()
   * runs the k-means step over them too, once per batch instead of after every join.
   */
  private readonly joinNeighbours = new Map<number, readonly Scored[]>();

  constructor(
    readonly index: EventIndex,
    readonly c: EventClusterConfig,
    readonly clock: () => Date,
    readonly options: ClustererOptions,
  ) {
    this.weights = {
      title: c.titleWeight,
      lead: c.leadWeight,
      body: c.bodyWeight,
      leadTokens: c.leadTokens,
      name: c.nameWeight,
      number: c.numberWeight,
      properNoun: c.properNounWeight,
      singleName: c.singleNameWeight,
      stemLength: c.stemLength,
      stemming: c.stemming,
      segmentWords: c.segmentWords,
      compoundParts: c.compoundParts,
      caseSmoothing: c.caseSmoothing,
      maxChars: DEFAULT_TERM_WEIGHTS.maxChars,
    };
    this.layout = lshLayout(c.lshThreshold, c.numPerm);
  }

  assign(article: ClusterableArticle): ClusterAssignment {
    return this.touch(this.assignOnce(article));
  }

  reassign(article: ClusterableArticle): ClusterAssignment {
    return this.touch(this.reassignOnce(article));
  }

  private touch(result: ClusterAssignment): ClusterAssignment {
    if (this.touched.size >= MAX_TOUCHED) {
      this.touched.clear();
      this.joinNeighbours.clear();
    }
    this.touched.add(result.clusterId);
    return result;
  }

  settle(): SettleResult {
    const ids = [...new Set([...this.touched].map((id) => survivorOf(this, id)))].sort((a, b) => a - b);
    const neighbours = new Map<number, Scored[]>();
    for (const [id, scored] of this.joinNeighbours) {
      const survivor = survivorOf(this, id);
      neighbours.set(survivor, [...(neighbours.get(survivor) ?? []), ...scored]);
    }
    this.touched.clear();
    this.joinNeighbours.clear();
    const created: number[] = [];
    for (const id of ids) {
      const half = splitCluster(this, id);
      if (half !== null) created.push(half);
    }
    const mergedFrom: number[] = [];
    for (const id of [...ids, ...created]) {
      const cluster = this.index.resolveCluster(id);
      if (cluster === null || cluster.articleCount === 0) continue;
      mergedFrom.push(...settleNeighbourhood(this, cluster, neighbours.get(cluster.id) ?? []));
    }
    for (const id of [...ids, ...created]) {
      const cluster = this.index.resolveCluster(id);
      if (cluster === null || cluster.articleCount === 0) continue;
      mergedFrom.push(...learnedMerges(this, cluster));
    }
    // Once per batch, inside the caller's transaction: each (corpus, term) the batch counted is written once.
    this.index.flush();
    return { created, mergedFrom };
  }

  private assignOnce(article: ClusterableArticle): ClusterAssignment {
    const p = this.prepare(article, true);
    const idfOf = idfFor(this, p.lang);
    const dupCluster = duplicateCluster(this, article);
    const centroids = new Map<number, TermVector>();
    const candidates = scoreCandidates(this, p, idfOf, dupCluster, centroids);
    // The duplicate group's cluster wins outright: the model runs for it only when an observer collects pairs.
    const judge = dupCluster === null || this.options.observeJoin !== undefined;
    const learned = judge ? learnedChoice(this, { id: article.id, source: article.source }, p, candidates, centroids) : null;
    // The merge re-check and settle()'s k-means moves see the same neighbours under either join decision.
    const scored = candidates.filter((s) => passesFollowUp(this, s));
    const useModel = this.c.learnedJoin >= 1;
    const best = dupCluster !== null ? { cluster: dupCluster, similarity: 1 } : useModel ? learned : (scored[0] ?? null);
    if (best === null || (!useModel && best.similarity < p.threshold)) {
      const now = this.clock().toISOString();
      const id = this.index.createCluster(article.id, p.lang, article.time, now);
      this.join(id, article.id, p, idfOf, now);
      const mergedFrom = mergeNeighbours(this, id, article.id, scored, idfOf, centroids, p.mergeThreshold, now);
      this.joinNeighbours.set(id, scored);
      return { clusterId: survivorOf(this, id), created: true, mergedFrom };
    }
    const now = this.clock().toISOString();
    this.join(best.cluster.id, article.id, p, idfOf, now);
    const others = scored.filter((s) => s.cluster.id !== best.cluster.id);
    const mergedFrom = mergeNeighbours(this, best.cluster.id, article.id, others, idfOf, centroids, p.mergeThreshold, now);
    this.joinNeighbours.set(best.cluster.id, others);
    return { clusterId: survivorOf(this, best.cluster.id), created: false, mergedFrom };
  }

  private reassignOnce(article: ClusterableArticle): ClusterAssignment {
    const currentId = this.index.articleCluster(article.id);
    const current = currentId === null ? null : this.index.resolveCluster(currentId);
    if (current === null) return this.assignOnce(article);
    const p = this.prepare(article, false);
    const idfOf = idfFor(this, p.lang);
    const now = this.clock().toISOString();
    this.index.addToCentroid(current.id, this.index.loadArticleTerms(article.id), -1);
    const alone = current.articleCount <= 1;
    const own = alone ? 0 : similarity(this, p.vector, weighted(this.index.readCentroid(current.id), idfOf));
    const other =
      scoreCandidates(this, p, idfOf, null, new Map()).find((s) => s.cluster.id !== current.id && passesFollowUp(this, s)) ?? null;
    const moves =
      other !== null && other.similarity >= p.threshold && (alone || (own < p.threshold && other.similarity > own + this.c.reassignMargin));
    if (!moves || other === null) {
      this.join(current.id, article.id, p, idfOf, now);
      return { clusterId: current.id, created: false, mergedFrom: [] };
    }
    this.join(other.cluster.id, article.id, p, idfOf, now);
    if (alone) {
      this.index.mergeClusterRows(other.cluster.id, current.id, article.id, other.similarity, now);
      return { clusterId: other.cluster.id, created: false, mergedFrom: [current.id] };
    }
    this.index.refreshClusterStats(current.id, now);
    refreshRepresentative(this, current.id, idfOf, null);
    return { clusterId: other.cluster.id, created: false, mergedFrom: [] };
  }

  /** Builds the article's vectors; counts its terms into the document frequencies for a new article. */
  private prepare(article: ClusterableArticle, countTerms: boolean): Prepared {
    const terms = eventTerms(article.title, article.text, article.lang, this.weights, (lang) => (term) => this.index.termCases(lang, term));
    if (countTerms) {
      this.index.addDocumentTerms(terms.lang, terms.tf.keys());
      if (this.c.sourceRepeatShare < 1) this.index.addDocumentTerms(this.index.sourceCorpus(article.source), terms.tf.keys());
      this.index.addTermCases(terms.lang, terms.capitalised, terms.lowercase);
    }
    const own = this.sourceWeights(article.source);
    const sourceTf = own === null ? terms.tf : weighted(terms.tf, own);
    const idfOf = idfFor(this, terms.lang);
    const kept = topK(weighted(sourceTf, idfOf), this.c.articleTerms);
    const tf = normalized(new Map([...kept.keys()].map((t) => [t, sourceTf.get(t) ?? 0])));
    const sketch = [...topK(kept, this.c.sketchTerms).keys()];
    const keys = bandKeys(termSignature(sketch, this.c.numPerm), this.layout, sketch.length === 0);
    const titleOnly = article.text.trim() === '';
    return {
      lang: terms.lang,
      tf,
      vector: normalized(kept),
      keys,
      time: Date.parse(article.time),
      titleOnly,
      threshold: titleOnly ? this.c.titleOnlyThreshold : this.c.threshold,
      mergeThreshold: titleOnly ? this.c.titleOnlyMergeThreshold : this.c.mergeThreshold,
    };
  }

  /**
   * How much of each term an article of `source` keeps in its event representation (see `sourceRepeatShare`): s is
   * the share of the source's earlier articles that had the term (the article itself left out). Applied to the
   * stored vector, so the outlet's boilerplate never enters a centroid and every later comparison (joins, merges,
   * splits, k-means moves) is free of it. Null while the source has too few earlier articles to say.
   */
  private sourceWeights(source: string): ((term: string) => number) | null {
    const floor = this.c.sourceRepeatShare;
    if (floor >= 1) return null;
    const key = this.index.sourceCorpus(source);
    const earlier = this.index.corpusDocs(key) - 1;
    if (earlier < this.c.sourceMinDocs) return null;
    const sourceDf = this.index.dfLookup(key);
    return (term) => Math.min(1, Math.max(0, 1 - Math.max(0, sourceDf(term) - 1) / earlier) / (1 - floor));
  }

  /** Puts an article into a cluster: membership, stored vector, centroid, band keys, stats, representative. */
  private join(clusterId: number, articleId: number, p: Prepared, idfOf: (t: string) => number, now: string): void {
    const before = this.index.articleCluster(articleId);
    this.index.setArticleCluster(articleId, clusterId);
    this.index.saveArticleTerms(articleId, p.tf);
    this.index.addToCentroid(clusterId, p.tf);
    this.index.addBands(clusterId, p.keys);
    // A newcomer is counted in without reading the other members; an article re-joining its own cluster is not new.
    if (before === clusterId) this.index.refreshClusterStats(clusterId, now);
    else this.index.addToClusterStats(clusterId, articleId, now);
    this.boundCentroid(clusterId, idfOf);
    refreshRepresentative(this, clusterId, idfOf, articleId);
  }

  /** Prunes a centroid back to `maxCentroidTerms` once it grows half as large again (amortised cost). */
  private boundCentroid(clusterId: number, idfOf: (t: string) => number): void {
    const centroid = this.index.readCentroid(clusterId);
    if (centroid.size <= this.c.maxCentroidTerms * 1.5) return;
    this.index.pruneCentroid(clusterId, new Set(topK(weighted(centroid, idfOf), this.c.maxCentroidTerms).keys()));
  }
}
