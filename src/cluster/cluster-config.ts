/**
 * The event clusterer's settings: each field with its default and the sweep behind it, the defaults, and their
 * validation.
 */
import { PipelineError } from '../model.js';
import { DEFAULT_TERM_WEIGHTS } from './event-terms.js';

/**
 * Event clustering settings. Defaults were chosen by sweeps of `node dist/eval/eval-clusters.js key=v1,v2 …` over
 * ECB+ (undated, shuffled orders) and the UCI sample (headlines, date order): one set for both, with the
 * title-only thresholds for articles that have no text.
 */
export interface EventClusterConfig {
  /**
   * Minimum cosine (TF-IDF, article vs cluster centroid) to join a cluster. Default 0.2: with settle() undoing
   * wrong joins, a lower threshold pays (ECB+, 3 orders: 0.2/0.25/0.3/0.35 → 0.917/0.916/0.901/0.883 pairwise F1),
   * and on the six sets 0.25 → 0.2 lifts semeval same-language F1 0.744 → 0.816 for at most 0.014 elsewhere
   * (README). Was 0.3 without settle().
   */
  threshold: number;
  /**
   * Centroid-to-centroid cosine at which two neighbouring clusters are merged (unless their members are well
   * separated, see `splitSilhouette`). Default 0.45 (ECB+ with settle(): 0.45/0.5/0.55 → 0.891/0.890/0.887).
   */
  mergeThreshold: number;
  /**
   * `threshold` for an article without text (headline only, as many feeds give). A headline has a handful of
   * terms, so its cosine to a centroid built from many headlines runs lower than a full article's. Default 0.15
   * (UCI with case evidence, titleOnlyMergeThreshold 0.2: 0.15/0.18 → 0.786/0.769; 0.12 scored 0.773 before it).
   */
  titleOnlyThreshold: number;
  /**
   * `mergeThreshold` when the article that triggers the re-check has no text. Default 0.2 (UCI with case evidence:
   * 0.2/0.22 → 0.786/0.775 pairwise F1; it trades precision for recall: 0.3 gave P 0.79 R 0.69 before it). With
   * mergeResidual 0.2, mean over UCI replays in batches of 10/20/25/30/40: 0.16/0.18/0.2/0.22 → 0.767/0.777/0.790/0.790.
   */
  titleOnlyMergeThreshold: number;
  /**
   * A merge (see `mergeThreshold`) also needs this share of the centroid cosine to remain once the one term that
   * contributes most to it is set aside: two clusters whose likeness rests on a single shared word (a company's
   * name heading two of its different stories: "Google SDK …" and "Google pays $15 per referral") stay apart;
   * 0 = off. It matters for headline-only clusters, whose few terms let one name carry the whole cosine; full-text
   * centroids share many terms (ECB+ is unchanged up to 0.3). Default 0.2, the middle of a plateau: UCI replayed in
   * batches of 10/20/25/30/40, mean pairwise F1 0 → 0.775, 0.1 → 0.777, 0.15 → 0.787, 0.2 → 0.790, 0.25 → 0.788,
   * 0.3 → 0.781 (precision up ~0.03, recall down ~0.01, and less dependent on the batch size).
   */
  mergeResidual: number;
  /**
   * An article joins a cluster at `threshold` when its time lies within this many hours of the cluster's robust
   * coverage span (see `spanQuantile`); null = no time window at all. Default 72.
   */
  windowHours: number | null;
  /**
   * The robust coverage span runs from the `spanQuantile` to the `1 − spanQuantile` quantile of the members' times,
   * so that one stray join can drag neither end (a hard window from the newest member lets a cluster creep forward
   * one join at a time). Default 0.1.
   */
  spanQuantile: number;
  /**
   * A join that would stretch a cluster's robust span beyond this many hours is a follow-up (see
   * `followUpThreshold`): a hub cannot absorb a recurring look-alike topic for weeks at the ordinary threshold.
   * Default 168 (7 days).
   */
  storySpanHours: number;
  /**
   * Follow-up coverage (a trial, an anniversary) may rejoin its story up to this many hours outside the cluster's
   * robust span, if its similarity reaches `followUpThreshold`. Default 1440 (60 days).
   */
  followUpHours: number;
  /**
   * Similarity a follow-up needs (outside the window, or stretching the span beyond `storySpanHours`): its names
   * and places must agree, not just its topic. Default 0.45.
   */
  followUpThreshold: number;
  /**
   * A follow-up also needs this cosine over names and figures alone (`n:` name features and tokens with digits):
   * a trial weeks later names the same suspect and town, while another story on the same topic names others.
   * 0 = not required. Default 0.5 (allsides, threshold 0.2: 0/0.35/0.5 → 0.575/0.630/0.691 with followUpThreshold
   * 0.35; giveme5w1h 0.743/0.737/0.688: see the README).
   */
  followUpNames: number;
  /** Weight of a headline occurrence. Default 3. */
  titleWeight: number;
  /** Weight of an occurrence in the lead (the first `leadTokens` tokens of the text). Default 2. */
  leadWeight: number;
  /** Weight of any other body occurrence. Default 1. */
  bodyWeight: number;
  /** Lead length in tokens. Default 60. */
  leadTokens: number;
  /** Extra multiplier of a capitalised multi-word name. Default 1.5. */
  nameWeight: number;
  /** Extra multiplier of a token with a digit. Default 2. */
  numberWeight: number;
  /**
   * Extra multiplier of a capitalised word inside a sentence (proper nouns); where a capital says nothing (Title
   * Case headline, sentence start) the corpus's case evidence scales it (see `caseSmoothing`). Default 3 (with the
   * case evidence, 3/4/5: UCI 0.786/0.774/~0.79, ECB+ 3 orders 0.925/0.919/0.903 pairwise F1).
   */
  properNounWeight: number;
  /** Cut tokens to this many characters, a language-neutral light stemmer; 0 = off. Default 0. */
  stemLength: number;
  /** 1 = Snowball stemming in the article's language (see stemmers.ts); 0 = words whole. Default 0 (see the README: it costs ECB+ and UCI). */
  stemming: number;
  /** 1 = Chinese, Japanese and Thai words from Intl.Segmenter; 0 = character bigrams. Default 0 (see the README). */
  segmentWords: number;
  /** Weight of each part of a compound word (German, Dutch, Nordic; see event-terms.ts); 0 = off. Default 0. */
  compoundParts: number;
  /**
   * Pseudo-count of lower-case evidence when the corpus decides whether a token whose capital says nothing (Title
   * Case headline, sentence start) is a name: it gets `1 + (properNounWeight − 1) · C / (C + L + caseSmoothing)`,
   * C and L the earlier documents (this one included) that had the term capitalised / lower-case inside a
   * sentence-case sentence. The same evidence (share ≥ 0.5) makes such tokens part of multi-word name features.
   * Default 1 (UCI, properNounWeight 3: 0.5/1/3 → 0.769/0.786/0.767 pairwise F1). Before case evidence: UCI 0.745,
   * ECB+ 0.916; with it 0.786 and 0.925.
   */
  caseSmoothing: number;
  /** Weight of a single capitalised word inside a sentence as a name feature (0 = off). Default 0. */
  singleNameWeight: number;
  /**
   * Share of the similarity that comes from names and figures alone (`n:` features and tokens with digits):
   * `(1 − b)·cos(all terms) + b·cos(names and figures)`. Similar events share vocabulary but not names. Default 0.
   */
  entityBlend: number;
  /** IDF is raised to this power: above 1 stresses rare terms (names, places) over topic vocabulary. Default 1. */
  idfPower: number;
  /**
   * What an outlet repeats across its own articles (its name, its CMS blocks, "Please enable Javascript to watch
   * this video") is no evidence that two of its articles report one event. The stream learns, per source, in which
   * share s of its earlier articles each term appeared; a term above `sourceRepeatShare` keeps `(1 − s) / (1 −
   * sourceRepeatShare)` of its weight in the article's event vector (none at s = 1). Below it nothing changes: an
   * outlet's own run of reports on one story repeats the story's terms too, in far fewer of its articles.
   * 1 = off. Default 0.5 (see the README's sweep).
   */
  sourceRepeatShare: number;
  /** A source's term shares are used once it has this many earlier articles (fewer say nothing). Default 4. */
  sourceMinDocs: number;
  /** Terms kept per article (the heaviest by TF-IDF): its stored vector and centroid contribution. Default 48. */
  articleTerms: number;
  /** Terms in the LSH sketch (the heaviest by TF-IDF). Default 12. */
  sketchTerms: number;
  /** Jaccard threshold of the sketch's LSH (low: candidate search is tuned for recall). Default 0.1. */
  lshThreshold: number;
  /** MinHash permutations of the sketch. Default 32. */
  numPerm: number;
  /** Candidate clusters compared per article (those sharing most bands first). Default 24. */
  maxCandidates: number;
  /** Clusters read per band key, newest first (bounds a common term's lookup). Default 64. */
  perKeyLimit: number;
  /** Centroid terms kept per cluster (the heaviest by TF-IDF). Default 300. */
  maxCentroidTerms: number;
  /** Neighbouring clusters re-checked with each touched cluster by settle()'s k-means step (0 = none). Default 3. */
  rebalanceNeighbours: number;
  /** Newest members per cluster re-checked (each may move to a neighbour it fits clearly better). Default 32. */
  rebalanceMembers: number;
  /**
   * A member (on update, or in a k-means re-check) moves only when another cluster beats its own (without it) by
   * this much cosine. Default 0.05 (ECB+ with settle(): 0.05 → 0.895, 0.1 → 0.892).
   */
  reassignMargin: number;
  /**
   * settle(): a touched cluster is split in two when the best two-way split of its members (2-means, see
   * twoMeans) has a mean silhouette of at least this (per member: cosine to its own half without itself minus
   * cosine to the other half, over the larger of the two; 1 = never split). The same test keeps two neighbouring
   * clusters apart when their centroids converge (a merge that settle() would undo). Silhouette is scale-free: it
   * asks whether the members form two groups, not how much topic vocabulary the groups share (two earthquakes
   * share most of theirs). Default 0.4 (ECB+ sweep 0.3/0.35/0.4/0.45/0.5: 0.4 best; lower splits real events).
   */
  splitSilhouette: number;
  /**
   * `splitSilhouette` for clusters made only of headline-only articles. Headlines of one story differ in wording
   * more than bodies do, so splitting needs a clearer separation, and the merge guard is not applied to them (on
   * the UCI sample it blocked merges of one story's fragments: recall 0.80 → 0.61-0.68). Default 0.7 (UCI sweep
   * 0.6/0.7/0.8/never: pairwise F1 0.742/0.751/0.743/0.740; with case evidence 0.6/0.7/0.8: 0.760/0.786/0.760).
   */
  titleOnlySplitSilhouette: number;
  /**
   * settle(): each side of a split must hold at least this many members (duplicate groups count once); smaller
   * strays are left to the k-means reassignment. Default 3 (ECB+: 2 → 0.908, 3 → 0.916 pairwise F1).
   */
  splitMinSize: number;
  /** settle(): newest members of a touched cluster examined for a split (bounds the cost). Default 128. */
  settleMembers: number;
  /**
   * 1 = the join decision is the learned model of join-weights.ts (learned-join.ts; fit by `npm run fit:clusters`
   * on the labelled sets, features in join-features.ts): the candidate with the highest probability joins when it
   * reaches `joinProbability`. 0 = the cosine ≥ `threshold` rule. Default 1: on all six sets it scores at least the
   * cosine rule's figures (README, "Event clusters").
   */
  learnedJoin: number;
  /** The learned model's probability a join needs. Default 0.5 (a fitted probability, not a tuned cut). */
  joinProbability: number;
  /** 1 = the learned join also decides follow-ups; 0 = a follow-up must still pass `followUpThreshold` and `followUpNames`. */
  learnedFollowUps: number;
  /**
   * 1 = a k-means move (rebalance, settle) is the learned join decision too: a member moves to a neighbour when
   * the model gives it at least `joinProbability` there and more than in its own cluster judged without it (size,
   * time gap, outlet share and all); 0 = the cosine rule (beat the own cluster by `reassignMargin`). Headline-only
   * members keep the cosine rule. Default 1, with `learnedMerges` (alone it wins allsides and loses giveme5w1h;
   * the merges then win the recall back: README, "Event clusters").
   */
  learnedMoves: number;
  /** With `learnedMoves`, how much the neighbour's probability must exceed the own cluster's. Default 0 (0.1, 0.2 cost allsides 0.005, 0.013). */
  moveMargin: number;
  /**
   * 1 = settle() also merges whole clusters by the learned merge model of merge-weights.ts (learned-merge.ts; fit
   * by `npm run fit:clusters -- --merges`, features in merge-features.ts): a touched cluster merges with the LSH
   * neighbour of its centroid the model likes best when that reaches `mergeProbability`, up to `followUpHours`
   * apart. Two clusters carry more evidence than one article, so the coverage of one event split by the stream's
   * order or by wording can meet again days or weeks later. 0 = only the cosine re-check (`mergeThreshold`).
   * Default 1.
   */
  learnedMerges: number;
  /** The learned merge model's probability a merge needs. Default 0.5 (a fitted probability, not a tuned cut). */
  mergeProbability: number;
}
/** The defaults (see each field). */
export const DEFAULT_EVENT_CLUSTER_CONFIG: EventClusterConfig = {
  threshold: 0.2,
  mergeThreshold: 0.45,
  titleOnlyThreshold: 0.15,
  titleOnlyMergeThreshold: 0.2,
  mergeResidual: 0.2,
  windowHours: 72,
  spanQuantile: 0.1,
  storySpanHours: 168,
  followUpHours: 1440,
  followUpThreshold: 0.45,
  followUpNames: 0.5,
  titleWeight: DEFAULT_TERM_WEIGHTS.title,
  leadWeight: DEFAULT_TERM_WEIGHTS.lead,
  bodyWeight: DEFAULT_TERM_WEIGHTS.body,
  leadTokens: DEFAULT_TERM_WEIGHTS.leadTokens,
  nameWeight: DEFAULT_TERM_WEIGHTS.name,
  numberWeight: DEFAULT_TERM_WEIGHTS.number,
  properNounWeight: DEFAULT_TERM_WEIGHTS.properNoun,
  stemLength: DEFAULT_TERM_WEIGHTS.stemLength,
  stemming: DEFAULT_TERM_WEIGHTS.stemming,
  segmentWords: DEFAULT_TERM_WEIGHTS.segmentWords,
  compoundParts: DEFAULT_TERM_WEIGHTS.compoundParts,
  caseSmoothing: DEFAULT_TERM_WEIGHTS.caseSmoothing,
  singleNameWeight: DEFAULT_TERM_WEIGHTS.singleName,
  entityBlend: 0,
  idfPower: 1,
  sourceRepeatShare: 0.5,
  sourceMinDocs: 4,
  articleTerms: 48,
  sketchTerms: 12,
  lshThreshold: 0.1,
  numPerm: 32,
  maxCandidates: 24,
  perKeyLimit: 64,
  maxCentroidTerms: 300,
  reassignMargin: 0.05,
  rebalanceNeighbours: 3,
  rebalanceMembers: 32,
  splitSilhouette: 0.4,
  titleOnlySplitSilhouette: 0.7,
  splitMinSize: 3,
  settleMembers: 128,
  learnedJoin: 1,
  joinProbability: 0.5,
  learnedFollowUps: 0,
  learnedMoves: 1,
  moveMargin: 0,
  learnedMerges: 1,
  mergeProbability: 0.5,
};

/** Rejects a config with a non-finite or negative number (or a window that is not positive) with a config error. */
export function validateClusterConfig(c: EventClusterConfig): void {
  for (const [key, value] of Object.entries(c)) {
    if (key === 'windowHours' && value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (key === 'windowHours' && value === 0)) {
      throw new PipelineError(
        'config',
        'invalid_cluster_config',
        `cluster.${key}: expected a ${key === 'windowHours' ? 'positive number or null' : 'non-negative number'}, got ${String(value)}`,
        {
          disposition: 'fatal',
        },
      );
    }
  }
}
