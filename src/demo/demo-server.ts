import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEMO_ARTICLES, type DemoArticle } from './demo-corpus.js';
import { DEMO_OUTLETS, type DemoOutlet } from './corpus/outlets.js';
import { lastUpdated, renderFeed } from './render-feed.js';
import { renderPage } from './render-page.js';

/** One feed of the demo corpus, shaped like a feeds.yaml entry. */
export interface DemoFeed {
  /** Feed name, e.g. "kite-news". */
  name: string;
  /** Outlet (site) name, e.g. "Kite News". */
  outlet: string;
  /** Absolute URL on the demo server. */
  url: string;
  format: 'rss' | 'atom';
}

/** A running demo server. */
export interface DemoServer {
  /** e.g. "http://127.0.0.1:43127", without a trailing slash. */
  baseUrl: string;
  feeds: DemoFeed[];
  /** Number of requests answered so far (any path, any status). */
  hits: () => number;
  /** Stops listening and drops open keep-alive connections. */
  close(): Promise<void>;
}

/** A response body prepared once at start-up, with its validators. */
interface Resource {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  /** HTTP date. */
  readonly lastModified: string;
}

const ROBOTS_TXT = 'User-agent: *\nAllow: /\n';
const RELATED_LINKS = 3;

/**
 * Serves the demo corpus on 127.0.0.1 (random port): feeds with ETag + Last-Modified (answers 304 to a matching
 * conditional GET), article pages (text/html; charset=utf-8), robots.txt allowing all, 404 otherwise.
 * `options.port` defaults to 0, i.e. a free port chosen by the OS.
 */
export async function startDemoServer(options?: { port?: number }): Promise<DemoServer> {
  let hits = 0;
  let resources = new Map<string, Resource>();
  const server = createServer((request, response) => {
    hits += 1;
    answer(resources, request, response);
  });
  const port = await listen(server, options?.port ?? 0);
  const baseUrl = `http://127.0.0.1:${port}`;
  // Links in feeds and pages are absolute, so the corpus can only be rendered once the port is known.
  resources = buildResources(baseUrl);
  return {
    baseUrl,
    feeds: DEMO_OUTLETS.map((outlet) => toDemoFeed(outlet, baseUrl)),
    hits: () => hits,
    close: () => closeServer(server),
  };
}

function toDemoFeed(outlet: DemoOutlet, baseUrl: string): DemoFeed {
  return { name: outlet.id, outlet: outlet.name, url: `${baseUrl}${outlet.feedPath}`, format: outlet.feedFormat };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      // A TCP listen always yields an AddressInfo; a string only comes from pipes.
      if (address === null || typeof address === 'string') reject(new Error('demo: server has no TCP address'));
      else resolve(address.port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Keep-alive sockets (undici pools them) would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}

function buildResources(baseUrl: string): Map<string, Resource> {
  const resources = new Map<string, Resource>();
  resources.set('/robots.txt', makeResource(ROBOTS_TXT, 'text/plain; charset=utf-8', '2026-11-01T00:00:00Z'));
  for (const outlet of DEMO_OUTLETS) {
    const articles = DEMO_ARTICLES.filter((article) => article.outlet.id === outlet.id);
    const feedType = `application/${outlet.feedFormat}+xml; charset=utf-8`;
    resources.set(outlet.feedPath, makeResource(renderFeed(outlet, articles, baseUrl), feedType, lastUpdated(articles)));
    for (const article of articles) {
      const html = renderPage(article, relatedTo(article, articles), baseUrl);
      resources.set(article.path, makeResource(html, 'text/html; charset=utf-8', lastUpdated([article])));
    }
  }
  return resources;
}

/** The outlet's other articles, newest first, for the page's "related articles" list. */
function relatedTo(article: DemoArticle, outletArticles: readonly DemoArticle[]): DemoArticle[] {
  return outletArticles
    .filter((other) => other !== article)
    .sort((a, b) => b.story.publishedAt.localeCompare(a.story.publishedAt))
    .slice(0, RELATED_LINKS);
}

function makeResource(text: string, contentType: string, modifiedIso: string): Resource {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
  return { body, contentType, etag, lastModified: new Date(modifiedIso).toUTCString() };
}

function answer(resources: Map<string, Resource>, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('method not allowed\n');
    return;
  }
  const resource = resources.get(requestPath(request));
  if (resource === undefined) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('not found\n');
    return;
  }
  const validators = { ETag: resource.etag, 'Last-Modified': resource.lastModified, 'Cache-Control': 'no-cache' };
  if (isNotModified(resource, request)) {
    response.writeHead(304, validators);
    response.end();
    return;
  }
  response.writeHead(200, { ...validators, 'Content-Type': resource.contentType, 'Content-Length': resource.body.length });
  response.end(request.method === 'HEAD' ? undefined : resource.body);
}

function requestPath(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return '';
  }
}

/** RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since; ETags compare weakly for GET. */
function isNotModified(resource: Resource, request: IncomingMessage): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const wanted = opaqueTag(resource.etag);
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaqueTag(tag.trim()) === wanted);
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(resource.lastModified) <= since;
}

function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
