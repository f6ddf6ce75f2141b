/**
 * A synthetic news web on 127.0.0.1 for crash tests, the soak and the end-to-end benchmark: many feeds, each with
 * many items whose pages carry realistic article bodies (paragraphs drawn from a real corpus) inside realistic page
 * boilerplate; some items are copies of shared wire stories. Between passes the web changes like the real one.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from './seeded-random.js';

/** Options of {@link startNewsWeb}. */
export interface NewsWebOptions {
  feeds: number;
  itemsPerFeed: number;
  /** Source paragraphs: each article mixes several, so articles differ while reading like news. */
  paragraphs: readonly string[];
  /** Paragraphs per article. Default 8. */
  paragraphsPerArticle?: number;
  /** Every n-th item of a feed is a copy of a shared wire story (0: none). Default 10. */
  wireEvery?: number;
  /** Seed of the deterministic choices. Default 1. */
  seed?: number;
  /** Servers (distinct hosts for per-host politeness: each has its own port); feed i lives on server i % hosts. Default 1. */
  hosts?: number;
}

/** How the web changes on {@link NewsWeb.advance}: what the soak exercises. */
export interface NewsWebChanges {
  /** New items per feed per pass. Default 2. */
  newItems?: number;
  /** Items per feed whose text is updated per pass. Default 1. */
  updatedItems?: number;
  /** Every n-th feed changes all its GUIDs every pass (links stay). 0: none. Default 7. */
  guidChurnEvery?: number;
  /** Every n-th feed answers 500 from this pass on (then recovers the pass after). 0: none. Default 11. */
  failingEvery?: number;
}

/** A running synthetic web. */
export interface NewsWeb {
  baseUrl: string;
  feedUrls: string[];
  /** Requests answered so far. */
  hits(): number;
  /** Items currently listed across all feeds. */
  itemCount(): number;
  /** Article URLs currently listed by the feeds that answer (not the failing ones). */
  listedUrls(): string[];
  /** Moves the web one pass forward (new, updated and dropped items, GUID churn, failing feeds). */
  advance(changes?: NewsWebChanges): void;
  close(): Promise<void>;
}

interface Item {
  id: number;
  guid: string;
  title: string;
  paragraphs: string[];
  published: Date;
  version: number;
}

interface FeedState {
  index: number;
  items: Item[];
  failing: boolean;
}

const BASE_TIME = Date.UTC(2026, 10, 1, 6, 0, 0);

/** Starts the web on a random port of 127.0.0.1. */
export async function startNewsWeb(options: NewsWebOptions): Promise<NewsWeb> {
  if (options.paragraphs.length === 0) throw new Error('news web: no paragraphs to build articles from');
  const per = options.paragraphsPerArticle ?? 8;
  const wireEvery = options.wireEvery ?? 10;
  let nextId = 0;
  let pass = 0;
  let hits = 0;
  const random = mulberry32(options.seed ?? 1);
  const pick = () => options.paragraphs[Math.floor(random() * options.paragraphs.length)] ?? '';
  const wires = new Map<number, string[]>();
  const wireStory = (n: number) => {
    if (!wires.has(n)) wires.set(n, Array.from({ length: per }, pick));
    return wires.get(n) ?? [];
  };

  const makeItem = (feed: number, position: number): Item => {
    const id = nextId++;
    const isWire = wireEvery > 0 && position % wireEvery === wireEvery - 1;
    const paragraphs = isWire ? [...wireStory(Math.floor(id / (options.feeds * wireEvery)))] : Array.from({ length: per }, pick);
    const words = (paragraphs[0] ?? 'News')
      .split(/\s+/)
      .slice(0, 9)
      .join(' ')
      .replace(/[.,;:]+$/, '');
    return {
      id,
      guid: `urn:newsweb:${feed}:${id}`,
      title: `${words} (${id})`,
      paragraphs,
      published: new Date(BASE_TIME + id * 60_000),
      version: 1,
    };
  };

  const feeds: FeedState[] = Array.from({ length: options.feeds }, (_unused, index) => ({
    index,
    items: Array.from({ length: options.itemsPerFeed }, (_u, position) => makeItem(index, position)),
    failing: false,
  }));
  const itemsById = new Map<number, { item: Item; feed: number }>();
  const reindex = () => {
    itemsById.clear();
    for (const feed of feeds) for (const item of feed.items) itemsById.set(item.id, { item, feed: feed.index });
  };
  reindex();

  const hostCount = Math.max(1, Math.min(options.hosts ?? 1, options.feeds));
  const servers = Array.from({ length: hostCount }, () =>
    createServer((request, response) => {
      hits++;
      answer(request, response);
    }),
  );
  const hostUrls: string[] = [];
  const hostOf = (feed: number) => hostUrls[feed % hostCount] ?? '';

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const feedMatch = /^\/feeds\/(\d+)\.xml$/.exec(url.pathname);
    const pageMatch = /^\/outlet-(\d+)\/articles\/(\d+)\.html$/.exec(url.pathname);
    if (url.pathname === '/robots.txt') return send(request, response, 200, 'text/plain', 'User-agent: *\nAllow: /\n');
    if (feedMatch) {
      const feed = feeds[Number(feedMatch[1])];
      if (!feed) return send(request, response, 404, 'text/plain', 'not found');
      if (feed.failing) return send(request, response, 500, 'text/plain', 'upstream exploded');
      return send(request, response, 200, 'application/rss+xml; charset=utf-8', renderFeed(hostOf(feed.index), feed));
    }
    if (pageMatch) {
      const found = itemsById.get(Number(pageMatch[2]));
      if (!found || found.feed !== Number(pageMatch[1])) return send(request, response, 404, 'text/html', '<h1>Not found</h1>');
      return send(request, response, 200, 'text/html; charset=utf-8', renderPage(hostOf(found.feed), found.feed, found.item));
    }
    return send(request, response, 404, 'text/plain', 'not found');
  };

  for (const server of servers) hostUrls.push(`http://127.0.0.1:${await listen(server)}`);
  const baseUrl = hostUrls[0] ?? '';
  return {
    baseUrl,
    feedUrls: feeds.map((feed) => `${hostOf(feed.index)}/feeds/${feed.index}.xml`),
    hits: () => hits,
    itemCount: () => feeds.reduce((sum, feed) => sum + feed.items.length, 0),
    listedUrls: () =>
      feeds
        .filter((feed) => !feed.failing)
        .flatMap((feed) => feed.items.map((item) => `${hostOf(feed.index)}/outlet-${feed.index}/articles/${item.id}.html`)),
    advance(changes: NewsWebChanges = {}) {
      pass++;
      for (const feed of feeds) {
        const failingEvery = changes.failingEvery ?? 11;
        feed.failing = failingEvery > 0 && (feed.index + pass) % failingEvery === 0;
        const fresh = Array.from({ length: changes.newItems ?? 2 }, (_u, k) => makeItem(feed.index, feed.items.length + k));
        feed.items = [...fresh, ...feed.items].slice(0, options.itemsPerFeed);
        for (let k = 0; k < (changes.updatedItems ?? 1); k++) {
          const item = feed.items[Math.floor(random() * feed.items.length)];
          if (!item) continue;
          item.version++;
          // Updates lead the article, as newsrooms write them, so the feed's description changes too.
          item.paragraphs = [`Update ${item.version}: this article was updated with new information.`, ...item.paragraphs];
        }
        const churn = changes.guidChurnEvery ?? 7;
        if (churn > 0 && feed.index % churn === 0)
          for (const item of feed.items) item.guid = `urn:newsweb:${feed.index}:${item.id}:${pass}`;
      }
      reindex();
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

function renderFeed(baseUrl: string, feed: FeedState): string {
  const items = feed.items
    .map(
      (item) => `<item>
  <title>${escapeXml(item.title)}</title>
  <link>${baseUrl}/outlet-${feed.index}/articles/${item.id}.html</link>
  <guid isPermaLink="false">${escapeXml(item.guid)}</guid>
  <pubDate>${item.published.toUTCString()}</pubDate>
  <description>${escapeXml((item.paragraphs[0] ?? '').slice(0, 200))}</description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Outlet ${feed.index}</title><link>${baseUrl}/outlet-${feed.index}/</link><description>News from outlet ${feed.index}</description>
<language>en</language>
${items}
</channel></rss>
`;
}

function renderPage(baseUrl: string, feed: number, item: Item): string {
  const paragraphs = item.paragraphs.map((text) => `      <p>${escapeXml(text)}</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(item.title)} | Outlet ${feed}</title>
<link rel="canonical" href="${baseUrl}/outlet-${feed}/articles/${item.id}.html">
<meta property="og:site_name" content="Outlet ${feed}"><meta property="article:published_time" content="${item.published.toISOString()}">
<style>body{font-family:serif}</style><script>window.analytics=[]</script></head>
<body>
  <header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
  <main>
    <article>
      <h1>${escapeXml(item.title)}</h1>
      <p class="byline">By Staff Reporter · ${item.published.toUTCString()}</p>
${paragraphs}
    </article>
    <aside><h2>Most read</h2><ul><li><a href="/a">Markets slide as rates rise</a></li><li><a href="/b">Storm warning for the coast</a></li></ul></aside>
  </main>
  <footer><p>© Outlet ${feed}. All rights reserved.</p><p>Sign up for our newsletter.</p></footer>
</body></html>
`;
}

function send(request: IncomingMessage, response: ServerResponse, status: number, type: string, body: string): void {
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
  if (status === 200 && request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag }).end();
    return;
  }
  response.writeHead(status, { 'content-type': type, etag }).end(body);
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
