import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logLines, runCli, tempDir } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { writeLoopbackConfig } from '../helpers/feeds-config.js';

const RSS = (base: string, n: number) => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>${base}/</link>
${Array.from({ length: n }, (_u, i) => `<item><title>Item ${i} about the harbour works</title><link>${base}/a/${i}</link><guid>g-${i}</guid>
<description>Harbour works item ${i}: the council approved the new quay wall and the dredging of the channel.</description></item>`).join('\n')}
</channel></rss>`;

/** How a feed's state follows what its server says across runs: backoff, 410 Gone, permanent redirects. */
describe('feed state across runs', () => {
  let server: LoopbackServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  const mode: Record<string, number> = {};
  const feed = (name: string) => {
    const db = new Database(path.join(tmp.dir, 'news.db'), { readonly: true });
    try {
      return db.prepare('SELECT * FROM feeds WHERE name = ?').get(name) as Record<string, unknown>;
    } finally {
      db.close();
    }
  };
  const moves: Array<{ effectiveUrl: unknown; reported: boolean }> = [];
  const run = async (...args: string[]) => {
    const result = await runCli(['run', '--force', '--config', config, ...args]);
    expect(result.code, result.stderr).toBe(0);
    const lines = logLines(result.stderr);
    moves.push({ effectiveUrl: feed('moved')['effective_url'], reported: lines.some((line) => line['msg'] === 'feed_moved_permanently') });
    return lines;
  };

  beforeAll(async () => {
    server = await startLoopbackServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/flaky.xml') return res.writeHead(mode['flaky'] ?? 503).end('down');
      if (url.pathname === '/gone.xml') {
        if ((mode['gone'] ?? 0) === 0) return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS(server.url, 2));
        return res.writeHead(410).end('gone');
      }
      if (url.pathname === '/old.xml') return res.writeHead(301, { location: `${server.url}/new.xml` }).end();
      if (url.pathname === '/new.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS(server.url, 1));
      if (url.pathname.startsWith('/a/')) return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><article><h1>Harbour</h1><p>${'The council approved the new quay wall. '.repeat(30)}</p></article></body></html>`);
      return res.writeHead(404).end();
    });
    tmp = tempDir();
    config = writeLoopbackConfig(tmp.dir, [
      { name: 'flaky', url: `${server.url}/flaky.xml` },
      { name: 'gone', url: `${server.url}/gone.xml` },
      { name: 'moved', url: `${server.url}/old.xml` },
    ]);
  });
  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });

  it('counts consecutive failures, shows the last error and backs off exponentially', async () => {
    await run();
    const first = feed('flaky');
    expect(first).toMatchObject({ error_count: 1, last_status: 503, last_error_code: 'bad_status' });
    await run();
    const second = feed('flaky');
    expect(second['error_count']).toBe(2);
    const delay = (row: Record<string, unknown>) => Date.parse(String(row['next_check_at'])) - Date.parse(String(row['last_fetched_at']));
    expect(delay(second)).toBeGreaterThan(delay(first) * 1.5);
    mode['flaky'] = 200;
  });

  it('disables a feed that answers 410 Gone, and reports it', async () => {
    expect(feed('gone')).toMatchObject({ error_count: 0, disabled_at: null });
    mode['gone'] = 1;
    const lines = await run();
    expect(lines.some((line) => line['msg'] === 'feed_gone_disabled' && line['feed'] === 'gone')).toBe(true);
    expect(feed('gone')['disabled_reason']).toMatch(/410/);
    const hits = server.hits.filter((hit) => hit.path === '/gone.xml').length;
    await run();
    expect(server.hits.filter((hit) => hit.path === '/gone.xml').length).toBe(hits);
    const status = await runCli(['feeds', '--config', config]);
    expect(status.stdout).toMatch(/gone\s+disabled/);
  });

  it('moves a feed after a permanent redirect seen on three consecutive fetches, and reports it once', () => {
    const [old, moved] = [`${server.url}/old.xml`, `${server.url}/new.xml`];
    expect(moves.slice(0, 4)).toEqual([
      { effectiveUrl: old, reported: false },
      { effectiveUrl: old, reported: false },
      { effectiveUrl: moved, reported: true },
      { effectiveUrl: moved, reported: false },
    ]);
    // feeds.yaml is never rewritten: the configured URL stays.
    expect(feed('moved')['url']).toBe(old);
  });
});
