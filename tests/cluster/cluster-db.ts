// Helpers for the cluster tests: a real SQLite file in a temp dir, fixture articles, inserting + assigning.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleInput } from '../../src/model.js';
import { insertArticle } from '../../src/store/articles.js';
import type { Database } from '../../src/store/database.js';
import type { ClusterAssignment, EventClusterer } from '../../src/cluster/event-clusterer.js';
import { articleInput } from '../helpers/article-input.js';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-db.js';

export interface FixtureArticle {
  key: string;
  event: string;
  source: string;
  time: string;
  title: string;
  text: string;
  /** Syndicated copies share a duplicate group (set as the duplicate index would). */
  duplicateGroup?: number;
}

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cluster');

export function loadFixture(name: string): FixtureArticle[] {
  const raw: unknown = JSON.parse(readFileSync(path.join(fixtures, name, 'articles.json'), 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`fixture ${name} is not an array`);
  return raw.map((row: unknown): FixtureArticle => {
    const get = (k: string): string => {
      const v: unknown = typeof row === 'object' && row !== null ? Reflect.get(row, k) : undefined;
      if (typeof v !== 'string') throw new Error(`fixture ${name}: ${k} missing`);
      return v;
    };
    return { key: get('key'), event: get('event'), source: get('source'), time: get('time'), title: get('title'), text: get('text') };
  });
}

/** A fresh database per cluster test (see tests/helpers/temp-db.ts). */
export type TempDb = TempDatabase;

export function tempDb(): TempDb {
  return openTempDatabase({ prefix: 'newsdedup-cluster-test-', name: 'test.sqlite' });
}

function input(a: FixtureArticle): ArticleInput {
  return articleInput(a.key, {
    source: a.source,
    url: `https://${a.source.toLowerCase().replace(/\W+/g, '-')}.example/${a.key}`,
    title: a.title,
    text: a.text,
    lang: 'en',
    publishedAt: a.time,
  });
}

/** Inserts an article row (with its duplicate group, if any) and assigns it, as run does. Returns the row id. */
export function ingest(db: Database, clusterer: EventClusterer, a: FixtureArticle): { id: number; assignment: ClusterAssignment } {
  const id = insertArticle(db, input(a), `hash-${a.key}`, new Date(a.time));
  const group = a.duplicateGroup ?? null;
  if (group !== null) {
    // The group row first: articles.duplicate_group_id references duplicate_groups(id).
    db.prepare('INSERT OR IGNORE INTO duplicate_groups (id, canonical_article_id, first_seen_at) VALUES (?, ?, ?)').run(group, id, a.time);
    db.prepare('UPDATE articles SET duplicate_group_id = ? WHERE id = ?').run(group, id);
  }
  const assignment = clusterer.assign({
    id,
    title: a.title,
    text: a.text,
    lang: 'en',
    time: a.time,
    source: a.source,
    duplicateGroupId: group,
  });
  return { id, assignment };
}

/** The partition produced: sets of fixture keys, sorted, so two runs compare with toEqual. */
export function partition(db: Database): string[][] {
  const rows = db.prepare('SELECT item_key AS key, cluster_id AS cluster FROM articles ORDER BY item_key').all();
  const groups = new Map<number, string[]>();
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const key: unknown = Reflect.get(row, 'key');
    const cluster: unknown = Reflect.get(row, 'cluster');
    if (typeof key !== 'string' || typeof cluster !== 'number') throw new Error(`article ${String(key)} has no cluster`);
    groups.set(cluster, [...(groups.get(cluster) ?? []), key]);
  }
  return [...groups.values()].map((keys) => keys.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** A deterministic shuffle for arrival-order tests. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    const a = out[i];
    const b = out[j];
    if (a !== undefined && b !== undefined) {
      out[i] = b;
      out[j] = a;
    }
  }
  return out;
}
