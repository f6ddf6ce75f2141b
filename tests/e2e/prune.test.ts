import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../../src/demo/demo-server.js';
import { logLines, runCli } from '../helpers/cli.js';
import { startDemoRun, type DemoRun } from '../helpers/demo-run.js';
import { consistencyProblems, queryDb } from '../helpers/news-db.js';

describe('newsdedup prune', () => {
  let setup: DemoRun;
  let demo: DemoServer;
  let config: string;
  let dbFile: string;
  const query = <T>(sql: string, ...params: unknown[]): T[] => queryDb<T>(dbFile, sql, ...params);

  beforeAll(async () => {
    setup = await startDemoRun();
    ({ demo, config, dbFile } = setup);
  });
  afterAll(() => setup?.close());

  it('removes old articles and emptied clusters, keeps tombstones, and pruned items do not come back', async () => {
    const dates = query<{ published: string }>(`SELECT coalesce(published_at, first_seen_at) AS published FROM articles ORDER BY published`);
    // A cutoff in the middle of the corpus, whatever today's date is.
    const middle = Date.parse(dates[Math.floor(dates.length / 2)]?.published ?? '');
    const hours = Math.ceil((Date.now() - middle) / 3_600_000);
    const cutoff = new Date(Date.now() - hours * 3_600_000).toISOString();
    const old = dates.filter((row) => row.published < cutoff).length;
    expect(old).toBeGreaterThan(0);
    expect(old).toBeLessThan(dates.length);

    const dry = await runCli(['prune', '--older-than', `${hours}h`, '--dry-run', '--json', '--config', config]);
    expect(JSON.parse(dry.stdout)).toMatchObject({ articles: old, dryRun: true });
    expect(query('SELECT id FROM articles')).toHaveLength(dates.length);

    const result = await runCli(['prune', '--older-than', `${hours}h`, '--json', '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { articles: number; clusters: number; tombstones: number };
    expect(report).toMatchObject({ articles: old, tombstones: old });
    expect(report.clusters).toBeGreaterThan(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ clusters: report.clusters });
    expect(query(`SELECT id FROM articles WHERE coalesce(published_at, first_seen_at) < ?`, cutoff)).toEqual([]);
    expect(consistencyProblems(dbFile, null)).toEqual([]);
    expect(query(`SELECT id FROM clusters c WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.cluster_id = c.id)`)).toEqual([]);
    // The clusters that keep members no longer carry the pruned members' terms: each centroid is the sum of the
    // term vectors of the members left (the demo's clusters are small enough never to have been trimmed).
    expect(
      query(
        `SELECT ct.cluster_id, ct.term, ct.weight, m.weight AS members
         FROM cluster_terms ct
         LEFT JOIN (SELECT a.cluster_id, e.term, sum(e.tf) AS weight FROM event_article_terms e JOIN articles a ON a.id = e.article_id GROUP BY 1, 2) m
           ON m.cluster_id = ct.cluster_id AND m.term = ct.term
         WHERE abs(ct.weight - coalesce(m.weight, 0)) > 1e-6`,
      ),
    ).toEqual([]);
    expect(query(`SELECT count(*) AS n FROM cluster_terms`)).not.toEqual([{ n: 0 }]);
    const check = await runCli(['db', 'check', '--config', config]);
    expect(check.code, check.stdout).toBe(0);

    // The feeds still list the pruned items: even when they are parsed again, nothing comes back.
    const db = new Database(dbFile);
    db.exec('UPDATE feeds SET etag = NULL, last_modified = NULL, body_hash = NULL');
    db.close();
    const again = await runCli(['run', '--force', '--config', config]);
    expect(logLines(again.stderr).find((line) => line['msg'] === 'run_summary')).toMatchObject({ feeds_fetched: demo.feeds.length, articles_new: 0 });
  });

  it('requires --older-than', async () => {
    const result = await runCli(['prune', '--config', config]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--older-than/);
  });
});
