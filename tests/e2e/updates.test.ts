import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsWeb, type NewsWeb } from '../../src/bench/news-web.js';
import { DEMO_ARTICLES } from '../../src/demo/demo-corpus.js';
import { logLines, runCli, tempDir } from '../helpers/cli.js';
import { consistencyProblems, missingUrls, queryDb } from '../helpers/news-db.js';
import { numberedFeeds, writeLoopbackConfig } from '../helpers/feeds-config.js';

/**
 * A web that changes between runs: new items, updated articles, feeds whose GUIDs change on every fetch.
 * Updated articles are updated in place (same id, version + 1, previous text hash kept); nothing is duplicated.
 */
describe('runs over a changing web', () => {
  let web: NewsWeb;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let dbFile: string;
  const query = <T>(sql: string, ...params: unknown[]): T[] => queryDb<T>(dbFile, sql, ...params);
  const run = async () => {
    const result = await runCli(['run', '--force', '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    return logLines(result.stderr).find((line) => line['msg'] === 'run_summary') ?? {};
  };

  beforeAll(async () => {
    web = await startNewsWeb({ feeds: 6, itemsPerFeed: 5, paragraphs: DEMO_ARTICLES.flatMap((a) => a.story.paragraphs), wireEvery: 0 });
    tmp = tempDir();
    config = writeLoopbackConfig(tmp.dir, numberedFeeds(web.feedUrls));
    dbFile = path.join(tmp.dir, 'news.db');
    expect(await run()).toMatchObject({ articles_new: 30 });
  });
  afterAll(async () => {
    await web?.close();
    tmp?.cleanup();
  });

  it('updates a changed article in place and records the change', async () => {
    const before = query<{ id: number; url: string; text_hash: string }>('SELECT id, url, text_hash FROM articles');
    web.advance({ newItems: 0, updatedItems: 1, guidChurnEvery: 0, failingEvery: 0 });
    expect(await run()).toMatchObject({ articles_new: 0, articles_updated: 6 });
    const updated = query<{ id: number; url: string; version: number; previous_text_hash: string; text: string }>(
      'SELECT id, url, version, previous_text_hash, text FROM articles WHERE version > 1',
    );
    expect(updated).toHaveLength(6);
    for (const row of updated) {
      const old = before.find((article) => article.url === row.url);
      expect(row.id).toBe(old?.id);
      expect(row.previous_text_hash).toBe(old?.text_hash);
      expect(row.text).toMatch(/Update 2: this article was updated/);
    }
    // The updated text is what full-text search finds.
    const search = await runCli(['search', 'updated', 'information', '--json', '--config', config]);
    expect(search.stdout.trim().split('\n')).toHaveLength(6);
  });

  it('an unchanged item costs no writes', async () => {
    const before = query<{ changed: string }>('SELECT max(updated_at) AS changed FROM articles');
    web.advance({ newItems: 0, updatedItems: 0, guidChurnEvery: 0, failingEvery: 0 });
    expect(await run()).toMatchObject({ articles_new: 0, articles_updated: 0, feeds_not_modified: 6 });
    expect(query('SELECT max(updated_at) AS changed FROM articles')).toEqual(before);
  });

  it('a feed that changes every GUID on every fetch does not duplicate its articles', async () => {
    for (let pass = 0; pass < 2; pass++) {
      web.advance({ newItems: 1, updatedItems: 0, guidChurnEvery: 2, failingEvery: 0 });
      expect(await run()).toMatchObject({ articles_new: 6 });
    }
    expect(query('SELECT url, count(*) AS n FROM articles GROUP BY url HAVING n > 1')).toEqual([]);
    expect(missingUrls(dbFile, web.listedUrls())).toEqual([]);
    expect(consistencyProblems(dbFile, null)).toEqual([]);
  });
});
