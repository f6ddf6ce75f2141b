/**
 * `newsdedup serve` over HTTP: every route and API answer, the security headers, escaping of hostile titles and
 * outlet names, bad parameters, missing and locked databases. Requests go through Fastify's inject (the whole
 * server, no socket); the CLI's `--json` output of the same database is the reference for the API shapes.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as cheerio from 'cheerio';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type FeedConfig } from '../../src/config/config.js';
import { ReadonlyStore } from '../../src/web/readonly-store.js';
import { buildWebServer, CONTENT_SECURITY_POLICY } from '../../src/web/server.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { queryDb } from '../helpers/news-db.js';
import { buildWebFixture, HOSTILE_OUTLET, HOSTILE_TITLE, type WebFixture } from './web-fixture.js';

const NOW = new Date('2026-11-21T12:00:00Z');
const PAGES = ['/', '/stories/1', '/articles/1', '/search', '/search?q=flood', '/feeds', '/stats'];
const APIS = ['/api/stories', '/api/stories/1', '/api/articles/1', '/api/search?q=flood', '/api/feeds', '/api/stats'];

let tmp: ReturnType<typeof tempDir>;
let fixture: WebFixture;
let feeds: FeedConfig[];
let app: FastifyInstance;

beforeAll(async () => {
  tmp = tempDir('newsdedup-web-');
  fixture = await buildWebFixture(tmp.dir);
  feeds = parseConfig(readFileSync(fixture.config, 'utf8'), fixture.config).feeds;
  app = serverFor(fixture.database);
});
afterAll(async () => {
  await app?.close();
  await fixture?.close();
  tmp?.cleanup();
});

function serverFor(database: string, options: { authToken?: string; busyTimeoutMs?: number } = {}): FastifyInstance {
  return buildWebServer({ store: new ReadonlyStore(database, options.busyTimeoutMs), feeds, authToken: options.authToken ?? null, now: () => NOW });
}

function get(url: string, headers: Record<string, string> = {}, server = app): Promise<LightMyRequestResponse> {
  return server.inject({ method: 'GET', url, headers: { host: '127.0.0.1:8080', ...headers } });
}

function jsonLines(stdout: string): unknown[] {
  return stdout.trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
}

function storyIdByTitle(title: string): number {
  const row = queryDb<{ cluster_id: number }>(fixture.database, 'SELECT cluster_id FROM articles WHERE title = ?', title)[0];
  if (!row) throw new Error(`no article titled ${title}`);
  return row.cluster_id;
}

describe('pages', () => {
  it.each(PAGES)('%s is 200 HTML with lang, the security headers, no inline script or style', async (url) => {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatch(/^<!doctype html>\n<html lang="en">/);
    const $ = cheerio.load(response.body);
    expect($('script').toArray().map((script) => $(script).attr('src'))).toEqual(['/assets/time.js']);
    expect($('style, [style]').length).toBe(0);
    const handlers = $('*').toArray().flatMap((element) => ('attribs' in element ? Object.keys(element.attribs) : []).filter((name) => name.startsWith('on')));
    expect(handlers).toEqual([]);
  });

  it.each(APIS)('%s is 200 JSON with the security headers', async (url) => {
    const response = await get(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.json()).toBeTruthy();
  });

  it('/api/articles/ID has the stored article with its sanitized HTML', async () => {
    const row = queryDb<{ id: number }>(fixture.database, 'SELECT id FROM articles WHERE title = ?', HOSTILE_TITLE)[0];
    const article = (await get(`/api/articles/${row?.id}`)).json<Record<string, unknown>>();
    expect(article).toMatchObject({ id: row?.id, title: HOSTILE_TITLE, outlet: HOSTILE_OUTLET, feed: 'coast', lang: 'en', cluster: storyIdByTitle(HOSTILE_TITLE) });
    expect(String(article['html'])).not.toContain('onerror');
  });

  it('the stories page escapes hostile titles and outlet names', async () => {
    expect(queryDb<{ title: string }>(fixture.database, 'SELECT title FROM articles').map((row) => row.title)).toContain(HOSTILE_TITLE);
    const body = (await get('/')).body;
    expect(body).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; River Marrow');
    expect(body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
  });

  it('lists the stories most outlets first, with outlets, copies folded and a timeline', async () => {
    const body = (await get('/')).body;
    const flood = storyIdByTitle(HOSTILE_TITLE);
    const first = body.indexOf('<li><article class="story"');
    expect(body.slice(first, first + 200)).toContain(`story-${flood}`);
    expect(body).toContain(`<span class="count">2 outlets</span>: &quot;&gt;&lt;img src=x onerror=alert(1)&gt;, Inland Times`);
    expect(body.match(/<svg class="spark"/g)).toHaveLength(3);
    expect(body).toMatch(/<time datetime="2026-11-19T07:42:00.000Z" title="2026-11-19 07:42 UTC">2026-11-19 07:42 UTC<\/time>/);
  });

  it('a story page has the chart, every article with its outlet, time and an outbound link without opener or referrer', async () => {
    const flood = storyIdByTitle(HOSTILE_TITLE);
    const body = (await get(`/stories/${flood}`)).body;
    expect(body).toContain('<h1>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; River Marrow floods Ashby Reach</h1>');
    const $ = cheerio.load(body);
    // The two articles are near-duplicates: one mark for the article, a hollow one for its copy at the other outlet.
    expect($('svg.chart.wide circle.original').length).toBe(1);
    expect($('svg.chart.wide circle.copy').length).toBe(1);
    expect($('ol.coverage > li').length).toBe(1);
    expect($('ol.coverage ul.copies a:not(.out)').text()).toBe('Inland Times');
    expect(body).toContain(`<a href="${fixture.web.url}/coast/c1" rel="noopener noreferrer" class="out">original</a>`);
  });

  it('an article page shows the stored HTML as sanitized when it was written: no script, no handlers', async () => {
    const id = queryDb<{ id: number; html: string | null }>(fixture.database, 'SELECT id, html FROM articles WHERE title = ?', HOSTILE_TITLE)[0];
    expect(id?.html).toContain('<b>rose</b>');
    const body = (await get(`/articles/${id?.id}`)).body;
    expect(body).toContain('<b>rose</b>');
    expect(body).not.toContain('alert(2)');
    expect(body).not.toContain('alert("body")');
    expect(body).toContain('<dt>Outlet</dt><dd>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</dd>');
    expect(body).toContain(`<dt>Story</dt><dd><a href="/stories/${storyIdByTitle(HOSTILE_TITLE)}">&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; River Marrow`);
  });

  it('search shows FTS5 snippets with the matches marked, and escapes the query it echoes', async () => {
    const body = (await get('/search?q=hydrogen')).body;
    expect(body).toContain('<mark>hydrogen</mark>');
    const hostile = (await get(`/search?q=${encodeURIComponent('"><script>x</script>')}`)).body;
    expect(hostile).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(hostile).not.toContain('<script>x');
  });

  it('the feeds page shows each feed\'s health, the never-fetched one too, names escaped', async () => {
    const body = (await get('/feeds')).body;
    expect(body).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(body.match(/<td data-label="Status" class="status-ok">ok<\/td>/g)).toHaveLength(2);
    expect(body).toContain('<td data-label="Status" class="status-new">new</td>');
  });

  it('the stats page counts articles and stories', async () => {
    const body = (await get('/stats')).body;
    expect(body).toContain('<dt>Articles</dt><dd>4 (1 copy of other articles)</dd><dt>Stories</dt><dd>3 (1 covered by 2 or more outlets)</dd>');
    expect((await get('/api/stats')).json()).toMatchObject({ feeds: 2, articles: 4, duplicates: 1, clusters: 3, multiOutletClusters: 1 });
  });

  it('serves its stylesheet and script with their types, and HEAD without a body', async () => {
    const css = await get('/assets/style.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('prefers-color-scheme: dark');
    expect((await get('/assets/time.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    const head = await app.inject({ method: 'HEAD', url: '/', headers: { host: 'localhost' } });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('filters', () => {
  const ids = async (url: string) => (await get(url)).json<Array<{ id: number }>>().map((row) => row.id);

  it('since, min_outlets, lang and tag narrow the stories', async () => {
    const all = await ids('/api/stories');
    expect(all).toHaveLength(3);
    expect(await ids('/api/stories?min_outlets=2')).toEqual([storyIdByTitle(HOSTILE_TITLE)]);
    // NOW is 2026-11-21T12:00Z: only the bakery story (09:00 that day) moved in the last 6 hours.
    expect(await ids('/api/stories?since=6h')).toEqual([storyIdByTitle('Glenholm bakery wins the rye loaf prize')]);
    expect(await ids('/api/stories?since=7d')).toEqual(all);
    expect(await ids('/api/stories?lang=en')).toEqual(all);
    expect(await ids('/api/stories?lang=de')).toEqual([]);
    expect((await ids('/api/stories?tag=coast')).sort()).toEqual(
      [storyIdByTitle(HOSTILE_TITLE), storyIdByTitle('Valcrest Rail orders 42 hydrogen trains')].sort(),
    );
    expect(await ids('/api/stories?limit=1')).toEqual(all.slice(0, 1));
    // The form's "any" choices arrive empty: not set.
    expect(await ids('/api/stories?since=&min_outlets=&tag=')).toEqual(all);
  });
});

describe('the JSON API has the shapes of the CLI\'s --json', () => {
  const cli = (...args: string[]) => runCli([...args, '--json', '--config', fixture.config]);

  it('/api/stories is `clusters --json`', async () => {
    const result = await cli('clusters', '--limit', '30');
    expect((await get('/api/stories')).json()).toEqual(jsonLines(result.stdout));
  });

  it('/api/stories/:id is `cluster ID --json`', async () => {
    const id = String(storyIdByTitle(HOSTILE_TITLE));
    const result = await cli('cluster', id);
    expect((await get(`/api/stories/${id}`)).json()).toEqual(JSON.parse(result.stdout));
  });

  it('/api/search is `search --json`', async () => {
    const result = await cli('search', 'River', 'Marrow');
    const api = await get('/api/search?q=River%20Marrow');
    expect(api.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(api.json()).toEqual(jsonLines(result.stdout));
  });

  it('/api/feeds is `feeds --json` (plus stored feeds no longer configured)', async () => {
    const result = await cli('feeds');
    expect((await get('/api/feeds')).json()).toEqual(jsonLines(result.stdout));
  });
});

describe('bad requests', () => {
  it.each([
    ['/?since=banana', 'parameter "since": expected a duration such as 6h, 24h or 7d, got "banana"'],
    ['/?min_outlets=0', 'parameter "min_outlets": expected a whole number from 1 to 10000, got "0"'],
    ['/?lang=%3Cx%3E', 'parameter "lang": expected a language code such as en or pt-BR, got "&lt;x&gt;"'],
    ['/?tag=sports', 'parameter "tag": no feed has the tag &quot;sports&quot;; feeds.yaml has the tags coast, inland'],
    ['/?colour=red', 'unknown parameter "colour": expected one of since, min_outlets, lang, tag, limit'],
    ['/?since=6h&since=7d', 'parameter "since" given more than once: give it once'],
    ['/stories/abc', 'story id: expected a positive whole number, got "abc"'],
    ['/feeds?x=1', 'unknown parameter "x": this page takes no parameters'],
  ])('%s is a 400 page saying what was wrong', async (url, message) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(message.replaceAll('"', '&quot;'));
    expect(response.body).not.toMatch(/\n\s+at /);
  });

  it('an address the router cannot read is a page too, with the headers', async () => {
    const bad = await get('/stories/%ZZ');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(bad.body).toContain('the address is not a valid URL: a % must start an escape such as %20');
    const long = await get(`/api/stories/${'9'.repeat(80)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ error: { code: 'bad_parameter', message: 'the address is too long: ids have at most 15 digits' } });
  });

  it('a POST with a body it cannot parse is still a 405', async () => {
    const response = await app.inject({ method: 'POST', url: '/', headers: { host: 'localhost', 'content-type': 'application/json' }, payload: '{"a":' });
    expect(response.statusCode).toBe(405);
  });

  it('a bad API parameter is a 400 JSON error with a code', async () => {
    const response = await get('/api/search');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { code: 'bad_parameter', message: 'parameter "q": expected the words to search for, e.g. ?q=flood' } });
  });

  it('a missing story, article or page is a 404 page (JSON under /api)', async () => {
    const page = await get('/stories/999999');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('no story #999999: it may have been pruned');
    expect((await get('/articles/999999')).statusCode).toBe(404);
    expect((await get('/no/such/page')).statusCode).toBe(404);
    const api = await get('/api/stories/999999');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: 'no story #999999' } });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const)('%s is refused: nothing writes', async (method) => {
    const response = await app.inject({ method, url: '/api/stories/1', headers: { host: 'localhost' } });
    expect(response.statusCode).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('merged stories', () => {
  it('a merged cluster forwards to the one it merged into, page and API', async () => {
    const copy = path.join(tmp.dir, 'merged.db');
    copyFileSync(fixture.database, copy);
    const survivor = storyIdByTitle(HOSTILE_TITLE);
    const db = new Database(copy);
    const merged = Number(
      db.prepare(
        `INSERT INTO clusters (headline, lang, first_seen_at, last_updated_at, merged_into, created_at, updated_at)
         VALUES ('old', 'en', '2026-11-19T07:00:00Z', '2026-11-19T07:00:00Z', ?, '2026-11-19T07:00:00Z', '2026-11-19T07:00:00Z')`,
      ).run(survivor).lastInsertRowid,
    );
    db.prepare(`INSERT INTO cluster_merges (survivor_id, merged_id, similarity, merged_at) VALUES (?, ?, 0.5, '2026-11-19T08:00:00Z')`).run(survivor, merged);
    db.close();
    const server = serverFor(copy);
    const page = await get(`/stories/${merged}`, {}, server);
    expect(page.statusCode).toBe(301);
    expect(page.headers['location']).toBe(`/stories/${survivor}`);
    expect((await get(`/api/stories/${merged}`, {}, server)).headers['location']).toBe(`/api/stories/${survivor}`);
    expect((await get(`/stories/${survivor}`, {}, server)).body).toContain(`Merged from <a href="/stories/${merged}">#${merged}</a>`);
    await server.close();
  });
});

describe('the database', () => {
  it('missing: a 503 that says what to do, then the pages as soon as it exists, without a restart', async () => {
    const file = path.join(tmp.dir, 'later.db');
    const server = serverFor(file);
    const page = await get('/', {}, server);
    expect(page.statusCode).toBe(503);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.body).toContain('the database later.db does not exist yet: run `newsdedup run` (or `npm run demo`) first');
    expect(page.body).not.toContain(tmp.dir);
    expect((await get('/api/stories', {}, server)).json()).toMatchObject({ error: { code: 'database_missing' } });
    copyFileSync(fixture.database, file);
    expect((await get('/', {}, server)).statusCode).toBe(200);
    await server.close();
  });

  it('locked by another process: a 503 saying so, and the pages again once it is released', async () => {
    const file = path.join(tmp.dir, 'locked.db');
    copyFileSync(fixture.database, file);
    // A rollback-journal database held in an exclusive transaction: what a non-WAL writer (or a migration) does.
    const holder = new Database(file);
    holder.pragma('journal_mode = DELETE');
    const server = serverFor(file, { busyTimeoutMs: 50 });
    expect((await get('/', {}, server)).statusCode).toBe(200);
    holder.exec('BEGIN EXCLUSIVE');
    const page = await get('/', {}, server);
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('the database locked.db is locked by another process; try again in a moment');
    holder.exec('ROLLBACK');
    holder.close();
    expect((await get('/', {}, server)).statusCode).toBe(200);
    await server.close();
  });

  it('not a database: a 503, never a stack trace', async () => {
    const file = path.join(tmp.dir, 'garbage.db');
    writeFileSync(file, 'this is not SQLite'.repeat(100));
    const server = serverFor(file);
    const page = await get('/', {}, server);
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('cannot be read (SQLITE_NOTADB)');
    expect(page.body).not.toMatch(/\n\s+at /);
    await server.close();
  });
});

describe('access', () => {
  const TOKEN = 'test-token-0123456789abcdef';

  it('without a token only loopback Host names are answered (no DNS rebinding)', async () => {
    expect((await get('/', { host: 'localhost:8080' })).statusCode).toBe(200);
    expect((await get('/', { host: '[::1]:8080' })).statusCode).toBe(200);
    const rebound = await get('/', { host: 'evil.example:8080' });
    expect(rebound.statusCode).toBe(400);
    expect(rebound.body).toContain('this server answers only requests to localhost or 127.0.0.1');
  });

  it('with a token: 401 without it; Bearer, ?token= (then a cookie) and the cookie get in', async () => {
    const server = serverFor(fixture.database, { authToken: TOKEN });
    const denied = await get('/', { host: 'news.example' }, server);
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['www-authenticate']).toBe('Bearer realm="newsdedup"');
    expect((await get('/api/stories', { authorization: 'Bearer wrong-token-0123456789' }, server)).statusCode).toBe(401);
    expect((await get('/api/stories', { authorization: `Bearer ${TOKEN}` }, server)).statusCode).toBe(200);
    expect((await get(`/api/stories?token=${TOKEN}`, {}, server)).statusCode).toBe(200);
    const visit = await get(`/?min_outlets=2&token=${TOKEN}`, {}, server);
    expect(visit.statusCode).toBe(303);
    expect(visit.headers['location']).toBe('/?min_outlets=2');
    const cookie = String(visit.headers['set-cookie']);
    expect(cookie).toBe(`newsdedup_token=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
    expect((await get('/?min_outlets=2', { cookie: cookie.split(';')[0] ?? '' }, server)).statusCode).toBe(200);
    expect((await get('/assets/style.css', {}, server)).statusCode).toBe(401);
    await server.close();
  });
});
