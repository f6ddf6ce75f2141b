import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsWeb, type NewsWeb } from '../../src/bench/news-web.js';
import { DEMO_ARTICLES } from '../../src/demo/demo-corpus.js';
import { createLogger } from '../../src/shared/log.js';
import { logLines, runCli, startCli, tempDir } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';

/** Running unattended: watch, --max-duration, secrets kept out of logs, readable logs on a terminal. */
describe('operations', () => {
  let web: NewsWeb;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;

  beforeAll(async () => {
    web = await startNewsWeb({ feeds: 8, itemsPerFeed: 6, paragraphs: DEMO_ARTICLES.flatMap((a) => a.story.paragraphs), hosts: 8 });
    tmp = tempDir();
    config = path.join(tmp.dir, 'feeds.yaml');
    const feeds = web.feedUrls.map((url, index) => `  - name: feed-${index}\n    url: ${url}`).join('\n');
    writeFileSync(config, `database: news.db\nschedule: "* * * * * *"\nallow_networks: [127.0.0.1/32]\nfeeds:\n${feeds}\n`);
  });
  afterAll(async () => {
    await web?.close();
    tmp?.cleanup();
  });

  it('--max-duration starts no new work once the time is up, exits cleanly, and the next run takes up the rest', async () => {
    // With the default per-host gap of 1 s, every feed needs a few seconds: a 1 s budget cannot finish them all.
    const result = await runCli(['run', '--max-duration', '1s', '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    const summary = logLines(result.stderr).find((line) => line['msg'] === 'run_summary') ?? {};
    const fetched = Number(summary['feeds_fetched']);
    const skipped = Number(summary['feeds_skipped']);
    expect(skipped).toBeGreaterThan(0);
    expect(fetched + skipped).toBe(8);
    // Abandoned feeds wrote nothing, so they are still due.
    const next = await runCli(['run', '--config', config]);
    expect(logLines(next.stderr).find((line) => line['msg'] === 'run_summary')).toMatchObject({ feeds_fetched: skipped, feeds_skipped: fetched });
  });

  it('watch runs passes on the schedule without overlapping and stops cleanly on SIGTERM', async () => {
    const watch = startCli(['watch', '--config', config]);
    await watch.waitFor('"msg":"run_summary"', 2);
    watch.child.kill('SIGTERM');
    const result = await watch.done;
    expect(result.code, result.stderr).toBe(0);
    const lines = logLines(result.stderr);
    expect(lines.some((line) => line['msg'] === 'watch_started')).toBe(true);
    expect(lines.at(-1)?.['msg']).toBe('watch_stopped');
    // Never two passes at once: every run_started is followed by its summary before the next one starts.
    const sequence = lines.filter((line) => line['msg'] === 'run_started' || line['msg'] === 'run_summary').map((line) => line['msg']);
    for (let i = 0; i < sequence.length; i++) expect(sequence[i]).toBe(i % 2 === 0 ? 'run_started' : 'run_summary');
    expect(sequence.length).toBeGreaterThanOrEqual(4);
  });

  it('never writes a feed\'s secret headers to the log, even in errors', async () => {
    let server: LoopbackServer | undefined;
    const fresh = tempDir();
    try {
      server = await startLoopbackServer((req, res) => {
        res.writeHead(req.headers['authorization'] === 'Bearer sekrit-token-123' ? 500 : 401).end('no');
      });
      const file = path.join(fresh.dir, 'feeds.yaml');
      writeFileSync(
        file,
        `database: news.db\nallow_networks: [127.0.0.1/32]\nfeeds:\n  - name: private\n    url: ${server.url}/feed\n    headers: { Authorization: Bearer sekrit-token-123 }\n`,
      );
      const result = await runCli(['run', '--verbose', '--config', file]);
      expect(result.code).toBe(0);
      expect(server.hits[0]?.headers['authorization']).toBe('Bearer sekrit-token-123');
      expect(logLines(result.stderr).find((line) => line['msg'] === 'feed_failed')).toMatchObject({ status: 500 });
      expect(result.stderr).not.toContain('sekrit');
      const feeds = await runCli(['feeds', '--json', '--config', file]);
      expect(feeds.stdout).not.toContain('sekrit');
    } finally {
      await server?.close();
      fresh.cleanup();
    }
  });
});

describe('the logger', () => {
  const capture = () => {
    let text = '';
    const destination = new Writable({ write: (chunk: Buffer, _enc, done) => ((text += chunk.toString()), done()) });
    return { destination, text: () => text };
  };

  it('writes JSON lines with fixed messages and snake_case fields, and redacts secret headers', () => {
    const out = capture();
    const logger = createLogger({ pretty: false, destination: out.destination });
    logger.warn({ feed: 'x', headers: { authorization: 'Bearer s3cret' } }, 'feed_failed');
    logger.summary({ feeds_fetched: 1 }, 'run_summary');
    const [warn, summary] = out.text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warn).toMatchObject({ level: 'warn', feed: 'x', headers: { authorization: '[redacted]' }, msg: 'feed_failed' });
    expect(summary).toMatchObject({ level: 'summary', feeds_fetched: 1, msg: 'run_summary' });
  });

  it('writes one readable line per event on a terminal, and --quiet keeps the summary', () => {
    const out = capture();
    const logger = createLogger({ pretty: true, verbosity: 'quiet', destination: out.destination });
    logger.info({ feed: 'x' }, 'feed_done');
    logger.summary('run finished: feeds: 1 fetched');
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SUMMARY.*run finished: feeds: 1 fetched/);
    expect(lines[0]).not.toMatch(/^\{/);
  });
});
