import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventClusterer } from '../../src/cluster/event-clusterer.js';
import { openEventIndex } from '../../src/store/event-index.js';
import { openDatabase } from '../../src/store/database.js';
import { clearEventClusters, nextUnclustered } from '../../src/store/recluster.js';
import { runCli } from '../helpers/cli.js';
import { startDemoRun, type DemoRun } from '../helpers/demo-run.js';
import { consistencyProblems, queryDb } from '../helpers/news-db.js';

/** `recluster` rebuilds the event clusters of a stored database with the current method, and resumes when cut off. */
describe('recluster', () => {
  let setup: DemoRun;
  let config: string;
  let dbFile: string;
  const cli = (...args: string[]) => runCli([...args, '--config', config]);
  /** The partition of articles by cluster, as sets of item keys (ids change; the grouping must not). */
  const partition = (): string[][] => {
    const rows = queryDb<{ key: string; cluster: number | null }>(dbFile, 'SELECT item_key AS key, cluster_id AS cluster FROM articles ORDER BY item_key');
    const groups = new Map<string, string[]>();
    for (const r of rows) groups.set(String(r.cluster), [...(groups.get(String(r.cluster)) ?? []), r.key]);
    return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
  };

  beforeAll(async () => {
    setup = await startDemoRun();
    ({ config, dbFile } = setup);
  });
  afterAll(() => setup?.close());

  it('rebuilds every cluster: every article clustered again, the database consistent, duplicate groups kept', async () => {
    const groupsBefore = queryDb(dbFile, 'SELECT item_key, duplicate_group_id FROM articles ORDER BY item_key');
    const articles = groupsBefore.length;
    expect(articles).toBeGreaterThan(10);
    const result = await cli('recluster', '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { articles: number; clusters: number; resumed: boolean };
    expect(report).toMatchObject({ articles, resumed: false });
    expect(report.clusters).toBeGreaterThan(0);
    expect(queryDb<{ n: number }>(dbFile, 'SELECT count(*) AS n FROM articles WHERE cluster_id IS NULL')[0]?.n).toBe(0);
    expect(queryDb(dbFile, 'SELECT item_key, duplicate_group_id FROM articles ORDER BY item_key')).toEqual(groupsBefore);
    expect(consistencyProblems(dbFile, null)).toEqual([]);
  });

  it('resumes an interrupted rebuild where it stopped, with the same clusters as an uninterrupted one', async () => {
    const full = partition();
    // A recluster killed after its first batches: what the command had committed by then, done with its own steps
    // (clear and mark, then whole batches), and the newest five articles still without a cluster.
    const db = openDatabase(dbFile);
    const total = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    const clusterer = openEventClusterer(openEventIndex(db));
    db.transaction(() => clearEventClusters(db, new Date().toISOString()))();
    for (let done = 0; done < total - 5; ) {
      const batch = nextUnclustered(db, Math.min(25, total - 5 - done));
      db.transaction(() => {
        for (const article of batch) clusterer.assign(article);
        clusterer.settle();
      })();
      done += batch.length;
    }
    db.close();
    const result = await cli('recluster', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ articles: 5, resumed: true });
    expect(queryDb<{ n: number }>(dbFile, `SELECT count(*) AS n FROM newsdedup_meta WHERE key = 'recluster_started_at'`)[0]?.n).toBe(0);
    expect(queryDb<{ n: number }>(dbFile, 'SELECT count(*) AS n FROM articles WHERE cluster_id IS NULL')[0]?.n).toBe(0);
    expect(consistencyProblems(dbFile, null)).toEqual([]);
    // The demo's stories are far apart: resuming puts the last five back where a full rebuild puts them.
    expect(partition()).toEqual(full);
  });
});
