/**
 * `newsdedup serve`: the stories, one story, one article, search, feeds and stats as server-rendered pages, with a
 * JSON API beside them in the shapes of the CLI's `--json`. Read-only: every route is a GET over a ReadonlyStore.
 */
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FeedConfig } from '../config/config.js';
import type { Logger } from '../shared/log.js';
import { getCluster } from '../store/cluster-queries.js';
import { searchArticles } from '../store/search.js';
import { getStats, type Stats } from '../store/stats.js';
import { getArticle, listStoryLanguages, type StoryFilter } from '../store/web-queries.js';
import { checkAccess, tokenCookie } from './access.js';
import { ASSETS } from './assets.js';
import { feedsByTag, loadFeeds, loadStories, loadStory } from './load.js';
import { articlePage } from './pages/article-page.js';
import { errorPage } from './pages/error-page.js';
import { feedsPage } from './pages/feeds-page.js';
import { searchPage } from './pages/search-page.js';
import { statsPage } from './pages/stats-page.js';
import { storiesPage, type StoriesForm } from './pages/stories-page.js';
import { storyPage } from './pages/story-page.js';
import {
  durationParameter,
  idParameter,
  integerParameter,
  languageParameter,
  readQuery,
  textParameter,
  TOKEN_PARAMETER,
} from './params.js';
import type { ReadonlyStore } from './readonly-store.js';
import { WebError } from './web-error.js';

/** Options of {@link buildWebServer}. */
export interface WebServerOptions {
  store: ReadonlyStore;
  /** The feeds of feeds.yaml (for the feeds page and the tag filter). Default none. */
  feeds?: readonly FeedConfig[];
  /** Required on every request when set; without it only loopback Host names are answered. Default null. */
  authToken?: string | null;
  /** Where unexpected errors are logged. Default: nowhere. */
  logger?: Logger | null;
  /** The clock for `since` filters. Default: the system clock. */
  now?: () => Date;
}

/** Content-Security-Policy of every answer: this origin only, no inline script or style, no framing, no plugins. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

type Request = FastifyRequest<{ Params: { id?: string } }>;

/** Builds the server (not listening yet: call `listen`, or `inject` in tests). */
export function buildWebServer(options: WebServerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024,
    requestTimeout: 30_000,
    routerOptions: { maxParamLength: 64 },
    // A URL the router cannot even read (`/%`, a 100-digit id) gets the same page or JSON error as everything else.
    frameworkErrors: (error, request, reply) => {
      void sendError(request, reply, toWebError(error, options.logger ?? null));
    },
  });
  // No body is ever read: a POST with any body is a 405 from its route, not a parse error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  const feeds = options.feeds ?? [];
  const tags = feedsByTag(feeds);
  const now = options.now ?? (() => new Date());
  const token = options.authToken ?? null;
  const read = <T>(fn: (db: Database.Database) => T): T => options.store.read(fn);

  app.addHook('onRequest', async (request, reply) => {
    const access = checkAccess(token, {
      host: request.headers.host,
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
      queryToken: queryValue(request.query, TOKEN_PARAMETER),
    });
    if (access.viaQuery && token !== null && !isApi(request) && request.method === 'GET') {
      // Out of the address bar (and history) at once; the cookie carries it from here on.
      const url = new URL(request.url, 'http://serve.invalid');
      url.searchParams.delete(TOKEN_PARAMETER);
      await reply.header('set-cookie', tokenCookie(token)).redirect(`${url.pathname}${url.search}`, 303);
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error, request, reply) => sendError(request, reply, toWebError(error, options.logger ?? null)));
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new WebError('not_found', `no page at ${request.url.split('?')[0] ?? '/'}`)),
  );

  for (const [path, asset] of ASSETS) {
    app.get(path, (request, reply) => {
      readQuery(request.query, []);
      return reply.type(asset.contentType).header('cache-control', 'no-cache').send(asset.body);
    });
  }

  app.get('/', (request, reply) => {
    const { filter, form } = storiesFilter(request.query, tags, now());
    const { stories, languages } = read((db) => ({ stories: loadStories(db, filter), languages: listStoryLanguages(db) }));
    return sendHtml(reply, storiesPage(stories, form, { languages, tags: [...tags.keys()] }, filter.limit ?? 30));
  });
  app.get('/api/stories', (request) => {
    const { filter } = storiesFilter(request.query, tags, now());
    return read((db) => loadStories(db, filter).map((item) => item.story));
  });

  app.get('/stories/:id', (request: Request, reply) => {
    const id = storyId(request);
    const found = read((db) => loadStory(db, id));
    if (found === null) throw new WebError('not_found', `no story #${id}: it may have been pruned`);
    if (found.story.id !== id) return reply.redirect(`/stories/${found.story.id}`, 301);
    return sendHtml(reply, storyPage(found.story, found.coverage));
  });
  app.get('/api/stories/:id', (request: Request, reply) => {
    const id = storyId(request);
    const story = read((db) => getCluster(db, id));
    if (story === null) throw new WebError('not_found', `no story #${id}`);
    if (story.id !== id) return reply.redirect(`/api/stories/${story.id}`, 301);
    return story;
  });

  app.get('/articles/:id', (request: Request, reply) => sendHtml(reply, articlePage(article(request))));
  app.get('/api/articles/:id', (request: Request) => article(request));

  app.get('/search', (request, reply) => {
    const search = searchQuery(request.query, now(), false);
    const hits = search === null ? [] : read((db) => searchArticles(db, search.q, search.options));
    return sendHtml(reply, searchPage(search?.q ?? null, hits));
  });
  app.get('/api/search', (request) => {
    const search = searchQuery(request.query, now(), true);
    return search === null ? [] : read((db) => searchArticles(db, search.q, search.options));
  });

  app.get('/feeds', (request, reply) => {
    readQuery(request.query, []);
    return sendHtml(reply, feedsPage(read((db) => loadFeeds(db, feeds))));
  });
  app.get('/api/feeds', (request) => {
    readQuery(request.query, []);
    return read((db) => loadFeeds(db, feeds));
  });

  app.get('/stats', (request, reply) => {
    readQuery(request.query, []);
    return sendHtml(reply, statsPage(stats()));
  });
  app.get('/api/stats', (request) => {
    readQuery(request.query, []);
    return stats();
  });

  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: '/*',
    handler: (request, reply) => {
      reply.header('allow', 'GET, HEAD');
      throw new WebError('method_not_allowed', `${request.method} is not allowed: this server is read-only (GET and HEAD only)`);
    },
  });

  function article(request: Request) {
    const id = idParameter(request.params.id ?? '', 'article');
    readQuery(request.query, []);
    const found = read((db) => getArticle(db, id));
    if (found === null) throw new WebError('not_found', `no article #${id}: it may have been pruned`);
    return found;
  }

  function stats(): Stats {
    const result = read((db) => getStats(db));
    // As `newsdedup stats`: the WAL holds recent commits until a checkpoint, so it is part of the size on disk.
    return { ...result, databaseBytes: result.databaseBytes + fileSize(`${options.store.file}-wal`) };
  }

  return app;
}

function storyId(request: Request): number {
  const id = idParameter(request.params.id ?? '', 'story');
  readQuery(request.query, []);
  return id;
}

function storiesFilter(query: unknown, tags: ReadonlyMap<string, string[]>, now: Date): { filter: StoryFilter; form: StoriesForm } {
  const values = readQuery(query, ['since', 'min_outlets', 'lang', 'tag', 'limit']);
  const sinceMs = durationParameter(values, 'since');
  const tag = textParameter(values, 'tag', 100);
  const tagFeeds = tag === null ? null : tags.get(tag);
  if (tagFeeds === undefined) {
    const known = tags.size === 0 ? 'feeds.yaml gives no feed a tag' : `feeds.yaml has the tags ${[...tags.keys()].join(', ')}`;
    throw new WebError('bad_parameter', `parameter "tag": no feed has the tag ${JSON.stringify(tag)}; ${known}`);
  }
  const filter: StoryFilter = {
    since: sinceMs === null ? null : new Date(now.getTime() - sinceMs),
    minOutlets: integerParameter(values, 'min_outlets', 1, 10_000),
    lang: languageParameter(values, 'lang'),
    feeds: tagFeeds,
    // 30 rows by default: a front page's worth, and the page stays within its time budget at 100,000 articles.
    limit: integerParameter(values, 'limit', 30, 500),
  };
  const form: StoriesForm = {
    since: values.get('since') ?? '',
    minOutlets: values.get('min_outlets') ?? '',
    lang: filter.lang ?? '',
    tag: tag ?? '',
  };
  return { filter, form };
}

function searchQuery(query: unknown, now: Date, required: boolean): { q: string; options: { since: Date | null; limit: number } } | null {
  const values = readQuery(query, ['q', 'since', 'limit']);
  const q = textParameter(values, 'q', 500);
  if (q === null) {
    if (required) throw new WebError('bad_parameter', 'parameter "q": expected the words to search for, e.g. ?q=flood');
    return null;
  }
  const sinceMs = durationParameter(values, 'since');
  return {
    q,
    options: { since: sinceMs === null ? null : new Date(now.getTime() - sinceMs), limit: integerParameter(values, 'limit', 20, 200) },
  };
}

/** One parameter of a parsed query string when it was given once; undefined otherwise. */
function queryValue(query: unknown, name: string): string | undefined {
  if (query === null || typeof query !== 'object') return undefined;
  const value: unknown = Object.entries(query).find(([key]) => key === name)?.[1];
  return typeof value === 'string' ? value : undefined;
}

function isApi(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
}

function sendHtml(reply: FastifyReply, page: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(page);
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: WebError): FastifyReply {
  // Set here too: an error raised before routing does not pass the onSend hook.
  reply.code(error.status).headers(SECURITY_HEADERS).header('cache-control', 'no-store');
  if (error.code === 'unauthorized') reply.header('www-authenticate', 'Bearer realm="newsdedup"');
  if (error.status === 503) reply.header('retry-after', '5');
  if (isApi(request)) return reply.type('application/json; charset=utf-8').send({ error: { code: error.code, message: error.message } });
  return sendHtml(reply, errorPage(error.status, error.message));
}

/** Maps anything thrown to what the reader sees: a WebError as it is, a framework 4xx by its status, the rest a 500. */
function toWebError(error: unknown, logger: Logger | null): WebError {
  if (error instanceof WebError) return error;
  const status = error instanceof Error && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = error instanceof Error && 'code' in error ? error.code : null;
    const message =
      code === 'FST_ERR_BAD_URL'
        ? 'the address is not a valid URL: a % must start an escape such as %20'
        : code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'the address is too long: ids have at most 15 digits'
          : `the request could not be read (HTTP ${status})`;
    return new WebError('bad_parameter', message, { cause: error, status });
  }
  logger?.error({ err: error }, 'web_request_failed');
  return new WebError('internal_error', 'the page could not be built; the error is in the server log', { cause: error });
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
