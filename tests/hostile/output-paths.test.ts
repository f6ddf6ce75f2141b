import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { digests, writeConfig } from './store-kit.js';

/**
 * [14] case 2: our own commands must not write over the database. An output path that is the database, one of its
 * companion files, a link to it, or an existing file that is not ours is refused with exit 2 before anything is
 * written; the database and every file next to it stay byte-identical.
 */
describe('output paths that would overwrite the database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let db: string;
  let watched: string[];

  beforeAll(async () => {
    tmp = tempDir();
    config = writeConfig(tmp.dir);
    db = path.join(tmp.dir, 'news.db');
    const created = await runCli(['run', '--config', config]);
    expect(created.code, created.stderr).toBe(0);
    symlinkSync(db, path.join(tmp.dir, 'link.db'));
    writeFileSync(path.join(tmp.dir, 'notes.txt'), 'my own notes, not an export\n');
    const other = new Database(path.join(tmp.dir, 'other.sqlite'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    watched = ['news.db', 'news.db-wal', 'news.db-shm', 'news.db.lock', 'link.db', 'notes.txt', 'other.sqlite'].map((name) =>
      path.join(tmp.dir, name),
    );
  });
  afterAll(() => tmp?.cleanup());

  const targets = ['news.db', 'news.db-wal', 'news.db-shm', 'news.db.lock', 'link.db', 'notes.txt', 'other.sqlite', 'missing-folder/out'];

  it.each(targets)('export -o %s, and run --metrics-file onto it, are refused with exit 2, nothing written', async (name) => {
    const before = digests(watched);
    const target = path.join(tmp.dir, name);
    const exported = await runCli(['export', '-o', target, '--config', config]);
    expect(exported.code, exported.stderr).toBe(2);
    expect(exported.stderr).toMatch(/^newsdedup: invalid configuration: command line: --output: .+\n$/);
    const run = await runCli(['run', '--metrics-file', target, '--config', config]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/--metrics-file: /);
    expect(digests(watched)).toEqual(before);
  });

  it('still writes a new file, and replaces an export or a metrics file it wrote before', async () => {
    mkdirSync(path.join(tmp.dir, 'out'), { recursive: true });
    const exportFile = path.join(tmp.dir, 'out', 'articles.jsonl');
    const metricsFile = path.join(tmp.dir, 'out', 'newsdedup.prom');
    for (let pass = 0; pass < 2; pass++) {
      expect((await runCli(['export', '-o', exportFile, '--config', config])).code).toBe(0);
      expect((await runCli(['export', '--format', 'csv', '-o', `${exportFile}.csv`, '--config', config])).code).toBe(0);
      expect((await runCli(['run', '--metrics-file', metricsFile, '--config', config])).code).toBe(0);
    }
    expect(readFileSync(metricsFile, 'utf8')).toMatch(/^# HELP newsdedup_/);
    expect(readFileSync(`${exportFile}.csv`, 'utf8')).toMatch(/^id,external_id,/);
  });
});
