/**
 * SQLite persistence of event clusters, as one object: term statistics (term-stats.ts), centroids, article term
 * vectors and LSH bands (event-vectors.ts), cluster rows and merges (event-clusters.ts). The object fits the
 * clusterer's `EventIndex` (cluster/event-index-port.ts) by its shape: pipeline/ hands it over, so store/ never
 * imports cluster/. Never opens a transaction (the caller's per-feed transaction wraps every call). Term counts are
 * written behind, at `flush` (term-stats.ts).
 */
import type Database from 'better-sqlite3';
import {
  addToClusterStats,
  articleCluster,
  clusterMemberIds,
  memberFacts,
  sourceMemberCount,
  coverageSpan,
  createCluster,
  duplicateGroupCluster,
  getIndexedCluster,
  mergeClusterRows,
  recentMembers,
  refreshClusterStats,
  resolveCluster,
  setArticleCluster,
  setRepresentative,
  settleMembers,
} from './event-clusters.js';
import {
  addBands,
  addToCentroid,
  bandCandidates,
  loadArticleTerms,
  loadCentroid,
  pruneCentroid,
  readCentroid,
  saveArticleTerms,
} from './event-vectors.js';
import { addDocumentTerms, addTermCases, corpusDocs, dfLookup, flushTermStats, sourceCorpus, termCases } from './term-stats.js';

/**
 * The event index of a connection: the functions of term-stats.ts, event-vectors.ts and event-clusters.ts with
 * `db` bound. Their caches are per connection, so several objects on one connection share them.
 */
export function openEventIndex(db: Database.Database) {
  return {
    addDocumentTerms: (lang: string, terms: Iterable<string>) => addDocumentTerms(db, lang, terms),
    addTermCases: (lang: string, capitalised: Iterable<string>, lowercase: Iterable<string>) =>
      addTermCases(db, lang, capitalised, lowercase),
    termCases: (lang: string, term: string) => termCases(db, lang, term),
    sourceCorpus: (source: string) => sourceCorpus(source),
    corpusDocs: (lang: string) => corpusDocs(db, lang),
    dfLookup: (lang: string) => dfLookup(db, lang),
    flush: () => flushTermStats(db),
    loadCentroid: (clusterId: number) => loadCentroid(db, clusterId),
    readCentroid: (clusterId: number) => readCentroid(db, clusterId),
    addToCentroid: (clusterId: number, vector: ReadonlyMap<string, number>, scale?: number) => addToCentroid(db, clusterId, vector, scale),
    pruneCentroid: (clusterId: number, keep: ReadonlySet<string>) => pruneCentroid(db, clusterId, keep),
    saveArticleTerms: (articleId: number, tf: ReadonlyMap<string, number>) => saveArticleTerms(db, articleId, tf),
    loadArticleTerms: (articleId: number) => loadArticleTerms(db, articleId),
    addBands: (clusterId: number, keys: readonly number[]) => addBands(db, clusterId, keys),
    bandCandidates: (keys: readonly number[], perKeyLimit: number) => bandCandidates(db, keys, perKeyLimit),
    createCluster: (articleId: number, lang: string, time: string, now: string) => createCluster(db, articleId, lang, time, now),
    getIndexedCluster: (id: number) => getIndexedCluster(db, id),
    resolveCluster: (id: number) => resolveCluster(db, id),
    articleCluster: (articleId: number) => articleCluster(db, articleId),
    setArticleCluster: (articleId: number, clusterId: number) => setArticleCluster(db, articleId, clusterId),
    duplicateGroupCluster: (groupId: number, exceptArticleId: number) => duplicateGroupCluster(db, groupId, exceptArticleId),
    clusterMemberIds: (clusterId: number, limit: number) => clusterMemberIds(db, clusterId, limit),
    memberFacts: (articleId: number) => memberFacts(db, articleId),
    sourceMemberCount: (clusterId: number, source: string) => sourceMemberCount(db, clusterId, source),
    recentMembers: (clusterId: number, limit: number) => recentMembers(db, clusterId, limit),
    refreshClusterStats: (clusterId: number, now: string) => refreshClusterStats(db, clusterId, now),
    coverageSpan: (cluster: { id: number; articleCount: number }, low: number, high: number) => coverageSpan(db, cluster, low, high),
    addToClusterStats: (clusterId: number, articleId: number, now: string) => addToClusterStats(db, clusterId, articleId, now),
    setRepresentative: (clusterId: number, articleId: number) => setRepresentative(db, clusterId, articleId),
    mergeClusterRows: (survivorId: number, mergedId: number, bridgingArticleId: number | null, similarity: number, now: string) =>
      mergeClusterRows(db, survivorId, mergedId, bridgingArticleId, similarity, now),
    settleMembers: (clusterId: number, limit: number) => settleMembers(db, clusterId, limit),
  };
}
