import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { writeConfig } from './store-kit.js';

/**
 * [14] cases 9 and 10: values that crashed instead of being refused. Each exits 2 with a message naming the key
 * or flag (and the line in feeds.yaml), before anything is written; SQLite's open errors print no stack without
 * --verbose.
 */
const ALIAS_BOMB = `${['a', 'b', 'c', 'd', 'e', 'f', 'g']
  .map(
    (name, i, all) =>
      `${name}: &${name} [${Array(9)
        .fill(i === 0 ? '"x"' : `*${all[i - 1]}`)
        .join(', ')}]`,
  )
  .join('\n')}\nfeeds: []\n`;

describe('values that must be refused', () => {
  let tmp: ReturnType<typeof tempDir>;
  let config: string;

  beforeAll(() => {
    tmp = tempDir();
    config = writeConfig(tmp.dir);
  });
  afterAll(() => tmp?.cleanup());

  it.each([
    [
      'fetch.total_timeout: 25d',
      'fetch:\n  total_timeout: 25d\n',
      /feeds\.yaml:3:18: fetch\.total_timeout: expected a duration of at most 24d 20h 31m 23\.647s \(2\^31-1 ms/,
    ],
    [
      'extract.timeout: 9999999d',
      'extract:\n  timeout: 9999999d\n',
      /feeds\.yaml:3:12: extract\.timeout: expected a duration of at most 24d 20h 31m 23\.647s/,
    ],
    ['busy_timeout: 30d', 'busy_timeout: 30d\n', /feeds\.yaml:2:15: busy_timeout: expected a duration of at most 24d/],
    [
      'defaults.interval: 999999999999999999d',
      'defaults:\n  interval: 999999999999999999d\n',
      /feeds\.yaml:3:13: defaults\.interval: expected a duration of at most 36500d/,
    ],
    [
      'global_concurrency: 0',
      'fetch:\n  global_concurrency: 0\n',
      /feeds\.yaml:3:23: fetch\.global_concurrency: expected a value > 0, got number 0$/m,
    ],
  ])('config %s exits 2 with the key and line', async (_, yaml, message) => {
    const file = path.join(tmp.dir, 'feeds.yaml');
    writeFileSync(file, `database: news.db\n${yaml}feeds: []\n`);
    const result = await runCli(['stats', '--config', file]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(path.join(tmp.dir, 'news.db'))).toBe(false);
    writeConfig(tmp.dir);
  });

  it('a YAML alias bomb exits 2 naming the file', async () => {
    const file = path.join(tmp.dir, 'bomb.yaml');
    writeFileSync(file, ALIAS_BOMB);
    const result = await runCli(['run', '--config', file]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^newsdedup: invalid configuration: bomb\.yaml: \(yaml\): cannot be read: Excessive alias count/);
  });

  it.each([
    [['clusters', '--limit', '99999999999999999999'], /--limit: expected a positive integer of at most 1000000/],
    [['search', 'x', '--limit', '5000'], /--limit: expected a positive integer of at most 1000/],
    [['clusters', '--since', '999999999999999999d'], /--since: expected a duration of at most 36500d/],
    [['search', 'x', '--since', '999999999999999999d'], /--since: expected a duration of at most 36500d/],
    [['prune', '--older-than', '999999999999999999d'], /--older-than: expected a duration of at most 36500d/],
    [['run', '--max-duration', '99999999999999999999999h'], /--max-duration: expected a duration of at most 36500d/],
    [['run', '--metrics-file', 'missing-folder/newsdedup.prom'], /--metrics-file: the folder does not exist/],
    [['run', '--no-such-flag'], /unknown option '--no-such-flag'/],
    [['--no-such-flag', 'stats'], /unknown option '--no-such-flag'/],
    [['stats', 'extra-argument'], /too many arguments/],
  ])('%j exits 2 with the flag named', async (args, message) => {
    const result = await runCli([...args, '--config', config], { cwd: tmp.dir });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(tmp.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('an SQLite open error is one line without a stack, and the stack only with --verbose', async () => {
    const quiet = await runCli(['stats', '--db', '/dev/null/news.db', '--config', config]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(/^newsdedup: store: unable to open database \/dev\/null\/news\.db: .+\n$/);
    const verbose = await runCli(['stats', '--verbose', '--db', '/dev/null/news.db', '--config', config]);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });
});
