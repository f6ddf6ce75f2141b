import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logLines, runCli } from '../helpers/cli.js';
import { startDemoRun, type DemoRun } from '../helpers/demo-run.js';
import { consistencyProblems, queryDb } from '../helpers/news-db.js';

/**
 * Changing the dedup settings changes how index entries are written: runs say so until `reindex` rewrites the
 * stored articles' entries, after which they are all in the new layout.
 */
describe('reindex after the dedup settings changed', () => {
  let setup: DemoRun;
  let config: string;
  let dbFile: string;
  const cli = (...args: string[]) => runCli([...args, '--config', config]);
  const staleWarnings = (stderr: string) => logLines(stderr).filter((line) => line['msg'] === 'dedup_index_stale');

  beforeAll(async () => {
    setup = await startDemoRun();
    ({ config, dbFile } = setup);
    expect(staleWarnings(setup.first.stderr)).toEqual([]);
  });
  afterAll(() => setup?.close());

  it('warns on every run until reindex, which rewrites every entry in the new layout', async () => {
    const articles = queryDb<{ n: number }>(dbFile, 'SELECT count(*) AS n FROM articles')[0]?.n ?? 0;
    expect(articles).toBeGreaterThan(10);
    const groupsBefore = queryDb(dbFile, 'SELECT id, duplicate_group_id FROM articles ORDER BY id');
    writeFileSync(config, readFileSync(config, 'utf8').replace('feeds:\n', 'dedup: { num_perm: 64, threshold: 0.7 }\nfeeds:\n'));

    const warned = await cli('run', '--force');
    expect(warned.code, warned.stderr).toBe(0);
    expect(staleWarnings(warned.stderr)).toEqual([
      expect.objectContaining({ indexed_with: expect.objectContaining({ numPerm: 128 }), settings: expect.objectContaining({ numPerm: 64 }) }),
    ]);

    const reindex = await cli('reindex', '--json');
    expect(reindex.code, reindex.stderr).toBe(0);
    const report = JSON.parse(reindex.stdout) as { reindexed: number; recomputed: number; layout: { numPerm: number; bands: number; rows: number } };
    expect(report).toMatchObject({ reindexed: articles, recomputed: articles, layout: { numPerm: 64 } });
    const layouts = queryDb<{ num_perm: number; lsh_bands: number; lsh_rows: number; n: number }>(
      dbFile,
      'SELECT num_perm, lsh_bands, lsh_rows, count(*) AS n FROM article_fingerprints GROUP BY 1, 2, 3',
    );
    expect(layouts).toEqual([{ num_perm: 64, lsh_bands: report.layout.bands, lsh_rows: report.layout.rows, n: articles }]);
    // Every entry has exactly one key per band (the band is in the key's high bits), and no key of the old layout is
    // left behind; groups are kept as judged.
    const bandRows = queryDb<{ n: number }>(dbFile, 'SELECT count(*) AS n FROM lsh_bands')[0]?.n;
    const indexed = queryDb<{ n: number }>(dbFile, `SELECT count(*) AS n FROM article_fingerprints WHERE length(shingles) > 0`)[0]?.n ?? 0;
    expect(bandRows).toBe(indexed * report.layout.bands);
    expect(queryDb(dbFile, 'SELECT id, duplicate_group_id FROM articles ORDER BY id')).toEqual(groupsBefore);

    const quiet = await cli('run', '--force');
    expect(staleWarnings(quiet.stderr)).toEqual([]);
    const again = await cli('reindex');
    expect(again.stdout).toMatch(/already matches the settings \(num_perm 64/);
    expect(consistencyProblems(dbFile, null)).toEqual([]);
  });
});
