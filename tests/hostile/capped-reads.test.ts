import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from '../helpers/news-db.js';
import { logLines, runCli, tempDir } from '../helpers/cli.js';
import { MAX_RSS_ENV, maxRssMib, writeConfig } from './store-kit.js';

/**
 * [14] case 7: every local input is read with a cap. Inputs that never end (`/dev/zero`) end with their error, and
 * the process's peak memory stays near the cap instead of growing to gigabytes; an import line over its cap is
 * reported with file and line, and the lines around it are stored.
 */
describe('endless and over-long local inputs', () => {
  let tmp: ReturnType<typeof tempDir>;
  let config: string;

  beforeAll(() => {
    tmp = tempDir();
    // max_body 1MB: files for `extract` are capped at 1 MiB, import lines at 2 MiB.
    config = writeConfig(tmp.dir, 'fetch:\n  max_body: 1MB\nfeeds: []\n');
  });
  afterAll(() => tmp?.cleanup());

  it('extract /dev/zero fails that input with too_large at fetch.max_body', async () => {
    const result = await runCli(['extract', '/dev/zero', '--json', '--config', config], { env: MAX_RSS_ENV });
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      input: '/dev/zero',
      error: 'extract: /dev/zero is larger than 1 MiB; not read further',
    });
    expect(maxRssMib(result.stderr)).toBeLessThan(400);
  });

  it('parse-feed /dev/zero reports the file as unreadable at the feed cap (15 MiB), the other files still parsed', async () => {
    const feed = path.join(tmp.dir, 'ok.xml');
    writeFileSync(
      feed,
      '<rss version="2.0"><channel><title>Ok</title><item><title>One</title><link>https://example.com/1</link></item></channel></rss>',
    );
    const result = await runCli(['parse-feed', '/dev/zero', feed, '--json'], { env: MAX_RSS_ENV });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/cannot read \/dev\/zero: .*larger than 15 MiB/);
    expect(result.stdout).toContain('"title":"Ok"');
    expect(maxRssMib(result.stderr)).toBeLessThan(400);
  });

  it.each([
    ['stats --config /dev/zero', () => ['stats', '--config', '/dev/zero']],
    ['feeds import-opml /dev/zero', () => ['feeds', 'import-opml', '/dev/zero', '--config', config]],
  ])('%s exits 2 naming the cap', async (_, argsOf) => {
    const args = argsOf();
    const result = await runCli(args, { env: MAX_RSS_ENV });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/\/dev\/zero.*larger than 4 MiB/);
    expect(maxRssMib(result.stderr)).toBeLessThan(200);
  });

  it('import skips a line over its cap with file and line, and stores the lines before and after it', async () => {
    const file = path.join(tmp.dir, 'long-line.jsonl');
    const line = (id: string, text: string) => JSON.stringify({ id, title: `Article ${id}`, text });
    // The last line has no newline at its end.
    writeFileSync(file, `${line('before', 'Text before.')}\n${line('huge', 'x'.repeat(3 * 1024 * 1024))}\n${line('after', 'Text after.')}`);
    const result = await runCli(['import', file, '--config', config], { env: MAX_RSS_ENV });
    expect(result.code, result.stderr).toBe(0);
    const rejected = logLines(result.stderr).filter((entry) => entry['msg'] === 'import_line_rejected');
    expect(rejected).toEqual([expect.objectContaining({ file, line: 2, reason: 'line longer than 2 MiB (2 × fetch.max_body): skipped' })]);
    const stored = queryDb<{ external_id: string }>(path.join(tmp.dir, 'news.db'), 'SELECT external_id FROM articles ORDER BY id');
    expect(stored.map((row) => row.external_id)).toEqual(['before', 'after']);
  });
});
