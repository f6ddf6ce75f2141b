import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsWeb, type NewsWeb } from '../../src/bench/news-web.js';
import { DEMO_ARTICLES } from '../../src/demo/demo-corpus.js';
import { logLines, runCli, startCli, tempDir } from '../helpers/cli.js';
import { consistencyProblems, missingUrls } from '../helpers/news-db.js';
import { numberedFeeds, writeLoopbackConfig } from '../helpers/feeds-config.js';

const FEEDS = 12;
const ITEMS = 6;

/** Overlapping runs, a database held by another writer, readers during a run, SIGTERM. Real processes throughout. */
describe('contention', () => {
  let web: NewsWeb;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let dbFile: string;
  const itemsPerFeed = new Map(Array.from({ length: FEEDS }, (_u, index) => [`feed-${index}`, ITEMS]));
  const summary = (stderr: string) => logLines(stderr).find((line) => line['msg'] === 'run_summary');

  beforeAll(async () => {
    web = await startNewsWeb({ feeds: FEEDS, itemsPerFeed: ITEMS, paragraphs: DEMO_ARTICLES.flatMap((article) => article.story.paragraphs) });
    tmp = tempDir();
    config = writeLoopbackConfig(tmp.dir, numberedFeeds(web.feedUrls), { head: 'busy_timeout: 1s\n', concurrency: 2 });
    dbFile = path.join(tmp.dir, 'news.db');
  });
  afterAll(async () => {
    await web?.close();
    tmp?.cleanup();
  });

  it('a second run exits at once with 75 while the first holds the lock; a SIGKILLed holder frees it', async () => {
    const first = startCli(['run', '--force', '--config', config]);
    await first.waitFor('run_started');
    const second = await runCli(['run', '--force', '--config', config]);
    expect(second.code).toBe(75);
    expect(second.stderr).toMatch(/^newsdedup: another run holds the lock .*\(pid \d+, started .*\); exiting\n$/);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const third = await runCli(['run', '--force', '--config', config]);
    expect(third.code, third.stderr).toBe(0);
    expect(consistencyProblems(dbFile, itemsPerFeed)).toEqual([]);
  });

  it('waits for another writer up to the busy timeout, then defers the feeds: nothing lost, no crash', async () => {
    web.advance({ newItems: 2, updatedItems: 0, guidChurnEvery: 0, failingEvery: 0 });
    const holder = new Database(dbFile);
    holder.exec('BEGIN IMMEDIATE');
    let blocked;
    try {
      blocked = await runCli(['run', '--force', '--config', config]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(blocked.code, blocked.stderr).toBe(0);
    const deferred = logLines(blocked.stderr).filter((line) => line['msg'] === 'database_busy_deferred');
    expect(deferred.filter((line) => line['step'] === 'save_feed')).toHaveLength(FEEDS);
    expect(summary(blocked.stderr)).toMatchObject({ articles_new: 0, feeds_skipped: FEEDS });
    expect(consistencyProblems(dbFile, null)).toEqual([]);
    expect(missingUrls(dbFile, web.listedUrls())).toHaveLength(FEEDS * 2);

    // The next run picks up what was deferred.
    const next = await runCli(['run', '--force', '--config', config]);
    expect(next.code).toBe(0);
    expect(summary(next.stderr)).toMatchObject({ feeds_fetched: FEEDS, articles_new: FEEDS * 2 });
    expect(consistencyProblems(dbFile, null)).toEqual([]);
    expect(missingUrls(dbFile, web.listedUrls())).toEqual([]);
  });

  it('readers work while a run writes', async () => {
    web.advance({ newItems: 3, updatedItems: 1, guidChurnEvery: 0, failingEvery: 0 });
    const run = startCli(['run', '--force', '--config', config]);
    await run.waitFor('feed_done');
    const [clusters, stats] = await Promise.all([runCli(['clusters', '--json', '--config', config]), runCli(['stats', '--json', '--config', config])]);
    expect(clusters.code, clusters.stderr).toBe(0);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ feeds: FEEDS });
    expect((await run.done).code).toBe(0);
  });

  it('SIGTERM stops starting feeds, finishes the current transaction and exits cleanly with the summary', async () => {
    web.advance({ newItems: 3, updatedItems: 0, guidChurnEvery: 0, failingEvery: 0 });
    // One request slot and two feeds in flight, so the signal comes while most feeds have not started: they must not.
    const slow = path.join(tmp.dir, 'one-slot.yaml');
    writeFileSync(slow, readFileSync(config, 'utf8').replace('per_host_concurrency: 2 }', 'per_host_concurrency: 2, global_concurrency: 1, feeds_in_flight: 2 }'));
    const run = startCli(['run', '--force', '--config', slow]);
    await run.waitFor('feed_done');
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(logLines(result.stderr).some((line) => line['msg'] === 'run_stopping_on_signal')).toBe(true);
    expect(summary(result.stderr)?.['feeds_skipped']).toBeGreaterThan(0);
    expect(consistencyProblems(dbFile, null)).toEqual([]);
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.prepare(`SELECT status FROM runs ORDER BY id DESC LIMIT 1`).get()).toEqual({ status: 'interrupted' });
    } finally {
      db.close();
    }
  });
});
