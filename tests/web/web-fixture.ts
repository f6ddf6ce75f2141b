/**
 * A newsdedup database made by a real `newsdedup run` over a loopback web with hostile titles, outlet names and
 * article HTML, for the HTTP tests of `newsdedup serve`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';

/** A title that must come out as text, never as markup. */
export const HOSTILE_TITLE = '<script>alert("title")</script> River Marrow floods Ashby Reach';
/** An outlet name that tries to close an attribute and open an element. */
export const HOSTILE_OUTLET = '"><img src=x onerror=alert(1)>';

interface Item {
  guid: string;
  title: string;
  body: string;
  published: string;
}

const FLOOD =
  'The River Marrow burst its banks at Ashby Reach on Tuesday night, forcing thousands of residents from their homes as water rose through the town centre. Emergency crews evacuated the riverside streets and opened two shelters in the school halls while engineers watched the old flood wall.';
const RAIL =
  'Valcrest Rail has ordered forty-two hydrogen trains for its rural lines in a deal worth 1.9 billion crowns, replacing the diesel fleet on five routes from the spring of next year onwards.';
const BAKERY =
  'A small bakery in Glenholm has won the national prize for its rye loaf, beating two hundred entries with a recipe that the family has kept for four generations.';

/** Items of the two feeds; `late` ones appear only once {@link WebFixture.publishLate} is called. */
function items(feed: 'coast' | 'inland', late: boolean): Item[] {
  const coast: Item[] = [
    {
      guid: 'c1',
      title: HOSTILE_TITLE,
      body: `<p>${FLOOD}</p><script>alert("body")</script><p><img src="x" onerror="alert(2)"> Water <b>rose</b>.</p>`,
      published: '2026-11-19T07:42:00Z',
    },
    { guid: 'c2', title: 'Valcrest Rail orders 42 hydrogen trains', body: `<p>${RAIL}</p>`, published: '2026-11-20T10:05:00Z' },
  ];
  const inland: Item[] = [
    {
      guid: 'i1',
      title: 'Thousands flee as River Marrow floods Ashby Reach',
      body: `<p>${FLOOD} Residents said the water came faster than in any flood they remembered.</p>`,
      published: '2026-11-19T09:10:00Z',
    },
    { guid: 'i2', title: 'Glenholm bakery wins the rye loaf prize', body: `<p>${BAKERY}</p>`, published: '2026-11-21T09:00:00Z' },
  ];
  const extra: Item[] = [
    {
      guid: 'i3',
      title: 'Comet discovery confirmed by Mount Esker observatory',
      body: '<p>A retired teacher’s comet, first seen from a back garden in October, has been confirmed by the Mount Esker observatory after three weeks of follow-up observations by its astronomers.</p>',
      published: '2026-11-22T08:00:00Z',
    },
  ];
  return feed === 'coast' ? coast : late ? [...inland, ...extra] : inland;
}

function rss(feed: 'coast' | 'inland', late: boolean, base: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const entries = items(feed, late).map(
    // Titles are escaped twice: the feed's title *text* is `<script>…`, which is what a hostile outlet can get stored.
    (item) =>
      `<item><title>${escape(escape(item.title))}</title><link>${base}/${feed}/${item.guid}</link><guid>${item.guid}</guid>` +
      `<pubDate>${new Date(item.published).toUTCString()}</pubDate><description>${escape(item.body)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${feed}</title><link>${base}/</link><description>${feed}</description><language>en</language>${entries.join('')}</channel></rss>`;
}

/** The fixture: its web, its config, its database. */
export interface WebFixture {
  web: LoopbackServer;
  config: string;
  database: string;
  /** Makes the inland feed list one more item (for a second run). */
  publishLate(): void;
  close(): Promise<void>;
}

/** Starts the loopback web, writes feeds.yaml (tags coast and inland, an optional serve.auth_token) and runs once. */
export async function buildWebFixture(dir: string, options: { authToken?: string } = {}): Promise<WebFixture> {
  let late = false;
  const web = await startLoopbackServer((req, res) => {
    const feed = req.url === '/coast.xml' ? 'coast' : req.url === '/inland.xml' ? 'inland' : null;
    if (feed === null) return res.writeHead(404).end();
    return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss(feed, late, web.url));
  });
  const config = path.join(dir, 'feeds.yaml');
  writeFileSync(
    config,
    [
      'database: news.db',
      'allow_networks: [127.0.0.1/32]',
      'defaults: { fetch_articles: false }',
      'fetch: { per_host_gap: 1ms, per_host_concurrency: 2 }',
      ...(options.authToken ? [`serve: { auth_token: ${JSON.stringify(options.authToken)} }`] : []),
      'feeds:',
      `  - { name: coast, outlet: ${JSON.stringify(HOSTILE_OUTLET)}, url: "${web.url}/coast.xml", tags: [coast] }`,
      `  - { name: inland, outlet: Inland Times, url: "${web.url}/inland.xml", tags: [inland] }`,
      `  - { name: never-fetched, outlet: Quiet Weekly, url: "${web.url}/quiet.xml", enabled: false }`,
      '',
    ].join('\n'),
  );
  const run = await runCli(['run', '--force', '--feed', 'coast', 'inland', '--config', config]);
  if (run.code !== 0) throw new Error(`fixture run failed: ${run.stderr}`);
  return {
    web,
    config,
    database: path.join(dir, 'news.db'),
    publishLate: () => {
      late = true;
    },
    close: () => web.close(),
  };
}
