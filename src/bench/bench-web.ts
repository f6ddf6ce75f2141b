/**
 * Benchmark of `newsdedup serve`'s pages at 100,000 stored articles:
 *   node dist/bench/bench-web.js [--quick]
 *
 * A synthetic database (a temp file): 200 feeds, 100,000 articles over 30 days in event clusters of realistic sizes
 * (60% single-article, a long tail up to 80 articles), a fifth of the articles in clusters of 3+ being syndicated
 * copies. The server is built as `serve` builds it and asked through Fastify's inject (no socket), so the figures are
 * server time: routing, the read transaction, the queries and the HTML. p50/p95 over the requests after a warm-up, of
 * the wall-clock time and of the process's CPU time (the latter barely moves when other processes load the machine).
 * `--quick` stores 10,000 articles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { openDatabase } from '../store/database.js';
import { ReadonlyStore } from '../web/readonly-store.js';
import { buildWebServer } from '../web/server.js';

/** Options of {@link runWebBench}. */
export interface WebBenchOptions {
  /** Stored articles. Default 100,000. */
  articles?: number;
  /** Timed requests per route. Default 200. */
  requests?: number;
  /** Where the table is printed. Default process.stdout. */
  out?: NodeJS.WritableStream;
}

/** Server time of one route: wall-clock, and the CPU time of this process (what the request costs, whatever else runs). */
export interface RouteFigures {
  route: string;
  p50Ms: number;
  p95Ms: number;
  cpuP50Ms: number;
  cpuP95Ms: number;
  bytes: number;
}

// 5,000 made-up words drawn with Zipf's law (rank r with chance ∝ 1/r), so full-text matches are as selective as in news.
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ren',
  'sta',
  'vo',
  'dur',
  'el',
  'fin',
  'gar',
  'hol',
  'ith',
  'jun',
  'mar',
  'nor',
  'ost',
  'pel',
  'quin',
  'ros',
  'tav',
];
const WORDS = Array.from(
  { length: 5_000 },
  (_, n) => `${SYLLABLES[n % 20]}${SYLLABLES[Math.floor(n / 20) % 20]}${n >= 400 ? SYLLABLES[Math.floor(n / 400) % 20] : ''}`,
);
const DAY = 86_400_000;

/** Builds the database, times each route and prints a table; returns the figures. */
export async function runWebBench(options: WebBenchOptions = {}): Promise<RouteFigures[]> {
  const out = options.out ?? process.stdout;
  const articles = options.articles ?? 100_000;
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdedup-bench-web-'));
  try {
    const file = path.join(dir, 'news.db');
    const started = performance.now();
    const clusters = fillDatabase(file, articles, Date.now());
    out.write(
      `Web pages over ${articles.toLocaleString('en')} articles in ${clusters.total.toLocaleString('en')} clusters (built in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    const store = new ReadonlyStore(file);
    const app = buildWebServer({ store });
    const routes = [
      ['stories page (all time, top 30)', '/'],
      ['stories page, last 24 h, 2+ outlets', '/?since=24h&min_outlets=2'],
      ['story page, the biggest story', `/stories/${clusters.biggest}`],
      ['story page, a random story', 'random-story'],
      ['search page (two words, ~1% of articles)', `/search?q=${WORDS[150]}+${WORDS[300]}`],
      ['feeds page (200 feeds)', '/feeds'],
      ['/api/stories (top 30)', '/api/stories'],
    ] as const;
    const figures: RouteFigures[] = [];
    let seed = 1;
    for (const [label, route] of routes) {
      const url = () => (route === 'random-story' ? `/stories/${1 + ((seed = (seed * 48_271) % 2_147_483_647) % clusters.total)}` : route);
      for (let i = 0; i < 20; i++) await app.inject({ url: url(), headers: { host: '127.0.0.1' } });
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < (options.requests ?? 200); i++) {
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        const response = await app.inject({ url: url(), headers: { host: '127.0.0.1' } });
        const used = process.cpuUsage(cpuStart);
        times.push(performance.now() - start);
        cpu.push((used.user + used.system) / 1000);
        if (response.statusCode !== 200)
          throw new Error(`bench-web: ${url()} answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
        bytes = response.body.length;
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      figures.push({ route: label, p50Ms: at(times, 0.5), p95Ms: at(times, 0.95), cpuP50Ms: at(cpu, 0.5), cpuP95Ms: at(cpu, 0.95), bytes });
    }
    await app.close();
    store.close();
    out.write(`  load average during the run: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores\n`);
    out.write('  route                                       wall p50/p95 ms   CPU p50/p95 ms   bytes\n');
    for (const row of figures) {
      const pair = (a: number, b: number) => `${a.toFixed(1)} / ${b.toFixed(1)}`.padStart(15);
      out.write(
        `  ${row.route.padEnd(42)} ${pair(row.p50Ms, row.p95Ms)}  ${pair(row.cpuP50Ms, row.cpuP95Ms)}  ${row.bytes.toLocaleString('en').padStart(8)}\n`,
      );
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function at(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

/** Writes the synthetic feeds, clusters, groups and articles in one transaction; returns the cluster count and the biggest. */
export function fillDatabase(file: string, count: number, now: number): { total: number; biggest: number } {
  const db = openDatabase(file);
  let random = 7;
  const next = () => (random = (random * 16_807) % 2_147_483_647) / 2_147_483_647;
  const word = () => WORDS[Math.min(WORDS.length - 1, Math.floor(Math.exp(next() * Math.log(WORDS.length))) - 1)] ?? 'news';
  const iso = (ms: number) => new Date(ms).toISOString();
  const statements = prepare(db);
  let biggest = { id: 0, size: 0 };
  let clusterCount = 0;
  db.transaction(() => {
    for (let feed = 1; feed <= 200; feed++) {
      statements.feed.run({ name: `feed-${feed}`, url: `https://outlet-${feed}.example/feed.xml`, outlet: `Outlet ${feed}`, at: iso(now) });
    }
    for (let stored = 0; stored < count;) {
      const roll = next();
      const size = Math.min(
        count - stored,
        roll < 0.6
          ? 1
          : roll < 0.85
            ? 2 + Math.floor(next() * 4)
            : roll < 0.97
              ? 6 + Math.floor(next() * 15)
              : 21 + Math.floor(next() * 60),
      );
      const broke = now - next() * 30 * DAY;
      const words = Array.from({ length: 6 }, word);
      const cluster = Number(
        statements.cluster.run({ headline: `Story ${clusterCount + 1}: ${words.join(' ')}`, at: iso(broke) }).lastInsertRowid,
      );
      clusterCount++;
      const outlets = new Set<number>();
      let group = 0;
      let last = broke;
      for (let i = 0; i < size; i++, stored++) {
        const feed = 1 + Math.floor(next() * 200);
        const published = broke + (i === 0 ? 0 : next() * DAY);
        last = Math.max(last, published);
        outlets.add(feed);
        const copy = size >= 3 && i > 0 && next() < 0.2;
        const text = `${words.join(' ')} ${Array.from({ length: 80 }, word).join(' ')}.`;
        const article = Number(
          statements.article.run({
            feed,
            key: `item-${stored}`,
            source: `Outlet ${feed}`,
            title: `${words.slice(0, 4).join(' ')} (${stored})`,
            text,
            url: `https://outlet-${feed}.example/a/${stored}`,
            at: iso(published),
            cluster,
          }).lastInsertRowid,
        );
        if (!copy || group === 0) group = Number(statements.group.run({ article, at: iso(published) }).lastInsertRowid);
        statements.join.run({ group, article });
      }
      statements.finish.run({ cluster, articles: size, outlets: outlets.size, last: iso(last) });
      if (size > biggest.size) biggest = { id: cluster, size };
    }
    db.prepare(`INSERT INTO term_corpus (lang, docs) VALUES ('en', ?)`).run(count);
  })();
  db.close();
  return { total: clusterCount, biggest: biggest.id };
}

function prepare(db: Database.Database) {
  return {
    feed: db.prepare(`INSERT INTO feeds (name, url, effective_url, outlet, last_fetched_at, last_success_at, last_status, last_outcome, items_last_seen, next_check_at, created_at, updated_at)
      VALUES (@name, @url, @url, @outlet, @at, @at, 200, 'ok', 50, @at, @at, @at)`),
    cluster: db.prepare(
      `INSERT INTO clusters (headline, lang, first_seen_at, last_updated_at, created_at, updated_at) VALUES (@headline, 'en', @at, @at, @at, @at)`,
    ),
    article:
      db.prepare(`INSERT INTO articles (feed_id, origin, item_key, source, title, text, url, lang, published_at, first_seen_at, updated_at, method, text_hash, cluster_id)
      VALUES (@feed, 'feed-' || @feed, @key, @source, @title, @text, @url, 'en', @at, @at, @at, 'feed', @key, @cluster)`),
    group: db.prepare(`INSERT INTO duplicate_groups (canonical_article_id, first_seen_at) VALUES (@article, @at)`),
    join: db.prepare(`UPDATE articles SET duplicate_group_id = @group WHERE id = @article`),
    finish: db.prepare(
      `UPDATE clusters SET article_count = @articles, outlet_count = @outlets, last_updated_at = @last WHERE id = @cluster`,
    ),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runWebBench(process.argv.includes('--quick') ? { articles: 10_000 } : {});
}
