import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLES } from '../../src/demo/demo-corpus.js';
import { logLines, runCli, tempDir } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { consistencyProblems, queryDb } from '../helpers/news-db.js';

/**
 * An article whose page fails transiently is stored from the feed's own text, and its page is fetched again on the
 * feed's next runs (at most three tries in all); a page that fails for good (404) is not asked for again.
 */
describe('article pages that fail', () => {
  const story = DEMO_ARTICLES[0]?.story;
  let server: LoopbackServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let dbFile: string;
  let feedFetches = 0;
  const pageHits = (name: string) => server.hits.filter((hit) => hit.path === `/${name}.html`).length;
  const articles = () =>
    queryDb<{ url: string; method: string; page_failures: number; version: number; text: string }>(
      dbFile,
      'SELECT url, method, page_failures, version, text FROM articles ORDER BY url',
    );
  const run = async () => {
    const result = await runCli(['run', '--force', '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    return logLines(result.stderr);
  };

  beforeAll(async () => {
    if (story === undefined) throw new Error('demo corpus is empty');
    const page = `<!doctype html><html lang="en"><head><title>${story.headline}</title></head><body><main><article><h1>${story.headline}</h1>${story.paragraphs
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></main></body></html>`;
    server = await startLoopbackServer({
      // The feed changes on every fetch (a counter in the channel, not in the items), so every run parses it rather
      // than seeing "not modified".
      '/feed.xml': (_req, res) => {
        feedFetches++;
        const item = (name: string) =>
          `<item><title>Story ${name}</title><link>${server.url}/${name}.html</link><guid>${name}</guid><description>The feed's own short text about story ${name}.</description></item>`;
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Flaky</title><link>${server.url}/</link><description>Fetch ${feedFetches}</description>${['a', 'b', 'c'].map(item).join('')}</channel></rss>`,
        );
      },
      // Down twice (503), then up.
      '/a.html': (_req, res) => {
        if (pageHits('a') <= 2) {
          res.writeHead(503);
          res.end('busy');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
      },
      '/b.html': (_req, res) => {
        res.writeHead(404);
        res.end('gone');
      },
      '/c.html': (_req, res) => {
        res.writeHead(503);
        res.end('always busy');
      },
    });
    tmp = tempDir();
    config = path.join(tmp.dir, 'feeds.yaml');
    dbFile = path.join(tmp.dir, 'news.db');
    writeFileSync(
      config,
      `database: news.db\nallow_networks: [127.0.0.1/32]\nfetch: { per_host_gap: 1ms }\nfeeds:\n  - name: flaky\n    url: ${server.url}/feed.xml\n`,
    );
  });
  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });

  it('keeps the feed text meanwhile, retries transient failures on later runs, and stops after three tries', async () => {
    const first = await run();
    expect(first.find((line) => line['msg'] === 'run_summary')).toMatchObject({ articles_new: 3 });
    expect(articles().map((a) => [path.basename(a.url), a.method, a.page_failures])).toEqual([
      ['a.html', 'feed', 1],
      ['b.html', 'feed', 0],
      ['c.html', 'feed', 1],
    ]);
    expect(
      first.filter((line) => line['msg'] === 'article_page_failed').map((line) => [path.basename(String(line['url'])), line['retry']]),
    ).toEqual(
      expect.arrayContaining([
        ['a.html', true],
        ['b.html', undefined],
        ['c.html', true],
      ]),
    );

    await run();
    expect(articles().map((a) => [path.basename(a.url), a.page_failures])).toEqual([
      ['a.html', 2],
      ['b.html', 0],
      ['c.html', 2],
    ]);

    // Third try: a's page is up, so its article is updated in place with the page's text.
    const third = await run();
    expect(third.find((line) => line['msg'] === 'run_summary')).toMatchObject({ articles_new: 0, articles_updated: 1 });
    const [a, b, c] = articles();
    expect(a).toMatchObject({ method: 'readability', page_failures: 0, version: 2 });
    expect(a?.text).toContain(story?.paragraphs[1]?.slice(0, 40));
    expect(b).toMatchObject({ method: 'feed', page_failures: 0, version: 1 });
    expect(c).toMatchObject({ method: 'feed', page_failures: 3, version: 1 });

    // Nothing left to retry: the pages are not asked for again.
    await run();
    expect([pageHits('a'), pageHits('b'), pageHits('c')]).toEqual([3, 1, 3]);
    expect(feedFetches).toBe(4);
    expect(consistencyProblems(dbFile, null)).toEqual([]);
  });
});
