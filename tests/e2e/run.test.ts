import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from '../helpers/news-db.js';
import { startDemoServer, type DemoServer } from '../../src/demo/demo-server.js';
import { DEMO_EXPECTED } from '../../src/demo/expected.js';
import { acquireRunLock } from '../../src/store/run-lock.js';
import { logLines, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { writeLoopbackConfig } from '../helpers/feeds-config.js';

/**
 * The whole pipeline as cron runs it: the compiled CLI in a child process, real loopback HTTP servers, a real
 * SQLite file. The demo corpus is the web: several outlets, events covered in their own words, one wire story
 * syndicated with different boilerplate. Two more feeds are broken, and the run must go on.
 */
describe('newsdedup run, end to end', () => {
  let demo: DemoServer;
  let broken: LoopbackServer;
  let tmp: ReturnType<typeof tempDir>;
  let configFile: string;
  let dbFile: string;
  let first: CliResult;

  beforeAll(async () => {
    demo = await startDemoServer();
    broken = await startLoopbackServer({
      '/500.xml': (_req, res) => res.writeHead(500).end('internal error'),
      '/not-a-feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>'),
    });
    tmp = tempDir();
    dbFile = path.join(tmp.dir, 'news.db');
    configFile = writeLoopbackConfig(tmp.dir, [
      ...demo.feeds,
      { name: 'broken-500', url: `${broken.url}/500.xml` },
      { name: 'not-a-feed', url: `${broken.url}/not-a-feed.xml` },
    ]);
    first = await runCli(['run', '--config', configFile]);
  });

  afterAll(async () => {
    await demo?.close();
    await broken?.close();
    tmp?.cleanup();
  });

  const summaryOf = (result: CliResult) => logLines(result.stderr).find((line) => line['msg'] === 'run_summary');
  const query = <T>(sql: string, ...params: unknown[]): T[] => queryDb<T>(dbFile, sql, ...params);
  const pathOf = (url: string) => new URL(url).pathname;

  it('completes with exit 0 and a one-line summary counting the broken feeds', () => {
    expect(first.code, first.stderr).toBe(0);
    const summary = summaryOf(first);
    expect(summary).toMatchObject({ feeds_fetched: demo.feeds.length, feeds_failed: 2, feeds_not_modified: 0 });
    const failures = logLines(first.stderr).filter((line) => line['msg'] === 'feed_failed').map((line) => line['feed']);
    expect(failures.sort()).toEqual(['broken-500', 'not-a-feed']);
  });

  it('stores every article of the corpus exactly once', () => {
    const all = [...DEMO_EXPECTED.wireCopies, ...DEMO_EXPECTED.standalone, ...DEMO_EXPECTED.events.flatMap((event) => event.paths)];
    const rows = query<{ url: string; text: string; method: string }>('SELECT url, text, method FROM articles');
    expect(rows.map((row) => pathOf(row.url)).sort()).toEqual([...all].sort());
    expect(summaryOf(first)).toMatchObject({ articles_new: all.length });
    // Extracted from the pages, not the feed summaries, and without the page boilerplate.
    for (const row of rows) {
      expect(row.method).toBe('readability');
      expect(row.text).not.toMatch(/newsletter|cookie/i);
    }
  });

  it('puts the syndicated copies of the wire story in one duplicate group, and nothing else with them', () => {
    const rows = query<{ url: string; duplicate_group_id: number }>('SELECT url, duplicate_group_id FROM articles');
    const groupOf = new Map(rows.map((row) => [pathOf(row.url), row.duplicate_group_id]));
    const wireGroups = new Set(DEMO_EXPECTED.wireCopies.map((p) => groupOf.get(p)));
    expect(wireGroups.size).toBe(1);
    const [wireGroup] = wireGroups;
    const others = rows.filter((row) => !DEMO_EXPECTED.wireCopies.includes(pathOf(row.url)));
    expect(others.filter((row) => row.duplicate_group_id === wireGroup)).toEqual([]);
    expect(new Set(others.map((row) => row.duplicate_group_id)).size).toBe(others.length);
  });

  it("groups each event's coverage by different outlets into one cluster, and keeps distinct events apart", () => {
    const rows = query<{ url: string; cluster_id: number }>('SELECT url, cluster_id FROM articles');
    const clusterOf = new Map(rows.map((row) => [pathOf(row.url), row.cluster_id]));
    const eventClusters = DEMO_EXPECTED.events.map((event) => new Set(event.paths.map((p) => clusterOf.get(p))));
    for (const clusters of eventClusters) expect(clusters.size).toBe(1);
    const wireClusters = new Set(DEMO_EXPECTED.wireCopies.map((p) => clusterOf.get(p)));
    expect(wireClusters.size).toBe(1);
    const distinct = new Set([...eventClusters.map((set) => [...set][0]), [...wireClusters][0], ...DEMO_EXPECTED.standalone.map((p) => clusterOf.get(p))]);
    expect(distinct.size).toBe(DEMO_EXPECTED.events.length + 1 + DEMO_EXPECTED.standalone.length);
  });

  it('lists the clusters with their outlets through `newsdedup clusters --json`', async () => {
    const result = await runCli(['clusters', '--config', configFile, '--json', '--limit', '100']);
    expect(result.code, result.stderr).toBe(0);
    const clusters = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { articles: number; outlets: number; outletNames: string[] });
    const biggest = Math.max(...DEMO_EXPECTED.events.map((event) => event.paths.length), DEMO_EXPECTED.wireCopies.length);
    expect(clusters[0]?.articles).toBe(biggest);
    expect(clusters.reduce((sum, cluster) => sum + cluster.articles, 0)).toBe(query('SELECT id FROM articles').length);
    for (const cluster of clusters) expect(cluster.outletNames.length).toBe(cluster.outlets);
  });

  it('records the failing feeds with their error, and `newsdedup feeds` shows them', async () => {
    const rows = query<{ name: string; error_count: number; last_error: string; last_status: number | null }>(
      `SELECT name, error_count, last_error, last_status FROM feeds WHERE name IN ('broken-500', 'not-a-feed') ORDER BY name`,
    );
    expect(rows.map((row) => [row.name, row.error_count])).toEqual([['broken-500', 1], ['not-a-feed', 1]]);
    expect(rows[0]?.last_status).toBe(500);
    expect(rows[1]?.last_error).toMatch(/html/i);
    const result = await runCli(['feeds', '--config', configFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/broken-500\s+failing/);
  });

  it('a second run gets 304 for every feed and stores nothing new', async () => {
    const before = query<{ n: number; changed: string }>('SELECT count(*) AS n, max(updated_at) AS changed FROM articles')[0];
    const second = await runCli(['run', '--config', configFile, '--force']);
    expect(second.code, second.stderr).toBe(0);
    expect(summaryOf(second)).toMatchObject({ feeds_not_modified: demo.feeds.length, articles_new: 0, articles_updated: 0 });
    const after = query<{ n: number; changed: string }>('SELECT count(*) AS n, max(updated_at) AS changed FROM articles')[0];
    expect(after).toEqual(before);
  });

  it('a run without --force skips feeds that are not due yet', async () => {
    const hitsBefore = demo.hits();
    const third = await runCli(['run', '--config', configFile]);
    expect(third.code).toBe(0);
    expect(summaryOf(third)).toMatchObject({ feeds_fetched: 0, feeds_not_modified: 0 });
    expect(demo.hits()).toBe(hitsBefore);
  });

  it('--feed runs only the named feeds, and an unknown name is a configuration error', async () => {
    const hitsBefore = broken.hits.length;
    const demoHits = demo.hits();
    const only = await runCli(['run', '--force', '--feed', 'broken-500', '--config', configFile]);
    expect(only.code).toBe(0);
    expect(summaryOf(only)).toMatchObject({ feeds_failed: 1, feeds_fetched: 0, feeds_not_modified: 0 });
    expect(broken.hits.length).toBe(hitsBefore + 1);
    expect(demo.hits()).toBe(demoHits);
    const unknown = await runCli(['run', '--feed', 'no-such-feed', '--config', configFile]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--feed: no feed named "no-such-feed" in feeds.yaml/);
  });

  it('exits with 75 at once while another run holds the lock', async () => {
    const lock = acquireRunLock(dbFile);
    try {
      const result = await runCli(['run', '--config', configFile]);
      expect(result.code).toBe(75);
      expect(result.stderr).toMatch(/another run holds the lock .*news\.db\.lock \(pid \d+/);
    } finally {
      lock.release();
    }
  });
});

describe('configuration errors', () => {
  it('exit with 2 and name the key, the expectation and the line', async () => {
    const tmp = tempDir();
    try {
      const file = path.join(tmp.dir, 'feeds.yaml');
      writeFileSync(file, 'feeds:\n  - name: a\n    url: ftp://example.org/feed\n    colour: blue\n');
      const result = await runCli(['run', '--config', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'newsdedup: invalid configuration: feeds.yaml:3:10: feeds[0].url: expected an http(s) URL, got "ftp://example.org/feed"\n' +
          'feeds.yaml:4:5: feeds[0].colour: unknown key\n',
      );
    } finally {
      tmp.cleanup();
    }
  });
});
