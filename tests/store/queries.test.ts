import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getCluster, listClusters } from '../../src/store/cluster-queries.js';
import { iterateExportRows } from '../../src/store/export-rows.js';
import { listFeedStatus } from '../../src/store/feed-status.js';
import { MAX_QUERY_TERMS, MAX_TERM_CHARS, searchArticles, searchTerms, snippetOf } from '../../src/store/search.js';
import { checkDatabase, getStats } from '../../src/store/stats.js';
import { saveFeedFetch } from '../../src/store/feeds.js';
import { finishRun, startRun } from '../../src/store/runs.js';
import { addArticle, addCluster, addFeeds } from '../helpers/store-rows.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

const hour = (h: number) => new Date(Date.UTC(2026, 10, 24, h)).toISOString();

describe('store/queries', () => {
  const open = tempDatabasePerTest();

  /** Cluster 1: three outlets (a wire story with its copy, folded); 2: two outlets; 3: one outlet; 4: merged into 1. */
  const seeded = () => {
    const store = open();
    const { db } = store;
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
    return store;
  };

  it('an empty database: no clusters, no feeds, no hits, zero counts, no last run, checks ok', () => {
    const { db } = open();
    expect(listClusters(db)).toEqual([]);
    expect(getCluster(db, 1)).toBeNull();
    expect(listFeedStatus(db)).toEqual([]);
    expect([...iterateExportRows(db, true)]).toEqual([]);
    expect(searchArticles(db, 'harbour')).toEqual([]);
    expect(getStats(db)).toMatchObject({
      feeds: 0,
      feedsFailing: 0,
      feedsDisabled: 0,
      articles: 0,
      duplicates: 0,
      clusters: 0,
      multiOutletClusters: 0,
      lastRun: null,
      schemaVersion: 3,
    });
    expect(checkDatabase(db)).toEqual({
      status: 'ok',
      ok: true,
      integrity: ['ok'],
      foreignKeyViolations: 0,
      fullTextIndex: 'ok',
      schemaVersion: 3,
    });
  });

  it('lists surviving clusters by outlets, articles, then most recent, with their outlet names; filters and limit apply', () => {
    const { db } = seeded();
    expect(listClusters(db).map((c) => [c.id, c.outlets, c.outletNames])).toEqual([
      [1, 3, ['Alpha', 'Beta', 'Gamma']],
      [2, 2, ['Alpha', 'Beta']],
      [3, 1, ['Alpha']],
    ]);
    expect(listClusters(db, { minOutlets: 2 }).map((c) => c.id)).toEqual([1, 2]);
    expect(listClusters(db, { since: new Date(hour(10)) }).map((c) => c.id)).toEqual([2, 3]);
    expect(listClusters(db, { limit: 1 }).map((c) => c.id)).toEqual([1]);
  });

  it("a cluster in detail: members in time order, copies folded under the group's earliest, merged clusters named", () => {
    const { db } = seeded();
    const cluster = getCluster(db, 1);
    expect(cluster).toMatchObject({ id: 1, headline: 'Harbour budget', articles: 4, outlets: 3, mergedFrom: [4] });
    expect(cluster?.members.map((m) => [m.title, m.outlet, m.copies.map((c) => c.outlet)])).toEqual([
      ['Dredging debate', 'Gamma', []],
      ['Harbour budget approved', 'Alpha', ['Beta']],
      ['Ferry fares frozen', 'Gamma', []],
    ]);
    expect(cluster?.members[1]?.copies).toEqual([{ id: expect.any(Number), outlet: 'Beta', url: 'https://beta.example/copy' }]);
  });

  it("a merged cluster's id leads to its survivor; an unknown id and a merge cycle to null", () => {
    const { db } = seeded();
    expect(getCluster(db, 4)?.id).toBe(1);
    expect(getCluster(db, 99)).toBeNull();
    // A damaged database with a cycle must not hang the lookup.
    db.pragma('foreign_keys = OFF');
    addCluster(db, { id: 5, mergedInto: 6 });
    addCluster(db, { id: 6, mergedInto: 5 });
    expect(getCluster(db, 5)).toBeNull();
  });

  it('feed status: every stored feed in name order, with its article count and last outcome', () => {
    const { db } = open();
    addFeeds(db, ['zeta', 'alpha']);
    saveFeedFetch(db, 1, {
      now: new Date(hour(10)),
      status: 500,
      outcome: 'error',
      conditional: null,
      nextCheckAt: new Date(hour(11)),
      itemsSeen: null,
      error: { code: 'bad_status', message: 'HTTP 500' },
    });
    addArticle(db, 'a', { feedName: 'zeta' });
    expect(listFeedStatus(db)).toEqual([
      expect.objectContaining({ name: 'alpha', articles: 0, lastOutcome: null, errorCount: 0 }),
      expect.objectContaining({
        name: 'zeta',
        articles: 1,
        lastOutcome: 'error',
        lastStatus: 500,
        errorCount: 1,
        lastError: 'HTTP 500',
        nextCheckAt: hour(11),
      }),
    ]);
  });

  it('exports every article in id order, with its text only when asked', () => {
    const { db } = seeded();
    const rows = [...iterateExportRows(db, false)];
    expect(rows.map((r) => r.title)).toHaveLength(7);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    expect(rows[0]).toEqual({
      id: rows[0]?.id,
      external_id: null,
      url: 'https://alpha.example/wire',
      source: 'Alpha',
      title: 'Harbour budget approved',
      published: hour(1),
      lang: null,
      duplicate_group: 1,
      cluster: 1,
      version: 1,
    });
    expect(rows.at(-1)?.published).toBe(hour(11));
    expect([...iterateExportRows(db, true)][0]?.text).toBe('The council approved the harbour budget.');
  });

  it('search: every word must match, FTS syntax is searched for, title weighs more, `since` and `limit` apply', () => {
    const { db } = seeded();
    expect(searchArticles(db, 'harbour').map((hit) => hit.title)).toEqual([
      'Harbour budget approved',
      'Harbour budget approved',
      'Dredging debate',
    ]);
    expect(searchArticles(db, 'harbour dredging').map((hit) => hit.title)).toEqual(['Dredging debate']);
    expect(searchArticles(db, 'harbour OR fire')).toEqual([]);
    expect(searchArticles(db, '"unbalanced')).toEqual([]);
    expect(searchArticles(db, '   ')).toEqual([]);
    expect(searchArticles(db, 'harbour', { since: new Date(hour(1)), limit: 1 })).toEqual([
      {
        id: expect.any(Number),
        title: 'Harbour budget approved',
        outlet: expect.any(String),
        published: expect.any(String),
        url: expect.any(String),
        cluster: 1,
        snippet: 'The council approved the [harbour] budget.',
      },
    ]);
  });

  it('search terms: distinct ignoring case, each cut to MAX_TERM_CHARS, at most MAX_QUERY_TERMS', () => {
    expect(searchTerms('Harbour harbour HARBOUR fire')).toEqual({ terms: ['Harbour', 'fire'], truncated: false });
    expect(searchTerms('x'.repeat(MAX_TERM_CHARS + 5)).terms).toEqual(['x'.repeat(MAX_TERM_CHARS)]);
    const many = Array.from({ length: MAX_QUERY_TERMS + 3 }, (_, i) => `w${i}`).join(' ');
    expect(searchTerms(many)).toEqual({ terms: Array.from({ length: MAX_QUERY_TERMS }, (_, i) => `w${i}`), truncated: true });
    expect(searchTerms('')).toEqual({ terms: [], truncated: false });
  });

  it('snippets: the first match in context, marked; the start of the text when nothing matches', () => {
    const text = `${'lead '.repeat(40)}the harbour master said${' tail'.repeat(40)}`;
    const snippet = snippetOf(text, ['HARBOUR']);
    expect(snippet).toMatch(/^….* the \[harbour\] master said .*…$/);
    expect(snippetOf('Short text, no match.', ['harbour'])).toBe('Short text, no match.');
    expect(snippetOf('A (regex) [chars] test', ['(regex)'])).toBe('A [(regex)] [chars] test');
  });

  it('stats: duplicates are the non-canonical members of groups; multi-outlet clusters; the last run', () => {
    const { db } = seeded();
    addFeeds(db, ['alpha']);
    finishRun(
      db,
      startRun(db, new Date(hour(13))),
      {
        feedsFetched: 1,
        feedsNotModified: 0,
        feedsFailed: 1,
        feedsSkipped: 0,
        articlesNew: 7,
        articlesUpdated: 0,
        duplicates: 1,
        clustersTouched: 3,
        seconds: 2,
      },
      'completed',
      new Date(hour(14)),
    );
    expect(getStats(db)).toMatchObject({
      feeds: 1,
      articles: 7,
      duplicates: 1,
      clusters: 3,
      multiOutletClusters: 2,
      lastRun: { startedAt: hour(13), finishedAt: hour(14), status: 'completed', articlesNew: 7, feedsFailed: 1 },
    });
    expect(getStats(db).databaseBytes).toBeGreaterThan(0);
  });

  it('check: busy (not damaged) when a writer holds the lock the full-text check needs; damaged on a foreign-key violation', () => {
    const store = seeded();
    const writer = new Database(store.file);
    const reader = new Database(store.file, { timeout: 0 });
    try {
      writer.exec('BEGIN IMMEDIATE');
      expect(checkDatabase(reader)).toMatchObject({ status: 'busy', ok: false, integrity: ['ok'] });
      writer.exec('ROLLBACK');
      store.db.pragma('foreign_keys = OFF');
      store.db.exec('UPDATE articles SET cluster_id = 77 WHERE id = 1');
      expect(checkDatabase(store.db)).toMatchObject({ status: 'damaged', ok: false, foreignKeyViolations: 1 });
    } finally {
      writer.close();
      reader.close();
    }
  });
});
