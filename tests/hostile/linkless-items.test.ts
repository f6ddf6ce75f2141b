import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from '../helpers/news-db.js';
import { logLines, runCli, tempDir } from '../helpers/cli.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { serveFeed, writeFeedConfig } from './store-kit.js';

/**
 * [14] case 1: items without a usable link must stay separate articles. Their identity is the item key (GUID, else
 * link, else a hash of title and date), never the feed's URL that the text extraction fell back to.
 */
const item = (body: string) => `<item>${body}<description>Text of the item, long enough to be an article.</description></item>`;
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>No links</title><link>/</link>
${item('<title>First</title><guid isPermaLink="false">tag:one</guid>')}
${item('<title>Second</title><guid isPermaLink="false">tag:two</guid>')}
${item('<title>Third</title><guid isPermaLink="false">tag:three</guid>')}
${item('<title>Script link</title><link>javascript:alert(1)</link><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate>')}
${item('<title>File link</title><link>file:///etc/passwd</link><pubDate>Mon, 30 Nov 2026 11:00:00 GMT</pubDate>')}
${item('<title>Shared link A</title><guid isPermaLink="false">tag:four</guid><link>/same</link>')}
${item('<title>Shared link B</title><guid isPermaLink="false">tag:five</guid><link>/same</link>')}
</channel></rss>`;

describe('feed items without a link', () => {
  let server: LoopbackServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;

  beforeAll(async () => {
    server = await serveFeed('application/rss+xml', FEED);
    tmp = tempDir();
    config = writeFeedConfig(tmp.dir, 'nolinks', `${server.url}/feed`);
  });
  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });

  it('are all kept, each as its own article at version 1 and without the feed URL as theirs (so are two GUIDs sharing one link)', async () => {
    const run = await runCli(['run', '--config', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(logLines(run.stderr).find((line) => line['msg'] === 'feed_done')).toMatchObject({ new: 7, updated: 0 });
    const rows = queryDb<{ title: string; url: string | null; version: number; item_key: string }>(
      path.join(tmp.dir, 'news.db'),
      'SELECT title, url, version, item_key FROM articles ORDER BY id',
    );
    expect(rows.map((row) => row.title)).toEqual([
      'First',
      'Second',
      'Third',
      'Script link',
      'File link',
      'Shared link A',
      'Shared link B',
    ]);
    expect(new Set(rows.map((row) => row.item_key)).size).toBe(7);
    expect(rows.slice(0, 5).every((row) => row.url === null)).toBe(true);
    expect(rows.slice(5).map((row) => row.url)).toEqual([`${server.url}/same`, `${server.url}/same`]);
    expect(rows.every((row) => row.version === 1)).toBe(true);

    // The same feed again: nothing new, nothing overwritten.
    const again = await runCli(['run', '--force', '--config', config]);
    expect(again.code, again.stderr).toBe(0);
    const versions = queryDb<{ n: number; v: number }>(
      path.join(tmp.dir, 'news.db'),
      'SELECT count(*) AS n, max(version) AS v FROM articles',
    );
    expect(versions).toEqual([{ n: 7, v: 1 }]);
  });
});
