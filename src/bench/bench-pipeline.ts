/**
 * The end-to-end benchmark: the whole pipeline (fetch → parse → extract → fingerprint → cluster → store) over a
 * loopback web of many feeds on many hosts, with article bodies made of real news paragraphs (the Article Extraction
 * Benchmark's bodies when ../shared/data is there) and some outlets carrying copies of the same wire stories.
 * Reports new articles/s on the first pass, the wall time of a second pass in which every feed answers 304, and the
 * process's peak resident memory (worker threads included).
 */
import Database from 'better-sqlite3';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { runLocked } from '../commands/run-command.js';
import { parseConfig } from '../config/config.js';
import { createLogger, silentLogger } from '../shared/log.js';
import { startNewsWebProcess } from './news-web-process.js';

/** Options of {@link runPipelineBench}. */
export interface PipelineBenchOptions {
  /** Default 200. */
  feeds?: number;
  /** Default 50. */
  itemsPerFeed?: number;
  /** Distinct hosts the feeds are spread over (per-host politeness applies per host). Default: one per feed, as outlets have their own sites. */
  hosts?: number;
  /** Where the runs' warnings and errors go as JSON lines (BENCH_LOG); default: dropped. */
  logFile?: string;
}

/** What the pipeline benchmark measured. */
export interface PipelineBenchResult {
  feeds: number;
  articles: number;
  firstPassSeconds: number;
  articlesPerSecond: number;
  duplicates: number;
  secondPassSeconds: number;
  secondPassNotModified: number;
  /** First-pass feeds that failed or were skipped (deferred): their articles then arrive in the second pass. */
  feedsFailed: number;
  feedsSkipped: number;
  peakRssMb: number;
  /** The main thread's JavaScript heap at its peak (the rest of the RSS is the extraction workers and native memory). */
  peakMainHeapMb: number;
  /**
   * CPU time of the whole process over the first pass (all threads, the loopback web included), per new article:
   * unlike articles/s it does not depend on what else the machine is doing.
   */
  cpuMsPerArticle: number;
  /** Share of the first pass the main thread's event loop was busy (fingerprint, cluster, SQLite, the web itself). */
  mainThreadBusy: number;
  /** Articles stored from the feed's own text because their page failed (a timeout under load would show here). */
  pageFallbacks: number;
  /** The commonest reasons of those, with counts. */
  pageFallbackReasons: string[];
}

/** Runs the benchmark with the default settings of feeds.yaml (politeness included) and returns its figures. */
export async function runPipelineBench(options: PipelineBenchOptions = {}): Promise<PipelineBenchResult> {
  const feeds = options.feeds ?? 200;
  // The web runs in a child process: what is measured here is the pipeline's alone.
  const web = await startNewsWebProcess(feeds, options.itemsPerFeed ?? 50, options.hosts ?? feeds);
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdedup-bench-'));
  const logStream = options.logFile === undefined ? null : createWriteStream(options.logFile);
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 50);
  try {
    const config = parseConfig(
      stringify({
        database: path.join(dir, 'news.db'),
        allow_networks: ['127.0.0.1/32'],
        feeds: web.feedUrls.map((url, index) => ({ name: `feed-${index}`, outlet: `Outlet ${index}`, url })),
      }),
      path.join(dir, 'feeds.yaml'),
    );
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    const logger = logStream === null ? silentLogger() : createLogger({ verbosity: 'quiet', pretty: false, destination: logStream });
    const first = await runLocked(config, logger, { force: true });
    const cpu = process.cpuUsage(cpuBefore);
    const loop = performance.eventLoopUtilization(loopBefore);
    const fallbacks = countPageFallbacks(config.database);
    const second = await runLocked(config, logger, { force: true });
    return {
      feeds,
      articles: first.articlesNew,
      firstPassSeconds: first.seconds,
      articlesPerSecond: first.articlesNew / Math.max(first.seconds, 0.001),
      duplicates: first.duplicates,
      secondPassSeconds: second.seconds,
      secondPassNotModified: second.feedsNotModified,
      feedsFailed: first.feedsFailed,
      feedsSkipped: first.feedsSkipped,
      peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024,
      peakMainHeapMb: peakHeap / 1024 / 1024,
      cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / Math.max(1, first.articlesNew),
      mainThreadBusy: loop.utilization,
      pageFallbacks: fallbacks.count,
      pageFallbackReasons: fallbacks.reasons,
    };
  } finally {
    clearInterval(sampler);
    // Ended and awaited, so the last lines (the runs' summaries) are on disk before the process exits.
    if (logStream !== null) await new Promise<void>((resolve) => logStream.end(resolve));
    await web.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function countPageFallbacks(file: string): { count: number; reasons: string[] } {
  const db = new Database(file, { readonly: true });
  try {
    // Reasons without their URLs, most frequent first.
    const rows = db
      .prepare<[], { reason: string; n: number }>(
        `SELECT substr(fallback_reason, 1, instr(fallback_reason || ' http', ' http') - 1) AS reason, count(*) AS n
         FROM articles WHERE method = 'feed' GROUP BY 1 ORDER BY n DESC LIMIT 3`,
      )
      .all();
    return { count: rows.reduce((sum, row) => sum + row.n, 0), reasons: rows.map((row) => `${row.n}× ${row.reason}`) };
  } finally {
    db.close();
  }
}

/** The figures as the lines `npm run bench` prints. */
export function formatPipelineBench(result: PipelineBenchResult): string {
  return [
    `pipeline: ${result.feeds} feeds, ${result.articles} new articles (${result.duplicates} wire copies) in ${result.firstPassSeconds.toFixed(1)} s: ` +
      `${result.articlesPerSecond.toFixed(1)} new articles/s (target ≥ 40, issue [12]); ${result.pageFallbacks} stored from feed text after their page failed` +
      (result.pageFallbackReasons.length > 0 ? ` (${result.pageFallbackReasons.join('; ')})` : ''),
    `pipeline: first pass CPU ${result.cpuMsPerArticle.toFixed(1)} ms per new article (all threads; target ≤ 20), main thread busy ${(100 * result.mainThreadBusy).toFixed(0)} %`,
    `pipeline: first pass ${result.feedsFailed} feeds failed, ${result.feedsSkipped} skipped (their items come in the second pass)`,
    `pipeline: second pass, ${result.secondPassNotModified} feeds answered 304: ${result.secondPassSeconds.toFixed(2)} s (target ≤ 2 s)`,
    `pipeline: peak RSS ${result.peakRssMb.toFixed(0)} MB (target ≤ 600 MB), of which main-thread heap ${result.peakMainHeapMb.toFixed(0)} MB`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const feeds = Number(process.env['BENCH_FEEDS'] ?? 200);
  const items = Number(process.env['BENCH_ITEMS'] ?? 50);
  const logFile = process.env['BENCH_LOG'];
  process.stdout.write(`${formatPipelineBench(await runPipelineBench({ feeds, itemsPerFeed: items, ...(logFile ? { logFile } : {}) }))}\n`);
}
