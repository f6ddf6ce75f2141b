import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsWeb, type NewsWeb } from '../../src/bench/news-web.js';
import { DEMO_ARTICLES } from '../../src/demo/demo-corpus.js';
import { logLines, runCli, startCli, tempDir } from '../helpers/cli.js';
import { consistencyProblems, openReadonly } from '../helpers/news-db.js';
import { numberedFeeds, writeLoopbackConfig } from '../helpers/feeds-config.js';

/**
 * SIGKILL `newsdedup run` at random moments, then check that the database is consistent: integrity ok, every feed
 * all-or-nothing, nothing duplicated, every article in a live cluster. `CRASH_ITERATIONS=50 npm run test:crash`
 * runs the full suite; CI runs a few.
 */
const ITERATIONS = Number(process.env['CRASH_ITERATIONS'] ?? 4);
const FEEDS = 24;
const ITEMS = 8;

describe(`a run killed with SIGKILL at random moments (${ITERATIONS} kills)`, () => {
  let web: NewsWeb;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let dbFile: string;
  const itemsPerFeed = new Map(Array.from({ length: FEEDS }, (_u, index) => [`feed-${index}`, ITEMS]));

  beforeAll(async () => {
    web = await startNewsWeb({ feeds: FEEDS, itemsPerFeed: ITEMS, paragraphs: DEMO_ARTICLES.flatMap((article) => article.story.paragraphs), wireEvery: 4 });
    tmp = tempDir();
    config = writeLoopbackConfig(tmp.dir, numberedFeeds(web.feedUrls));
    dbFile = path.join(tmp.dir, 'news.db');
  });
  afterAll(async () => {
    await web?.close();
    tmp?.cleanup();
  });

  it('leaves a consistent database after every kill, and a clean run completes it', async () => {
    // Deterministic "random" kill times spread over the run (first ones early, before any feed is written).
    const delays = Array.from({ length: ITERATIONS }, (_u, k) => 300 + ((k * 7919) % 11) * 350);
    let killedMidRun = 0;
    for (const delay of delays) {
      const run = startCli(['run', '--force', '--config', config]);
      await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), run.done]);
      if (run.child.exitCode === null) {
        run.child.kill('SIGKILL');
        killedMidRun++;
      }
      const result = await run.done;
      if (result.signal !== 'SIGKILL') expect(result.code, result.stderr).toBe(0);
      expect(consistencyProblems(dbFile, itemsPerFeed)).toEqual([]);
    }
    expect(killedMidRun).toBeGreaterThan(0);

    const clean = await runCli(['run', '--force', '--config', config]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(consistencyProblems(dbFile, itemsPerFeed)).toEqual([]);
    const db = openReadonly(dbFile);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: FEEDS * ITEMS });
      expect(db.prepare('SELECT count(*) AS n FROM feeds WHERE etag IS NOT NULL').get()).toEqual({ n: FEEDS });
    } finally {
      db.close();
    }
    // And the run after that has nothing to do: every feed answers 304.
    const idle = await runCli(['run', '--force', '--config', config]);
    expect(logLines(idle.stderr).find((line) => line['msg'] === 'run_summary')).toMatchObject({ feeds_not_modified: FEEDS, articles_new: 0 });
  }, 60_000 + ITERATIONS * 20_000);
});
