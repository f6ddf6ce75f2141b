/**
 * What the event clusterer reads and writes, and nothing more: the clusterer decides, the index remembers. The
 * store's `openEventIndex(db)` fits it by its shape (pipeline/ and the commands hand one over), so cluster/ never
 * imports store/. Every write joins the caller's transaction; term counts wait in memory until `flush`.
 */
import type { CoverageSpan, IndexedCluster, IndexedMember, MemberFacts, SettleMember } from '../model.js';

/** The event clusters' persistent state: term statistics, vectors, LSH bands, cluster rows and merges. */
export interface EventIndex {
  /** Counts one more document of `lang` containing each of `terms` (distinct terms, one count each). */
  addDocumentTerms(lang: string, terms: Iterable<string>): void;
  /** Counts one more document of `lang` with each of `capitalised` / `lowercase` seen so (distinct terms, one count each). */
  addTermCases(lang: string, capitalised: Iterable<string>, lowercase: Iterable<string>): void;
  /** In how many documents of `lang` a term was seen capitalised, and lower-case, inside a sentence-case sentence. */
  termCases(lang: string, term: string): { capitalised: number; lowercase: number };
  /** The corpus key of a source's own document frequencies (usable wherever a language is). */
  sourceCorpus(source: string): string;
  /** Documents counted in a corpus (a language, or a source's corpus: see sourceCorpus). */
  corpusDocs(lang: string): number;
  /** The document frequencies of one corpus as a lookup (built once per comparison pass). */
  dfLookup(lang: string): (term: string) => number;
  /**
   * Writes what the index holds in memory since the last flush (the term counts of addDocumentTerms and
   * addTermCases; reads already see them). Call it once per batch, inside the batch's write transaction, before it
   * commits; counts not flushed are not stored.
   */
  flush(): void;
  /** A cluster's centroid (sum of its members' unit term-frequency vectors); a copy the caller may change. */
  loadCentroid(clusterId: number): Map<string, number>;
  /** A cluster's centroid, read-only: valid until the next write to this cluster. */
  readCentroid(clusterId: number): ReadonlyMap<string, number>;
  /** Adds `scale × vector` (scale default 1) to a cluster's centroid; weights that fall to ~0 are deleted. */
  addToCentroid(clusterId: number, vector: ReadonlyMap<string, number>, scale?: number): void;
  /** Keeps only the given terms of a cluster's centroid (bounds its size). */
  pruneCentroid(clusterId: number, keep: ReadonlySet<string>): void;
  /** Stores an article's own term vector (replacing any previous one). */
  saveArticleTerms(articleId: number, tf: ReadonlyMap<string, number>): void;
  /** An article's stored term vector (empty when it was never clustered); read-only. */
  loadArticleTerms(articleId: number): ReadonlyMap<string, number>;
  /** Records band keys as pointing at a cluster. */
  addBands(clusterId: number, keys: readonly number[]): void;
  /** Clusters sharing band keys with the given ones, with the number of shared bands (at most `perKeyLimit` per key, newest first). */
  bandCandidates(keys: readonly number[], perKeyLimit: number): Map<number, number>;
  /** Creates an empty cluster for a first article and returns its id (stats are filled by refreshClusterStats). */
  createCluster(articleId: number, lang: string, time: string, now: string): number;
  /** A cluster row, or null. */
  getIndexedCluster(id: number): IndexedCluster | null;
  /** Follows `merged_into` forwards to the surviving cluster. */
  resolveCluster(id: number): IndexedCluster | null;
  /** An article's current cluster id, or null. */
  articleCluster(articleId: number): number | null;
  /** Sets an article's cluster. */
  setArticleCluster(articleId: number, clusterId: number): void;
  /** The cluster of another article of the same duplicate group, if one was clustered already. */
  duplicateGroupCluster(groupId: number, exceptArticleId: number): number | null;
  /** A stored article's time, source and whether it is headline-only (what a move decision needs of a member), or null. */
  memberFacts(articleId: number): MemberFacts | null;
  /** How many members of a cluster come from `source`. */
  sourceMemberCount(clusterId: number, source: string): number;
  /** Member article ids of a cluster, oldest first, at most `limit`. */
  clusterMemberIds(clusterId: number, limit: number): number[];
  /** The newest `limit` members of a cluster, with the size of their duplicate group. */
  recentMembers(clusterId: number, limit: number): IndexedMember[];
  /** Recomputes a cluster's counts and time span from its member articles. */
  refreshClusterStats(clusterId: number, now: string): void;
  /** The robust coverage span of a cluster (member times at the `low` and `high` quantiles), or null. */
  coverageSpan(cluster: { id: number; articleCount: number }, low: number, high: number): CoverageSpan | null;
  /** Counts one article that has just joined a cluster into its stats without reading the other members. */
  addToClusterStats(clusterId: number, articleId: number, now: string): void;
  /** Makes an article the cluster's representative and takes its title as the headline. */
  setRepresentative(clusterId: number, articleId: number): void;
  /** Folds `mergedId` into `survivorId` (members, centroid, bands, forwarding, the merge record); counts are the caller's. */
  mergeClusterRows(survivorId: number, mergedId: number, bridgingArticleId: number | null, similarity: number, now: string): void;
  /** The newest `limit` members of a cluster with their duplicate group and whether they are headline-only. */
  settleMembers(clusterId: number, limit: number): SettleMember[];
}
