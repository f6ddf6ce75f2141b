/**
 * The seeded store of the read-side tests (cluster queries, search, export, stats): four clusters and seven
 * articles as the clusterer and the near-duplicate index would leave them, written straight in (store-rows.ts).
 */
import type Database from 'better-sqlite3';
import { addArticle, addCluster } from './store-rows.js';

/** 2026-11-24 at hour `h` UTC, as stored (ISO 8601). */
export const hour = (h: number): string => new Date(Date.UTC(2026, 10, 24, h)).toISOString();

/**
 * Cluster 1: three outlets (a wire story with its copy in duplicate group 1, folded); 2: two outlets; 3: one
 * outlet; 4: merged into 1.
 */
export function seedStories(db: Database.Database): void {
  db.transaction(() => {
    addCluster(db, { id: 1, headline: 'Harbour budget', lastUpdatedAt: hour(9), articles: 4, outlets: 3 });
    addCluster(db, { id: 2, headline: 'Warehouse fire', lastUpdatedAt: hour(12), articles: 2, outlets: 2 });
    addCluster(db, { id: 3, headline: 'New school', lastUpdatedAt: hour(11), articles: 1, outlets: 1 });
    addCluster(db, { id: 4, headline: 'Harbour vote', mergedInto: 1, articles: 0, outlets: 0 });
    db.prepare(`INSERT INTO cluster_merges (survivor_id, merged_id, similarity, merged_at) VALUES (1, 4, 0.4, ?)`).run(hour(8));
    addArticle(db, 'wire', {
      source: 'Alpha',
      cluster: 1,
      group: 1,
      publishedAt: hour(1),
      url: 'https://alpha.example/wire',
      title: 'Harbour budget approved',
      text: 'The council approved the harbour budget.',
    });
    addArticle(db, 'copy', {
      source: 'Beta',
      cluster: 1,
      group: 1,
      publishedAt: hour(2),
      url: 'https://beta.example/copy',
      title: 'Harbour budget approved',
      text: 'The council approved the harbour budget.',
    });
    addArticle(db, 'own', {
      source: 'Gamma',
      cluster: 1,
      publishedAt: hour(3),
      title: 'Ferry fares frozen',
      text: 'Commuters keep their fares.',
    });
    addArticle(db, 'early', {
      source: 'Gamma',
      cluster: 1,
      publishedAt: hour(0),
      title: 'Dredging debate',
      text: 'The harbour needs dredging.',
    });
    addArticle(db, 'fire-a', {
      source: 'Alpha',
      cluster: 2,
      publishedAt: hour(12),
      title: 'Warehouse fire',
      text: 'A timber warehouse burned.',
    });
    addArticle(db, 'fire-b', {
      source: 'Beta',
      cluster: 2,
      publishedAt: hour(12),
      title: 'Fire near the station',
      text: 'Smoke closed the road.',
    });
    addArticle(db, 'school', { source: 'Alpha', cluster: 3, seenAt: hour(11), title: 'New school', text: 'A school on the depot site.' });
  })();
}
