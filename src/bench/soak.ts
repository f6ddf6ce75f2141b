/**
 * `npm run soak -- --runs 200`: many consecutive passes, in one process as `newsdedup watch` runs them, against a
 * loopback web whose feeds gain, change and drop items between passes, with GUID churn and feeds that start and
 * stop failing. Reports per pass: resident memory after GC, database size, articles, duplicated articles (must be
 * 0) and time; then whether memory stayed flat.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { runLocked } from '../commands/run-command.js';
import { parseConfig } from '../config/config.js';
import { createExtractorPool } from '../extract/extractor-pool.js';
import { extractorOptionsFrom } from '../pipeline/stage-options.js';
import { silentLogger } from '../shared/log.js';
import { startNewsWeb } from './news-web.js';
import { loadParagraphs } from './paragraphs.js';

interface PassFigures {
  pass: number;
  rssMb: number;
  heapMb: number;
  dbMb: number;
  articles: number;
  duplicated: number;
  failed: number;
  seconds: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '200' },
      feeds: { type: 'string', default: '40' },
      items: { type: 'string', default: '20' },
    },
  });
  const runs = Number(values.runs);
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdedup-soak-'));
  const web = await startNewsWeb({
    feeds: Number(values.feeds),
    itemsPerFeed: Number(values.items),
    paragraphs: loadParagraphs(),
    wireEvery: 6,
  });
  const database = path.join(dir, 'news.db');
  const config = parseConfig(
    stringify({
      database,
      allow_networks: ['127.0.0.1/32'],
      fetch: { per_host_gap: '1ms', per_host_concurrency: 4 },
      feeds: web.feedUrls.map((url, index) => ({ name: `feed-${index}`, url })),
    }),
    path.join(dir, 'feeds.yaml'),
  );
  const figures: PassFigures[] = [];
  process.stdout.write(`soak: ${runs} passes, ${web.feedUrls.length} feeds × ${values.items} items, database ${database}\n`);
  process.stdout.write('pass  rss_mb  heap_mb  db_mb  articles  duplicated  failed_feeds  seconds\n');
  // As `newsdedup watch` does: one extractor pool for every pass.
  const extractor = createExtractorPool(extractorOptionsFrom(config));
  // Each pass handles SIGINT/SIGTERM by finishing itself; the soak then stops between passes.
  let stopping = false;
  const stop = () => (stopping = true);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    for (let pass = 1; pass <= runs && !stopping; pass++) {
      if (pass > 1) web.advance();
      const summary = await runLocked(config, silentLogger(), { force: true }, null, extractor);
      globalThis.gc?.();
      const memory = process.memoryUsage();
      const row = {
        pass,
        rssMb: memory.rss / 1024 / 1024,
        heapMb: memory.heapUsed / 1024 / 1024,
        ...databaseFigures(database),
        failed: summary.feedsFailed,
        seconds: summary.seconds,
      };
      figures.push(row);
      if (pass <= 5 || pass % 10 === 0 || pass === runs) {
        process.stdout.write(
          `${String(pass).padStart(4)}  ${row.rssMb.toFixed(0).padStart(6)}  ${row.heapMb.toFixed(0).padStart(7)}  ${row.dbMb.toFixed(1).padStart(5)}  ${String(row.articles).padStart(8)}  ` +
            `${String(row.duplicated).padStart(10)}  ${String(row.failed).padStart(12)}  ${row.seconds.toFixed(1).padStart(7)}\n`,
        );
      }
    }
  } finally {
    await extractor.close();
    await web.close();
  }
  report(figures);
  rmSync(dir, { recursive: true, force: true });
}

/** Articles, and articles stored more than once (same feed, same URL): the soak's "nothing duplicated". */
function databaseFigures(file: string): { dbMb: number; articles: number; duplicated: number } {
  const db = new Database(file, { readonly: true });
  try {
    const articles = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM articles').get()?.n ?? 0;
    const distinct = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM (SELECT DISTINCT origin, url FROM articles)').get()?.n ?? 0;
    const bytes = statSync(file).size + fileSize(`${file}-wal`);
    return { dbMb: bytes / 1024 / 1024, articles, duplicated: articles - distinct };
  } finally {
    db.close();
  }
}

function report(figures: readonly PassFigures[]): void {
  const tenth = Math.max(1, Math.floor(figures.length / 10));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const early = median(figures.slice(tenth, 2 * tenth).map((row) => row.rssMb));
  const late = median(figures.slice(-tenth).map((row) => row.rssMb));
  const duplicated = figures.at(-1)?.duplicated ?? 0;
  const growth = early > 0 ? (late - early) / early : 0;
  process.stdout.write(
    `\nresident memory: median ${early.toFixed(0)} MB early (passes ${tenth + 1}-${2 * tenth}), ${late.toFixed(0)} MB late ` +
      `(last ${tenth}): ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}% ${Math.abs(growth) <= 0.15 ? '(flat)' : '(GROWING)'}\n` +
      `duplicated articles: ${duplicated} ${duplicated === 0 ? '(ok)' : '(FAIL)'}\n` +
      `median pass: ${median(figures.map((row) => row.seconds)).toFixed(1)} s\n`,
  );
  if (duplicated !== 0 || Math.abs(growth) > 0.15) process.exitCode = 1;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

await main();
