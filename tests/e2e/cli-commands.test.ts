import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/demo-server.js';
import { SCHEMA_VERSION } from '../../src/store/database.js';
import { logLines, REPO_ROOT, runCli, tempDir } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { writeLoopbackConfig } from '../helpers/feeds-config.js';

/** The query and maintenance commands, on a database made by ingesting the demo corpus from loopback. */
describe('CLI commands on an ingested database', () => {
  let demo: DemoServer;
  let site: LoopbackServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  const cli = (...args: string[]) => runCli([...args, '--config', config]);

  beforeAll(async () => {
    demo = await startDemoServer();
    const firstFeed = demo.feeds[0]!;
    site = await startLoopbackServer({
      '/': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(`<html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="${firstFeed.url}"></head><body>hi</body></html>`),
    });
    tmp = tempDir();
    config = writeLoopbackConfig(tmp.dir, demo.feeds, { head: '# my feeds\n' });
    const run = await cli('run', '--metrics-file', path.join(tmp.dir, 'newsdedup.prom'));
    expect(run.code, run.stderr).toBe(0);
  });
  afterAll(async () => {
    await demo?.close();
    await site?.close();
    tmp?.cleanup();
  });

  it('search finds articles by words in title or text, best first', async () => {
    const result = await cli('search', 'Tessel', 'Brook', '--json');
    expect(result.code).toBe(0);
    const hits = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { title: string; snippet: string; cluster: number });
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(hits.map((hit) => hit.cluster)).size).toBe(1);
    expect(hits[0]?.snippet).toMatch(/\[Tessel\]|\[Brook\]/);
    const none = await cli('search', 'zyzzyva-not-a-word');
    expect(none.stdout).toBe('No matches.\n');
  });

  it('search treats FTS5 syntax in the query as words', async () => {
    const result = await cli('search', 'flood"', 'OR', '(', '--json');
    expect(result.code, result.stderr).toBe(0);
  });

  it('stats counts feeds, articles, copies and clusters', async () => {
    const result = await cli('stats', '--json');
    const stats = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(stats).toMatchObject({ feeds: demo.feeds.length, articles: 25, duplicates: 3, schemaVersion: SCHEMA_VERSION, feedsFailing: 0 });
    expect(stats['databaseBytes']).toBeGreaterThan(0);
    expect((stats['lastRun'] as Record<string, unknown>)['status']).toBe('completed');
  });

  it('db check reports a healthy database', async () => {
    const result = await cli('db', 'check', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ status: 'ok', ok: true, integrity: ['ok'], foreignKeyViolations: 0, fullTextIndex: 'ok', schemaVersion: SCHEMA_VERSION });
  });

  it('cluster ID shows the members with the copies they stand for', async () => {
    const list = await cli('clusters', '--json', '--min-outlets', '4');
    const clusters = list.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; outlets: number });
    expect(clusters.length).toBeGreaterThan(0);
    const details = await Promise.all(clusters.map((cluster) => cli('cluster', String(cluster.id), '--json')));
    const withCopies = details
      .map((detail) => JSON.parse(detail.stdout) as { members: Array<{ copies: unknown[] }> })
      .find((detail) => detail.members.some((member) => member.copies.length > 0));
    expect(withCopies?.members.find((member) => member.copies.length > 0)?.copies).toHaveLength(3);
    const missing = await cli('cluster', '999999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('newsdedup: no cluster with id 999999\n');
  });

  it('writes the metrics file in the Prometheus text format', () => {
    const metrics = readFileSync(path.join(tmp.dir, 'newsdedup.prom'), 'utf8');
    expect(metrics).toContain(`newsdedup_feeds{outcome="fetched"} ${demo.feeds.length}`);
    expect(metrics).toContain('newsdedup_articles{kind="new"} 25');
    expect(metrics).toContain('newsdedup_run_success 1');
    expect(metrics).toMatch(/^newsdedup_last_success_timestamp_seconds \d{10}$/m);
    for (const line of metrics.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) newsdedup_\w+ .+|newsdedup_\w+(\{\w+="\w+"\})? [\d.]+)$/);
  });

  it('--dry-run fetches and parses but writes nothing', async () => {
    const fresh = tempDir();
    try {
      const file = path.join(fresh.dir, 'feeds.yaml');
      writeFileSync(file, readFileSync(config, 'utf8'));
      const result = await runCli(['run', '--dry-run', '--config', file]);
      expect(result.code, result.stderr).toBe(0);
      // Every item would be new; none is stored, no feed state is saved, no run is recorded.
      expect(logLines(result.stderr).find((line) => line['msg'] === 'run_summary')).toMatchObject({ feeds_fetched: demo.feeds.length, articles_new: 25 });
      const stats = JSON.parse((await runCli(['stats', '--json', '--config', file])).stdout) as Record<string, unknown>;
      expect(stats).toMatchObject({ feeds: 0, articles: 0, clusters: 0, lastRun: null });
    } finally {
      fresh.cleanup();
    }
  });

  it('feeds add discovers the feed from a page and appends it, keeping comments', async () => {
    const fresh = tempDir();
    try {
      const file = path.join(fresh.dir, 'feeds.yaml');
      writeFileSync(file, '# my feeds\nallow_networks: [127.0.0.1/32]\nfetch: { per_host_gap: 1ms }\nfeeds: [] # none yet\n');
      const result = await runCli(['feeds', 'add', `${site.url}/`, '--name', 'harbour', '--config', file]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`added harbour: ${demo.feeds[0]!.url}\n`);
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^# my feeds\n/);
      expect(text).toContain(`name: harbour`);
      const again = await runCli(['feeds', 'add', demo.feeds[0]!.url, '--config', file]);
      expect(again.stdout).toBe(`already listed: ${demo.feeds[0]!.url}\n`);
      const nothing = await runCli(['feeds', 'add', `${site.url}/nothing-here`, '--config', file]);
      expect(nothing.code).toBe(1);
    } finally {
      fresh.cleanup();
    }
  });

  it('feeds export-opml and import-opml round-trip the feed list', async () => {
    const exported = await cli('feeds', 'export-opml');
    expect(exported.stdout).toContain(`xmlUrl="${demo.feeds[0]!.url}"`);
    const fresh = tempDir();
    try {
      const opml = path.join(fresh.dir, 'feeds.opml');
      const file = path.join(fresh.dir, 'feeds.yaml');
      writeFileSync(opml, exported.stdout);
      writeFileSync(file, 'feeds: []\n');
      const imported = await runCli(['feeds', 'import-opml', opml, '--config', file]);
      expect(imported.stdout).toBe(`${demo.feeds.length} feeds added, 0 already listed\n`);
      const check = await runCli(['feeds', 'check', '--config', file]);
      expect(check.code).toBe(1); // loopback is not allowed in this file: every feed is refused by the SSRF guard
      expect(check.stdout).toContain(`0 of ${demo.feeds.length} feeds ok`);
    } finally {
      fresh.cleanup();
    }
  });

  it('feeds check fetches and parses every feed without storing', async () => {
    const result = await cli('feeds', 'check', '--json');
    expect(result.code, result.stdout).toBe(0);
    const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { ok: boolean; items: number });
    expect(rows).toHaveLength(demo.feeds.length);
    expect(rows.every((row) => row.ok && row.items > 0)).toBe(true);
  });
});

describe('every command documents itself', () => {
  const commands = [
    'run', 'watch', 'clusters', 'cluster', 'feeds', 'feeds check', 'feeds add', 'feeds import-opml', 'feeds export-opml',
    'demo', 'parse-feed', 'extract', 'import', 'export', 'search', 'stats', 'prune', 'db check', 'reindex', 'recluster', 'serve',
  ];
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

  it.each(commands)('newsdedup %s --help has a description and the README mentions it', async (command) => {
    const result = await runCli([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    const description = result.stdout.split('\n').find((line, index) => index > 1 && line.trim() !== '');
    expect(description?.trim().length).toBeGreaterThan(15);
    expect(readme).toContain(`newsdedup ${command}`);
  });

  it('the README has the sections people need', () => {
    for (const heading of ['## Install, run, test', '## Running from cron', '## feeds.yaml', '## CLI', '## The database', '## Benchmarks and evaluations', '## Not for']) {
      expect(readme).toContain(heading);
    }
    expect(existsSync(path.join(REPO_ROOT, '.ci/run'))).toBe(true);
  });
});
