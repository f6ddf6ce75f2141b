import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARTICLES } from '../../src/demo/demo-corpus.js';
import { DEMO_OUTLETS } from '../../src/demo/corpus/outlets.js';
import { DEMO_EXPECTED } from '../../src/demo/expected.js';
import { renderFeed } from '../../src/demo/render-feed.js';
import { renderPage } from '../../src/demo/render-page.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { writeLoopbackConfig } from '../helpers/feeds-config.js';

/**
 * Event clustering as it happens in production: several outlets publish, each in its own words, about two similar
 * but distinct events (two floods two days apart) plus other stories and syndicated wire copies; the articles
 * appear over time and are ingested over several runs, a few at a time. The result must be exactly the right clusters.
 */
describe('event clusters built over several runs in time order', () => {
  let server: LoopbackServer;
  let tmp: ReturnType<typeof tempDir>;
  let config: string;
  let clock = '';
  const published = () => DEMO_ARTICLES.filter((article) => article.story.publishedAt <= clock);

  beforeAll(async () => {
    server = await startLoopbackServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const outlet = DEMO_OUTLETS.find((candidate) => url.pathname === `/${candidate.id}/feed.xml`);
      if (outlet) {
        const articles = published().filter((article) => article.outlet.id === outlet.id);
        return res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(renderFeed(outlet, articles, server.url));
      }
      const article = published().find((candidate) => candidate.path === url.pathname);
      if (article) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderPage(article, [], server.url));
      return res.writeHead(404).end();
    });
    tmp = tempDir();
    config = writeLoopbackConfig(tmp.dir, DEMO_OUTLETS.map((outlet) => ({ name: outlet.id, outlet: outlet.name, url: `${server.url}/${outlet.id}/feed.xml` })));
  });
  afterAll(async () => {
    await server?.close();
    tmp?.cleanup();
  });

  it('ends with one cluster per event, the floods apart, the wire copies folded inside one', async () => {
    const times = [...new Set(DEMO_ARTICLES.map((article) => article.story.publishedAt))].sort();
    // Four runs, each seeing the articles published since the last one.
    const steps = [0.25, 0.5, 0.75, 1].map((share) => times[Math.ceil(share * times.length) - 1] ?? '');
    for (const step of steps) {
      clock = step;
      const result = await runCli(['run', '--force', '--config', config]);
      expect(result.code, result.stderr).toBe(0);
    }
    const db = new Database(path.join(tmp.dir, 'news.db'), { readonly: true });
    let rows: Array<{ url: string; cluster_id: number; duplicate_group_id: number }>;
    try {
      rows = db.prepare('SELECT url, cluster_id, duplicate_group_id FROM articles').all() as typeof rows;
    } finally {
      db.close();
    }
    expect(rows).toHaveLength(DEMO_ARTICLES.length);
    const clusterOf = new Map(rows.map((row) => [new URL(row.url).pathname, row.cluster_id]));
    const clusterSet = (paths: readonly string[]) => new Set(paths.map((p) => clusterOf.get(p)));
    const expectedGroups = [...DEMO_EXPECTED.events.map((event) => event.paths), DEMO_EXPECTED.wireCopies, ...DEMO_EXPECTED.standalone.map((p) => [p])];
    for (const group of expectedGroups) expect(clusterSet(group).size, `one cluster for ${group.join(', ')}`).toBe(1);
    const distinct = new Set(expectedGroups.map((group) => clusterOf.get(group[0] ?? '')));
    expect(distinct.size).toBe(expectedGroups.length);
    const wireGroups = new Set(rows.filter((row) => DEMO_EXPECTED.wireCopies.includes(new URL(row.url).pathname)).map((row) => row.duplicate_group_id));
    expect(wireGroups.size).toBe(1);
  });
});

