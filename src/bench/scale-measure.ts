/**
 * What bench-scale measures at a checkpoint, besides the ingest figures: the database's bytes per article, the
 * latency of the read paths people use (the functions behind `clusters --since 24h`, `cluster ID`, `search`, and the
 * web's story and stories pages through the server `serve` builds), and the clusters against the stream's known events.
 */
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { pairwiseScores, bcubedScores, type Prf } from '../eval/cluster-metrics.js';
import { getCluster, listClusters } from '../store/cluster-queries.js';
import { searchArticles } from '../store/search.js';
import { ReadonlyStore } from '../web/readonly-store.js';
import { buildWebServer } from '../web/server.js';
import { mulberry32 } from './seeded-random.js';

/** p50 latency (ms) of each read path over {@link QUERY_CALLS} calls. */
export interface QueryFigures {
  clustersSince24h: number;
  clusterById: number;
  search: number;
  storyPage: number;
  storiesPage24h: number;
}

/** Timed calls per read path (after two untimed ones). */
export const QUERY_CALLS = 20;
const DAY = 86_400_000;

/** The database file's bytes (with its WAL, after a checkpoint folds the WAL in). */
export function databaseBytes(db: Database.Database, file: string): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const size = (name: string) => {
    try {
      return statSync(name).size;
    } catch {
      return 0;
    }
  };
  return size(file) + size(`${file}-wal`);
}

/** Bytes per table and index (SQLite's dbstat), biggest first; empty when dbstat is not compiled in. */
export function bytesByTable(db: Database.Database, top = 10): Array<{ name: string; bytes: number }> {
  try {
    return db
      .prepare<[number], { name: string; bytes: number }>(
        'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT ?',
      )
      .all(top);
  } catch {
    return [];
  }
}

/** Times each read path at the stream's current simulated time `nowMs`. */
export async function measureQueries(db: Database.Database, file: string, nowMs: number, seed: number): Promise<QueryFigures> {
  const random = mulberry32(seed);
  const ids = storyIds(db, random);
  const words = searchQueries(db, random);
  const now = new Date(nowMs);
  const clustersSince24h = p50(() => listClusters(db, { since: new Date(nowMs - DAY), minOutlets: 1, limit: 20 }));
  const clusterById = p50((i) => getCluster(db, ids[i % ids.length] ?? 1));
  const search = p50((i) => searchArticles(db, words[i % words.length] ?? 'news', { limit: 20 }));
  const store = new ReadonlyStore(file);
  const app = buildWebServer({ store, now: () => now });
  try {
    const page = async (url: string) => {
      const response = await app.inject({ url, headers: { host: '127.0.0.1' } });
      if (response.statusCode !== 200) throw new Error(`bench-scale: ${url} answered ${response.statusCode}`);
    };
    const storyPage = await p50Async((i) => page(`/stories/${ids[i % ids.length] ?? 1}`));
    const storiesPage24h = await p50Async(() => page('/?since=24h'));
    return { clustersSince24h, clusterById, search, storyPage, storiesPage24h };
  } finally {
    await app.close();
    store.close();
  }
}

/** Stories of 2+ articles picked at random (seeded): what someone opens from the list. */
function storyIds(db: Database.Database, random: () => number): number[] {
  const max = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM clusters').get()?.id ?? 0;
  const next = db.prepare<[number], { id: number }>(
    'SELECT id FROM clusters WHERE id >= ? AND merged_into IS NULL AND article_count >= 2 ORDER BY id LIMIT 1',
  );
  const ids: number[] = [];
  for (let i = 0; i < QUERY_CALLS; i++) {
    const row = next.get(1 + Math.floor(random() * max));
    if (row) ids.push(row.id);
  }
  return ids.length > 0 ? ids : [1];
}

/** Two-word queries from the headlines of random stored articles (their two longest words). */
function searchQueries(db: Database.Database, random: () => number): string[] {
  const max = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM articles').get()?.id ?? 0;
  const title = db.prepare<[number], { title: string }>('SELECT title FROM articles WHERE id >= ? ORDER BY id LIMIT 1');
  const queries: string[] = [];
  for (let i = 0; i < QUERY_CALLS; i++) {
    const words = (title.get(1 + Math.floor(random() * max))?.title ?? '').match(/\p{L}{4,}/gu) ?? [];
    const longest = [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, 2);
    if (longest.length > 0) queries.push(longest.join(' '));
  }
  return queries;
}

function p50(call: (i: number) => unknown): number {
  call(0);
  call(1);
  const times: number[] = [];
  for (let i = 0; i < QUERY_CALLS; i++) {
    const start = performance.now();
    call(i);
    times.push(performance.now() - start);
  }
  return quantile(times, 0.5);
}

async function p50Async(call: (i: number) => Promise<unknown>): Promise<number> {
  await call(0);
  await call(1);
  const times: number[] = [];
  for (let i = 0; i < QUERY_CALLS; i++) {
    const start = performance.now();
    await call(i);
    times.push(performance.now() - start);
  }
  return quantile(times, 0.5);
}

/** The value at `share` (0-1) of the sorted values (nearest rank); NaN for none. */
export function quantile(values: readonly number[] | Float64Array, share: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

/** How the stored clusters match the stream's known events. */
export interface QualityFigures {
  pairwise: Prf;
  bcubed: Prf;
  clusters: number;
  events: number;
}

/** Scores every stored article's cluster against its known event (the import id is the stream index). */
export function measureQuality(db: Database.Database, eventOf: (index: number) => number): QualityFigures {
  const gold: string[] = [];
  const predicted: string[] = [];
  for (const row of db
    .prepare<[], { external_id: string; cluster_id: number | null }>('SELECT external_id, cluster_id FROM articles')
    .iterate()) {
    gold.push(String(eventOf(Number(row.external_id))));
    predicted.push(row.cluster_id === null ? `none:${row.external_id}` : String(row.cluster_id));
  }
  return {
    pairwise: pairwiseScores(gold, predicted),
    bcubed: bcubedScores(gold, predicted),
    clusters: new Set(predicted).size,
    events: new Set(gold).size,
  };
}
