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
import type Database from 'better-sqlite3';
import type { ClusterableArticle } from '../model.js';
import { DEFAULT_EVENT_CLUSTER_CONFIG, validateClusterConfig, type EventClusterConfig } from './cluster-config.js';
import { DEFAULT_TERM_WEIGHTS, eventTerms, type TermWeights } from './event-terms.js';
import { bandKeys, lshLayout, termSignature, type LshLayout } from './term-sketch.js';
import { silhouette, twoMeans } from './two-means.js';
import { addInto, cosine, cosineWithout, cosineWithoutTopTerm, dot, idf, norm, normalized, sumOf, topK, weighted, type ReadonlyTermVector, type TermVector } from './term-vector.js';
import {
  addBands,
  addToClusterStats,
  articleCluster,
  addDocumentTerms,
  addTermCases,
  addToCentroid,
  bandCandidates,
  clusterMemberIds,
  corpusDocs,
  coverageSpan,
  createCluster,
  dfLookup,
  duplicateGroupCluster,
  getCluster,
  loadArticleTerms,
  loadCentroid,
  mergeClusterRows,
  pruneCentroid,
  readCentroid,
  recentMembers,
  refreshClusterStats,
  resolveCluster,
  saveArticleTerms,
  setArticleCluster,
  setRepresentative,
  settleMembers,
  sourceCorpus,
  termCases,
  type ClusterRow,
} from '../store/event-index.js';

type Db = Database.Database;

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
   * they fit clearly better. Call it once at the end of each batch (each feed), inside the same write
   * transaction; optional (without it clustering stays valid, only less precise). Cheap when nothing was
   * touched; bounded by `settleMembers` and `rebalanceMembers` per touched cluster.
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

/** An article prepared for comparison. */
interface Prepared {
  lang: string;
  /** Unit term-frequency vector over the kept terms (what is stored and added to centroids). */
  tf: TermVector;
  /** Unit TF-IDF vector over the same terms (what is compared). */
  vector: TermVector;
  keys: number[];
  time: number;
  /** Join threshold for this article (title-only articles have their own). */
  threshold: number;
  /** Merge threshold for re-checks this article triggers. */
  mergeThreshold: number;
}

/** A candidate cluster with its similarity to the article. */
interface Scored {
  cluster: ClusterRow;
  similarity: number;
}

/** Opens a clusterer on a database whose schema includes CLUSTER_SCHEMA_SQL. */
/** `clock` stamps the rows it writes (created/updated times); decisions use the articles' own times. */
export function openEventClusterer(db: Db, config: Partial<EventClusterConfig> = {}, clock: () => Date = () => new Date()): EventClusterer {
  const c: EventClusterConfig = { ...DEFAULT_EVENT_CLUSTER_CONFIG, ...config };
  validateClusterConfig(c);
  const ctx = new ClusterContext(db, c, clock);
  return {
    assign: (article) => ctx.assign(article),
    reassign: (article) => ctx.reassign(article),
    settle: () => ctx.settle(),
  };
}

const HOUR = 3_600_000;

/** Touched clusters remembered for settle() at most (a batch is one feed's new items, far fewer). */
const MAX_TOUCHED = 4096;

/** The clusterer's state: configuration and derived constants only; everything else lives in SQLite. */
class ClusterContext {
  private readonly weights: TermWeights;
  private readonly layout: LshLayout;
  /** Clusters an assignment touched since the last settle() (capped: a caller that never settles leaks nothing). */
  private readonly touched = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly c: EventClusterConfig,
    private readonly clock: () => Date,
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
    if (this.touched.size >= MAX_TOUCHED) this.touched.clear();
    this.touched.add(result.clusterId);
    return result;
  }

  settle(): SettleResult {
    const ids = [...new Set([...this.touched].map((id) => this.survivorOf(id)))].sort((a, b) => a - b);
    this.touched.clear();
    const created: number[] = [];
    for (const id of ids) {
      const half = this.splitCluster(id);
      if (half !== null) created.push(half);
    }
    const mergedFrom: number[] = [];
    for (const id of [...ids, ...created]) {
      const cluster = resolveCluster(this.db, id);
      if (cluster === null || cluster.articleCount === 0) continue;
      mergedFrom.push(...this.settleNeighbourhood(cluster));
    }
    return { created, mergedFrom };
  }

  private assignOnce(article: ClusterableArticle): ClusterAssignment {
    const p = this.prepare(article, true);
    const idfOf = this.idfFor(p.lang);
    const dupCluster = this.duplicateCluster(article);
    const centroids = new Map<number, TermVector>();
    const scored = this.scoreCandidates(p, idfOf, dupCluster, centroids);
    const best = dupCluster !== null ? { cluster: dupCluster, similarity: 1 } : (scored[0] ?? null);
    if (best === null || best.similarity < p.threshold) {
      const now = this.clock().toISOString();
      const id = createCluster(this.db, article.id, p.lang, article.time, now);
      this.join(id, article.id, p, idfOf, now);
      const mergedFrom = this.mergeNeighbours(id, article.id, scored, idfOf, centroids, p.mergeThreshold, now);
      mergedFrom.push(...this.rebalance(this.survivorOf(id), scored, idfOf, p.threshold, now));
      return { clusterId: this.survivorOf(id), created: true, mergedFrom };
    }
    const now = this.clock().toISOString();
    this.join(best.cluster.id, article.id, p, idfOf, now);
    const others = scored.filter((s) => s.cluster.id !== best.cluster.id);
    const mergedFrom = this.mergeNeighbours(best.cluster.id, article.id, others, idfOf, centroids, p.mergeThreshold, now);
    mergedFrom.push(...this.rebalance(this.survivorOf(best.cluster.id), others, idfOf, p.threshold, now));
    return { clusterId: this.survivorOf(best.cluster.id), created: false, mergedFrom };
  }

  private reassignOnce(article: ClusterableArticle): ClusterAssignment {
    const currentId = articleCluster(this.db, article.id);
    const current = currentId === null ? null : resolveCluster(this.db, currentId);
    if (current === null) return this.assignOnce(article);
    const p = this.prepare(article, false);
    const idfOf = this.idfFor(p.lang);
    const now = this.clock().toISOString();
    addToCentroid(this.db, current.id, loadArticleTerms(this.db, article.id), -1);
    const alone = current.articleCount <= 1;
    const own = alone ? 0 : this.similarity(p.vector, weighted(readCentroid(this.db, current.id), idfOf));
    const other = this.scoreCandidates(p, idfOf, null, new Map()).find((s) => s.cluster.id !== current.id) ?? null;
    const moves = other !== null && other.similarity >= p.threshold && (alone || (own < p.threshold && other.similarity > own + this.c.reassignMargin));
    if (!moves || other === null) {
      this.join(current.id, article.id, p, idfOf, now);
      return { clusterId: current.id, created: false, mergedFrom: [] };
    }
    this.join(other.cluster.id, article.id, p, idfOf, now);
    if (alone) {
      mergeClusterRows(this.db, other.cluster.id, current.id, article.id, other.similarity, now);
      return { clusterId: other.cluster.id, created: false, mergedFrom: [current.id] };
    }
    refreshClusterStats(this.db, current.id, now);
    this.refreshRepresentative(current.id, idfOf, null);
    return { clusterId: other.cluster.id, created: false, mergedFrom: [] };
  }

  /** Builds the article's vectors; counts its terms into the document frequencies for a new article. */
  private prepare(article: ClusterableArticle, countTerms: boolean): Prepared {
    const terms = eventTerms(article.title, article.text, article.lang, this.weights, (lang) => (term) => termCases(this.db, lang, term));
    if (countTerms) {
      addDocumentTerms(this.db, terms.lang, terms.tf.keys());
      if (this.c.sourceRepeatShare < 1) addDocumentTerms(this.db, sourceCorpus(article.source), terms.tf.keys());
      addTermCases(this.db, terms.lang, terms.capitalised, terms.lowercase);
    }
    const own = this.sourceWeights(article.source);
    const sourceTf = own === null ? terms.tf : weighted(terms.tf, own);
    const idfOf = this.idfFor(terms.lang);
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
      threshold: titleOnly ? this.c.titleOnlyThreshold : this.c.threshold,
      mergeThreshold: titleOnly ? this.c.titleOnlyMergeThreshold : this.c.mergeThreshold,
    };
  }

  /** The IDF lookup of one language, as of now (the corpus size is read once per call). */
  private idfFor(lang: string): (term: string) => number {
    const docs = corpusDocs(this.db, lang);
    const dfOf = dfLookup(this.db, lang);
    const power = this.c.idfPower;
    return power === 1 ? (term) => idf(docs, dfOf(term)) : (term) => idf(docs, dfOf(term)) ** power;
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
    const key = sourceCorpus(source);
    const earlier = corpusDocs(this.db, key) - 1;
    if (earlier < this.c.sourceMinDocs) return null;
    const sourceDf = dfLookup(this.db, key);
    return (term) => Math.min(1, Math.max(0, 1 - Math.max(0, sourceDf(term) - 1) / earlier) / (1 - floor));
  }

  /** The cluster of the article's duplicate group, when another copy was clustered already. */
  private duplicateCluster(article: ClusterableArticle): ClusterRow | null {
    if (article.duplicateGroupId === null) return null;
    const id = duplicateGroupCluster(this.db, article.duplicateGroupId, article.id);
    return id === null ? null : resolveCluster(this.db, id);
  }

  /** Candidate clusters (LSH hits, plus the duplicate group's) within the window, best similarity first. */
  private scoreCandidates(p: Prepared, idfOf: (t: string) => number, extra: ClusterRow | null, centroids: Map<number, TermVector>): Scored[] {
    const hits = [...bandCandidates(this.db, p.keys, this.c.perKeyLimit)]
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, this.c.maxCandidates);
    const seen = new Set<number>();
    const scored: Scored[] = [];
    for (const cluster of [extra, ...hits.map(([id]) => resolveCluster(this.db, id))]) {
      if (cluster === null || seen.has(cluster.id)) continue;
      const fit = cluster === extra ? 'regular' : this.timeFit(cluster, p.time);
      if (fit === 'out') continue;
      seen.add(cluster.id);
      const centroid = weighted(readCentroid(this.db, cluster.id), idfOf);
      const similarity = this.similarity(p.vector, centroid);
      if (fit === 'follow_up' && (similarity < this.c.followUpThreshold || cosine(entities(p.vector), entities(centroid)) < this.c.followUpNames)) continue;
      centroids.set(cluster.id, centroid);
      scored.push({ cluster, similarity });
    }
    return scored.sort((a, b) => b.similarity - a.similarity || a.cluster.id - b.cluster.id);
  }

  /**
   * How an article's time fits a cluster's robust coverage span: `regular` within the window (and not stretching
   * the span beyond `storySpanHours`), `follow_up` up to `followUpHours` outside it (it then needs
   * `followUpThreshold`), else `out`. Always `regular` without a window or without times.
   */
  private timeFit(cluster: ClusterRow, time: number): 'regular' | 'follow_up' | 'out' {
    if (this.c.windowHours === null || Number.isNaN(time)) return 'regular';
    const span = coverageSpan(this.db, cluster, this.c.spanQuantile, 1 - this.c.spanQuantile);
    if (span === null) return 'regular';
    const gap = Math.max(0, span.start - time, time - span.end);
    if (gap > this.c.followUpHours * HOUR) return 'out';
    const stretched = Math.max(span.end, time) - Math.min(span.start, time);
    return gap <= this.c.windowHours * HOUR && stretched <= this.c.storySpanHours * HOUR ? 'regular' : 'follow_up';
  }

  /** Puts an article into a cluster: membership, stored vector, centroid, band keys, stats, representative. */
  private join(clusterId: number, articleId: number, p: Prepared, idfOf: (t: string) => number, now: string): void {
    const before = articleCluster(this.db, articleId);
    setArticleCluster(this.db, articleId, clusterId);
    saveArticleTerms(this.db, articleId, p.tf);
    addToCentroid(this.db, clusterId, p.tf);
    addBands(this.db, clusterId, p.keys);
    // A newcomer is counted in without reading the other members; an article re-joining its own cluster is not new.
    if (before === clusterId) refreshClusterStats(this.db, clusterId, now);
    else addToClusterStats(this.db, clusterId, articleId, now);
    this.boundCentroid(clusterId, idfOf);
    this.refreshRepresentative(clusterId, idfOf, articleId);
  }

  /** Prunes a centroid back to `maxCentroidTerms` once it grows half as large again (amortised cost). */
  private boundCentroid(clusterId: number, idfOf: (t: string) => number): void {
    const centroid = readCentroid(this.db, clusterId);
    if (centroid.size <= this.c.maxCentroidTerms * 1.5) return;
    pruneCentroid(this.db, clusterId, new Set(topK(weighted(centroid, idfOf), this.c.maxCentroidTerms).keys()));
  }

  /**
   * Keeps the most central article (highest cosine to the centroid) as representative. Small clusters are
   * re-checked in full (up to 64 members); otherwise only the newcomer is compared with the representative.
   */
  private refreshRepresentative(clusterId: number, idfOf: (t: string) => number, newcomer: number | null): void {
    const cluster = getCluster(this.db, clusterId);
    if (cluster === null) return;
    const centroid = weighted(readCentroid(this.db, clusterId), idfOf);
    const n = cluster.articleCount;
    // Full re-checks at sizes ≤ 8 and at powers of two keep the amortised cost per article constant.
    const full = n <= 8 || (n & (n - 1)) === 0 || newcomer === null || cluster.representativeArticleId === null;
    const ids = full ? clusterMemberIds(this.db, clusterId, 64) : [cluster.representativeArticleId ?? newcomer, newcomer];
    let bestId: number | null = null;
    let bestSim = -1;
    for (const id of ids) {
      const sim = this.similarity(weighted(loadArticleTerms(this.db, id), idfOf), centroid);
      if (sim > bestSim + 1e-12) {
        bestSim = sim;
        bestId = id;
      }
    }
    if (bestId !== null && bestId !== cluster.representativeArticleId) setRepresentative(this.db, clusterId, bestId);
  }

  /**
   * Re-checks the neighbourhood: candidate clusters whose centroid has converged with the target's (cosine at
   * least `mergeThreshold`, not resting on one shared term: see `mergeResidual`) are merged into it. This is what a
   * bridging article triggers, and what undoes most order effects of single-pass clustering.
   */
  private mergeNeighbours(
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
    let targetCentroid = weighted(readCentroid(this.db, targetId), idfOf);
    for (const { cluster } of others) {
      const current = getCluster(this.db, cluster.id);
      const target = getCluster(this.db, survivor);
      if (current === null || target === null || current.mergedInto !== null || current.id === target.id) continue;
      const centroid = centroids.get(current.id) ?? weighted(readCentroid(this.db, current.id), idfOf);
      const sim = this.similarity(targetCentroid, centroid);
      if (sim < mergeThreshold || cosineWithoutTopTerm(targetCentroid, centroid) < this.c.mergeResidual * sim) continue;
      if (!this.spansOverlap(target, current) || this.separated(target, current, idfOf)) continue;
      // The larger cluster survives (ties: the older), so the id users have seen most stays valid.
      const [keep, drop] = current.articleCount > target.articleCount || (current.articleCount === target.articleCount && current.id < target.id) ? [current, target] : [target, current];
      mergeClusterRows(this.db, keep.id, drop.id, articleId, sim, now);
      refreshClusterStats(this.db, keep.id, now);
      this.refreshRepresentative(keep.id, idfOf, null);
      merged.push(drop.id);
      survivor = keep.id;
      targetCentroid = weighted(readCentroid(this.db, survivor), idfOf);
    }
    return merged;
  }

  /**
   * A local k-means step over the target and its nearest neighbours: a recent member moves to another of these
   * clusters when it reaches the join threshold there and beats its own cluster (without itself) by
   * `reassignMargin`. This repairs the early mistakes of single-pass clustering (an event's first article that
   * joined a similar event before its own cluster existed). Copies of one duplicate group never move apart.
   * Returns the clusters emptied (and so merged) by moves.
   */
  private rebalance(targetId: number, neighbours: readonly Scored[], idfOf: (t: string) => number, threshold: number, now: string): number[] {
    if (this.c.rebalanceNeighbours <= 0) return [];
    const ids = [targetId, ...neighbours.map((s) => this.survivorOf(s.cluster.id))].filter((id, i, all) => all.indexOf(id) === i);
    const raw = new Map(ids.slice(0, this.c.rebalanceNeighbours + 1).map((id) => [id, loadCentroid(this.db, id)]));
    if (raw.size < 2) return [];
    const idf = new Map([...raw].map(([id, c]) => [id, weightedCentroid(c, idfOf)]));
    const emptied: number[] = [];
    const touched = new Set<number>();
    for (const from of raw.keys()) {
      for (const member of recentMembers(this.db, from, this.c.rebalanceMembers)) {
        if (member.copies > 1) continue;
        const to = this.betterHome(member.id, from, raw, idf, idfOf, threshold);
        if (to === null) continue;
        this.moveMember(member.id, from, to, raw, idf, idfOf);
        touched.add(from).add(to);
      }
    }
    for (const id of touched) {
      const cluster = getCluster(this.db, id);
      if (cluster === null) continue;
      refreshClusterStats(this.db, id, now);
      if ((getCluster(this.db, id)?.articleCount ?? 0) > 0) this.refreshRepresentative(id, idfOf, null);
    }
    for (const id of touched) {
      if ((getCluster(this.db, id)?.articleCount ?? 1) > 0) continue;
      const into = [...touched].find((other) => other !== id && (getCluster(this.db, other)?.articleCount ?? 0) > 0);
      if (into === undefined) continue;
      mergeClusterRows(this.db, into, id, null, 0, now);
      emptied.push(id);
    }
    return emptied;
  }

  /** The cluster a member clearly fits better than its own, or null. */
  private betterHome(
    articleId: number,
    from: number,
    raw: ReadonlyMap<number, TermVector>,
    idf: ReadonlyMap<number, WeightedCentroid>,
    idfOf: (t: string) => number,
    threshold: number,
  ): number | null {
    const tf = loadArticleTerms(this.db, articleId);
    const v = weighted(tf, idfOf);
    const home = idf.get(from);
    if (home === undefined) return null;
    let ownSim: number;
    if (this.c.entityBlend > 0) {
      const own = new Map(raw.get(from));
      addInto(own, tf, -1);
      ownSim = this.similarity(v, weighted(own, idfOf));
    } else {
      // IDF weighting is linear, so the centroid without the member is the weighted centroid less v: no copy.
      ownSim = cosineWithout(v, home.vector, home.norm2);
    }
    const vNorm = norm(v);
    let best: number | null = null;
    let bestSim = Math.max(threshold, ownSim + this.c.reassignMargin);
    for (const [id, centroid] of idf) {
      if (id === from) continue;
      const sim = this.c.entityBlend > 0 ? this.similarity(v, centroid.vector) : cosineWithNorms(v, vNorm, centroid);
      if (sim >= bestSim) {
        best = id;
        bestSim = sim;
      }
    }
    return best;
  }

  /** Moves a member between clusters, in SQLite and in the in-memory centroids of the re-check. */
  private moveMember(
    articleId: number,
    from: number,
    to: number,
    raw: Map<number, TermVector>,
    idf: Map<number, WeightedCentroid>,
    idfOf: (t: string) => number,
  ): void {
    const tf = loadArticleTerms(this.db, articleId);
    setArticleCluster(this.db, articleId, to);
    addToCentroid(this.db, from, tf, -1);
    addToCentroid(this.db, to, tf);
    const sketch = [...topK(weighted(tf, idfOf), this.c.sketchTerms).keys()];
    addBands(this.db, to, bandKeys(termSignature(sketch, this.c.numPerm), this.layout, sketch.length === 0));
    for (const [id, scale] of [[from, -1], [to, 1]] as const) {
      const c = raw.get(id);
      if (c === undefined) continue;
      addInto(c, tf, scale);
      idf.set(id, weightedCentroid(c, idfOf));
    }
  }

  /**
   * Splits a cluster in two when its members form two well-separated groups: 2-means (twoMeans) over its newest
   * `settleMembers` members, copies of one duplicate group kept together as one unit; the split happens when its
   * mean silhouette reaches `splitSilhouette` and each side holds `splitMinSize` units. This undoes the typical single-pass mistake: an event's first articles joining a similar event
   * before their own cluster existed. The larger half keeps the id; returns the new cluster's id, or null.
   */
  private splitCluster(clusterId: number): number | null {
    const cluster = getCluster(this.db, clusterId);
    if (cluster === null || cluster.mergedInto !== null || cluster.articleCount < 2 * this.c.splitMinSize) return null;
    const members = settleMembers(this.db, clusterId, this.c.settleMembers);
    const idfOf = this.idfFor(cluster.lang);
    const units = splitUnits(members, (id) => loadArticleTerms(this.db, id), idfOf);
    if (units.length < 2 * this.c.splitMinSize) return null;
    const side = twoMeans(units.map((u) => u.vector));
    const halves = [units.filter((_, i) => side[i] === 0), units.filter((_, i) => side[i] === 1)];
    const [a = [], b = []] = halves;
    if (a.length < this.c.splitMinSize || b.length < this.c.splitMinSize) return null;
    const minSilhouette = members.every((m) => m.titleOnly) ? this.c.titleOnlySplitSilhouette : this.c.splitSilhouette;
    if (minSilhouette >= 1 || silhouette(units.map((u) => u.vector), side) < minSilhouette) return null;
    const size = (h: readonly SplitUnit[]): number => h.reduce((n, u) => n + u.ids.length, 0);
    const moving = size(a) >= size(b) ? b : a;
    return this.moveToNewCluster(cluster, moving, idfOf);
  }

  /**
   * True when two clusters' members form well-separated groups (mean silhouette of the two as a split at least
   * `splitSilhouette`, each at least `splitMinSize` members): settle() would split them again, so they stay apart
   * even though their centroids are close (two earthquakes share most of their vocabulary, not their members).
   */
  private separated(a: ClusterRow, b: ClusterRow, idfOf: (t: string) => number): boolean {
    if (Math.min(a.articleCount, b.articleCount) < this.c.splitMinSize) return false;
    const half = Math.max(1, Math.floor(this.c.settleMembers / 2));
    const membersA = settleMembers(this.db, a.id, half);
    const membersB = settleMembers(this.db, b.id, half);
    const all = [...membersA, ...membersB];
    const minSilhouette = all.every((m) => m.titleOnly) ? 1 : this.c.splitSilhouette;
    if (minSilhouette >= 1) return false;
    const unitsA = splitUnits(membersA, (id) => loadArticleTerms(this.db, id), idfOf);
    const unitsB = splitUnits(membersB, (id) => loadArticleTerms(this.db, id), idfOf);
    if (Math.min(unitsA.length, unitsB.length) < this.c.splitMinSize) return false;
    const vectors = [...unitsA, ...unitsB].map((u) => u.vector);
    return silhouette(vectors, vectors.map((_, i) => (i < unitsA.length ? 0 : 1))) >= minSilhouette;
  }

  /**
   * A k-means step over a cluster and its nearest neighbours (found by LSH over the centroid's own sketch):
   * each member moves to a neighbour it fits clearly better than its own cluster without itself (see rebalance).
   */
  private settleNeighbourhood(cluster: ClusterRow): number[] {
    if (this.c.rebalanceNeighbours <= 0) return [];
    const idfOf = this.idfFor(cluster.lang);
    const centroid = weighted(readCentroid(this.db, cluster.id), idfOf);
    const sketch = [...topK(centroid, this.c.sketchTerms).keys()];
    const keys = bandKeys(termSignature(sketch, this.c.numPerm), this.layout, sketch.length === 0);
    const seen = new Set<number>([cluster.id]);
    const scored: Scored[] = [];
    const hits = [...bandCandidates(this.db, keys, this.c.perKeyLimit)].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, this.c.maxCandidates);
    for (const [id] of hits) {
      const other = resolveCluster(this.db, id);
      if (other === null || seen.has(other.id) || other.articleCount === 0 || !this.spansOverlap(cluster, other)) continue;
      seen.add(other.id);
      scored.push({ cluster: other, similarity: this.similarity(centroid, weighted(readCentroid(this.db, other.id), idfOf)) });
    }
    scored.sort((a, b) => b.similarity - a.similarity || a.cluster.id - b.cluster.id);
    const members = settleMembers(this.db, cluster.id, 1);
    const threshold = members.every((m) => m.titleOnly) ? this.c.titleOnlyThreshold : this.c.threshold;
    return this.rebalance(cluster.id, scored, idfOf, threshold, this.clock().toISOString());
  }

  /** Moves the given units out of a cluster into a new one (membership, centroids, bands, stats, representatives). */
  private moveToNewCluster(from: ClusterRow, units: readonly SplitUnit[], idfOf: (t: string) => number): number | null {
    const firstId = units[0]?.ids[0];
    if (firstId === undefined) return null;
    const now = this.clock().toISOString();
    const to = createCluster(this.db, firstId, from.lang, from.firstSeenAt, now);
    for (const unit of units) {
      for (const [i, id] of unit.ids.entries()) {
        const tf = unit.tfs[i];
        if (tf === undefined) continue;
        setArticleCluster(this.db, id, to);
        addToCentroid(this.db, from.id, tf, -1);
        addToCentroid(this.db, to, tf);
        const sketch = [...topK(weighted(tf, idfOf), this.c.sketchTerms).keys()];
        addBands(this.db, to, bandKeys(termSignature(sketch, this.c.numPerm), this.layout, sketch.length === 0));
      }
    }
    for (const id of [from.id, to]) {
      refreshClusterStats(this.db, id, now);
      this.refreshRepresentative(id, idfOf, null);
    }
    return to;
  }

  /** Cosine blended with the cosine over names and figures only (see `entityBlend`). */
  private similarity(a: TermVector, b: TermVector): number {
    const all = cosine(a, b);
    if (this.c.entityBlend <= 0) return all;
    return (1 - this.c.entityBlend) * all + this.c.entityBlend * cosine(entities(a), entities(b));
  }

  /** Two clusters may merge only when their robust coverage spans lie within the window of each other. */
  private spansOverlap(a: ClusterRow, b: ClusterRow): boolean {
    if (this.c.windowHours === null) return true;
    const q = this.c.spanQuantile;
    const sa = coverageSpan(this.db, a, q, 1 - q);
    const sb = coverageSpan(this.db, b, q, 1 - q);
    if (sa === null || sb === null) return true;
    const w = this.c.windowHours * HOUR;
    return sa.start - w <= sb.end && sb.start - w <= sa.end;
  }

  private survivorOf(id: number): number {
    return resolveCluster(this.db, id)?.id ?? id;
  }
}

/** An IDF-weighted centroid with its squared norm, computed once for the many members compared with it. */
interface WeightedCentroid {
  vector: TermVector;
  norm2: number;
}

function weightedCentroid(centroid: ReadonlyTermVector, idfOf: (t: string) => number): WeightedCentroid {
  const vector = weighted(centroid, idfOf);
  return { vector, norm2: norm(vector) ** 2 };
}

/** Cosine of `v` (whose norm is given) with a weighted centroid. */
function cosineWithNorms(v: ReadonlyTermVector, vNorm: number, centroid: WeightedCentroid): number {
  const d = vNorm * Math.sqrt(centroid.norm2);
  return d === 0 ? 0 : dot(v, centroid.vector) / d;
}

/** The names-and-figures part of a vector: `n:` features and tokens holding a digit. */
function entities(v: TermVector): TermVector {
  const out: TermVector = new Map();
  for (const [t, w] of v) if (t.startsWith('n:') || /\p{N}/u.test(t)) out.set(t, w);
  return out;
}

/** Members of one duplicate group (or a lone article): they move together. */
interface SplitUnit {
  ids: number[];
  tfs: ReadonlyTermVector[];
  /** Unit IDF-weighted vector of the unit's summed term frequencies. */
  vector: TermVector;
}

/** Groups members into units (one per duplicate group, else one per article) with their vectors. */
function splitUnits(
  members: readonly { id: number; groupId: number | null }[],
  load: (id: number) => ReadonlyTermVector,
  idfOf: (t: string) => number,
): SplitUnit[] {
  const byKey = new Map<string, { ids: number[]; tfs: ReadonlyTermVector[] }>();
  for (const m of members) {
    const key = m.groupId === null ? `a${m.id}` : `g${m.groupId}`;
    const unit = byKey.get(key) ?? { ids: [], tfs: [] };
    unit.ids.push(m.id);
    unit.tfs.push(load(m.id));
    byKey.set(key, unit);
  }
  return [...byKey.values()].map((u) => ({ ...u, vector: normalized(weighted(sumOf(u.tfs), idfOf)) }));
}
