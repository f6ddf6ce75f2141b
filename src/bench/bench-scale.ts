/**
 * `npm run bench:scale [-- --articles N] [-- --out docs/bench-scale]`: newsdedup as the store grows. A synthetic
 * stream of N articles (default 1,000,000) over 60 simulated days, built from the real texts of ../shared/data
 * (scale-stream.ts), goes through `import`'s own steps — each line parsed and checked (`parseLine`), made an article
 * (`toArticle`), 200 per write transaction through the ingester `import` creates — into a SQLite file in a temp dir.
 *
 * At 10k / 30k / 100k / 300k / 1M stored (those below N, and N) it prints and records: the ingest rate over the segment since
 * the last checkpoint; per-article dedup + clustering time p50/p99 (one article's turn inside the ingest call: its
 * validation, fingerprints, duplicate lookup, cluster assignment and rows) and the batch's settle() after them;
 * peak RSS; database bytes per article; p50 latency of the read paths (scale-measure.ts); pairwise and B-cubed F1
 * of the clusters against the stream's known events. Writes OUT.json and OUT.svg (the curves) after each checkpoint,
 * so a long run that is stopped keeps what it measured. Batches carry the simulated time as their `now`, as
 * eval:clusters does, so "the last 24 hours" is the stream's.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseLine, toArticle } from '../commands/import-command.js';
import { parseConfig } from '../config/config.js';
import { createExtractorPool } from '../extract/extractor-pool.js';
import { DEFAULT_MINHASH_PARAMS } from '../fingerprint/fingerprint-text.js';
import type { ArticleInput } from '../model.js';
import { createIngester, ingestSettingsFrom } from '../pipeline/ingest.js';
import { extractorOptionsFrom } from '../pipeline/stage-options.js';
import { silentLogger } from '../shared/log.js';
import { openDatabase, writeTransaction } from '../store/database.js';
import { REPO_ROOT, sharedDataDir } from './paragraphs.js';
import { renderScaleChart } from './scale-chart.js';
import { bytesByTable, databaseBytes, measureQuality, measureQueries, quantile } from './scale-measure.js';
import type { ScaleCheckpoint, ScaleResult } from './scale-result.js';
import { loadStoryTemplates } from './scale-sources.js';
import { buildScaleStream, type ScaleStream, type StreamArticle } from './scale-stream.js';
import { commonWords } from './scale-text.js';

/** Lines per write transaction: import's own batch size. */
const BATCH = 200;
// 30k is not one of the issue's marks: it puts a point between the first two on a busy machine where 100k takes hours.
const CHECKPOINTS = [10_000, 30_000, 100_000, 300_000, 1_000_000];

interface Segment {
  times: number[];
  cpuTimes: number[];
  cpuMs: number;
  settles: number[];
  wallMs: number;
  stored: number;
}

async function main(): Promise<void> {
  const articles = numberArg('--articles') ?? 1_000_000;
  const out = path.resolve(REPO_ROOT, stringArg('--out') ?? 'docs/bench-scale');
  const dataDir = sharedDataDir();
  if (!dataDir) {
    process.stdout.write('bench-scale: skipped, ../shared/data is absent (the stream is built from its texts)\n');
    return;
  }
  const loadStarted = performance.now();
  const templates = loadStoryTemplates(dataDir);
  const keep = commonWords(templates.flatMap((template) => template.articles.map((article) => article.text)));
  const stream = buildScaleStream(templates, keep, { articles });
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
  process.stdout.write(
    `bench-scale: ${stream.total.toLocaleString('en')} articles over 60 days, ${stream.events.toLocaleString('en')} events in ${stream.rounds} rounds ` +
      `(${Object.entries(stream.counts)
        .map(([kind, n]) => `${n.toLocaleString('en')} ${kind}`)
        .join(', ')}), ` +
      `from ${templates.length.toLocaleString('en')} real stories (${((performance.now() - loadStarted) / 1000).toFixed(1)} s); ${machine}\n`,
  );
  const marks = [...CHECKPOINTS.filter((mark) => mark < stream.total), stream.total];
  const result: ScaleResult = {
    date: new Date().toISOString().slice(0, 10),
    machine,
    articles: stream.total,
    stream: { events: stream.events, rounds: stream.rounds, counts: stream.counts },
    checkpoints: [],
    bytesByTable: [],
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdedup-bench-scale-'));
  // A long run is often stopped by hand: the temp database (gigabytes at a million) goes with it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    await run(stream, marks, path.join(dir, 'news.db'), result, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(stream: ScaleStream, marks: readonly number[], file: string, result: ScaleResult, out: string): Promise<void> {
  const config = parseConfig('feeds: []\n', path.join(path.dirname(file), 'bench.yaml'));
  const db = openDatabase(file);
  const pool = createExtractorPool(extractorOptionsFrom(config));
  const ingester = createIngester(db, ingestSettingsFrom(config, DEFAULT_MINHASH_PARAMS.seed));
  const logger = silentLogger();
  const source = stream.articles();
  let segment: Segment = { times: [], cpuTimes: [], cpuMs: 0, settles: [], wallMs: 0, stored: 0 };
  let stored = 0;
  let duplicates = 0;
  let ingestPeakRss = 0;
  let nowMs = stream.startMs;
  printHeader();
  try {
    for (const mark of marks) {
      while (stored < mark) {
        const batch = take(source, Math.min(BATCH, mark - stored));
        if (batch.length === 0) break;
        const lines = batch.map((article) => JSON.stringify(article.line));
        nowMs = Math.max(nowMs, ...batch.map((article) => article.timeMs));
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const inputs = await Promise.all(lines.map((line, i) => articleOf(line, stored + i, pool, logger)));
        const touches: Touches = { wall: new Float64Array(inputs.length + 1), cpu: new Float64Array(inputs.length + 1) };
        const timed = [
          ...inputs.map((input, i) => timedArticle(input, i, touches)),
          timedArticle(sentinel(inputs[0]), inputs.length, touches),
        ];
        const counts = writeTransaction(db, () => ingester.ingest(timed, new Date(nowMs)));
        const ended = performance.now();
        const cpu = process.cpuUsage(cpuStarted);
        checkTouches(touches.wall, counts.rejected);
        for (let i = 0; i < inputs.length; i++) {
          segment.times.push((touches.wall[i + 1] ?? 0) - (touches.wall[i] ?? 0));
          segment.cpuTimes.push(((touches.cpu[i + 1] ?? 0) - (touches.cpu[i] ?? 0)) / 1000);
        }
        segment.settles.push(ended - (touches.wall[inputs.length] ?? ended));
        segment.cpuMs += (cpu.user + cpu.system) / 1000;
        segment.wallMs += ended - started;
        segment.stored += counts.inserted;
        stored += counts.inserted;
        duplicates += counts.duplicates;
        ingestPeakRss = Math.max(ingestPeakRss, process.memoryUsage.rss());
        if (counts.inserted !== batch.length)
          throw new Error(`bench-scale: a batch of ${batch.length} stored ${counts.inserted} (every stream article is new)`);
        // A turn of the event loop per batch (the awaits above resolve at once): lets a SIGINT/SIGTERM be handled.
        await new Promise((resolve) => setImmediate(resolve));
        // Progress on stderr: a run to a million takes hours.
        if (stored % 5_000 === 0)
          process.stderr.write(
            `  … ${stored.toLocaleString('en')} stored, ${(segment.stored / (segment.wallMs / 1000)).toFixed(0)} docs/s in this segment\n`,
          );
      }
      const checkpoint = await measure(db, file, stream, { stored, segment, duplicates, ingestPeakRss, nowMs });
      result.checkpoints.push(checkpoint);
      printRow(checkpoint);
      if (mark === marks[marks.length - 1]) result.bytesByTable = bytesByTable(db);
      save(result, out);
      segment = { times: [], cpuTimes: [], cpuMs: 0, settles: [], wallMs: 0, stored: 0 };
    }
  } finally {
    await pool.close();
    db.close();
  }
  if (result.bytesByTable.length > 0) {
    process.stdout.write(
      `  biggest tables and indexes at ${stored.toLocaleString('en')}: ${result.bytesByTable.map((t) => `${t.name} ${(t.bytes / stored).toFixed(0)} B/article`).join(', ')}\n`,
    );
  }
  process.stdout.write(`  wrote ${path.relative(REPO_ROOT, out)}.json and .svg\n`);
}

async function articleOf(
  line: string,
  index: number,
  pool: ReturnType<typeof createExtractorPool>,
  logger: ReturnType<typeof silentLogger>,
): Promise<ArticleInput> {
  const parsed = parseLine(line);
  if (!parsed.ok) throw new Error(`bench-scale: stream line ${index} refused by import: ${parsed.reason}`);
  const article = await toArticle(parsed.value, { file: 'bench-scale', line: index + 1 }, pool, logger);
  if (article === null) throw new Error(`bench-scale: stream line ${index} rejected by import's validation`);
  return article;
}

/**
 * One article's turn inside `ingest` starts when the ingester first reads a field of it other than `itemKey` (it
 * reads every item key up front, then validates and stores the articles one by one), so the time between two
 * articles' first reads is the first one's dedup + clustering, without touching the pipeline's code.
 */
function timedArticle(article: ArticleInput, i: number, touches: Touches): ArticleInput {
  return new Proxy(article, {
    get(target, key, receiver) {
      if (key !== 'itemKey' && touches.wall[i] === 0) {
        touches.wall[i] = performance.now();
        const cpu = process.cpuUsage();
        touches.cpu[i] = cpu.user + cpu.system;
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** When each article's turn began: wall-clock ms and process CPU µs. */
interface Touches {
  wall: Float64Array;
  cpu: Float64Array;
}

/** An article ingest refuses at once (its URL is not http): its first read ends the last real article's turn. */
function sentinel(template: ArticleInput | undefined): ArticleInput {
  if (template === undefined) throw new Error('bench-scale: empty batch');
  return { ...template, url: 'ftp://bench-scale.invalid/', itemKey: 'bench-scale:sentinel' };
}

function checkTouches(touches: Float64Array, rejected: number): void {
  const ordered = touches.every((time, i) => time > 0 && (i === 0 || time >= (touches[i - 1] ?? 0)));
  if (!ordered || rejected !== 1)
    throw new Error('bench-scale: the per-article timing no longer matches how ingest reads its batch (see timedArticle)');
}

async function measure(
  db: ReturnType<typeof openDatabase>,
  file: string,
  stream: ScaleStream,
  state: { stored: number; segment: Segment; duplicates: number; ingestPeakRss: number; nowMs: number },
): Promise<ScaleCheckpoint> {
  const { segment } = state;
  const queriesP50Ms = await measureQueries(db, file, state.nowMs, state.stored);
  const quality = measureQuality(db, (index) => stream.eventOf(index));
  return {
    stored: state.stored,
    ingestPerSecond: segment.stored / (segment.wallMs / 1000),
    articleP50Ms: quantile(segment.times, 0.5),
    articleP99Ms: quantile(segment.times, 0.99),
    articleCpuP50Ms: quantile(segment.cpuTimes, 0.5),
    articleCpuP99Ms: quantile(segment.cpuTimes, 0.99),
    cpuMsPerArticle: segment.cpuMs / segment.stored,
    loadAverage: os.loadavg()[0] ?? Number.NaN,
    settleP50Ms: quantile(segment.settles, 0.5),
    ingestPeakRssMb: state.ingestPeakRss / 1024 ** 2,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    dbBytesPerArticle: databaseBytes(db, file) / state.stored,
    queriesP50Ms,
    quality,
    duplicatesFound: state.duplicates,
    simulatedDay: (state.nowMs - stream.startMs) / 86_400_000,
  };
}

function printHeader(): void {
  process.stdout.write(
    '  stored   docs/s  CPU ms/doc  article p50/p99 ms (CPU)     settle p50  peak RSS MB  B/article  clusters24h  cluster  search   story  stories24h  pairwise P/R/F1    B³ F1   day  load\n',
  );
}

function printRow(c: ScaleCheckpoint): void {
  const q = c.queriesP50Ms;
  const ms = (value: number) => value.toFixed(1).padStart(7);
  process.stdout.write(
    `  ${c.stored.toLocaleString('en').padStart(9)} ${c.ingestPerSecond.toFixed(0).padStart(5)} ${c.cpuMsPerArticle.toFixed(2).padStart(10)}` +
      `  ${`${c.articleP50Ms.toFixed(2)} / ${c.articleP99Ms.toFixed(1)} (${c.articleCpuP50Ms.toFixed(2)} / ${c.articleCpuP99Ms.toFixed(1)})`.padStart(27)}` +
      `  ${c.settleP50Ms.toFixed(0).padStart(7)} ms  ${`${c.ingestPeakRssMb.toFixed(0)} (${c.peakRssMb.toFixed(0)})`.padStart(11)}  ${c.dbBytesPerArticle.toFixed(0).padStart(9)}` +
      `  ${ms(q.clustersSince24h)}    ${ms(q.clusterById)} ${ms(q.search)} ${ms(q.storyPage)}  ${ms(q.storiesPage24h)}` +
      `   ${c.quality.pairwise.precision.toFixed(3)}/${c.quality.pairwise.recall.toFixed(3)}/${c.quality.pairwise.f1.toFixed(3)}  ${c.quality.bcubed.f1.toFixed(3)}  ${c.simulatedDay.toFixed(1).padStart(4)}  ${c.loadAverage.toFixed(1)}\n`,
  );
}

function save(result: ScaleResult, out: string): void {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(`${out}.json`, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(`${out}.svg`, renderScaleChart(result));
}

function take(source: Iterator<StreamArticle>, count: number): StreamArticle[] {
  const batch: StreamArticle[] = [];
  while (batch.length < count) {
    const next = source.next();
    if (next.done) break;
    batch.push(next.value);
  }
  return batch;
}

function stringArg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function numberArg(name: string): number | undefined {
  const value = stringArg(name);
  if (value === undefined) return undefined;
  const number = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(number) || number < 1) throw new Error(`bench-scale: ${name} expects a positive whole number, got ${value}`);
  return number;
}

await main();
