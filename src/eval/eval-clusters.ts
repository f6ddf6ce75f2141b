/**
 * Event clustering evaluation: replays the six labelled sets of `../shared/data` through the same incremental path
 * as `run` (a real SQLite file; insert each article row, then assign it; settle() per batch) and prints, for each,
 * pairwise, B-cubed and ARI scores beside the TF-IDF single-pass baseline computed in the same run
 * (tfidf-baseline.ts); semeval-dev is scored on its graded pairs instead (semeval-pairs.ts). One summary table ends
 * the run.
 *
 *   node dist/eval/eval-clusters.js [--dataset NAME|all] [--seeds N] [--batch N] [--explain N] [--only-baseline]
 *                                   [key=value …]
 *
 * NAME is a set's folder name or alias (ecbplus, uci, gva, allsides, giveme, semeval). `key=value` overrides an
 * EventClusterConfig field (e.g. `threshold=0.35`, `windowHours=null`); `key=v1,v2,…` sweeps a grid and prints one
 * line per config. Dated sets replay in date order (undated articles among them: see stampUndated); ECB+ and
 * semeval have no dates: they run without a time window, in `--seeds` seeded shuffled orders (default 3).
 * `--batch N` replays N articles per transaction and settle() (default 25, one feed's new items). `--explain N`
 * prints, for the first replay of each clustered set, the N clusters with most false-positive pairs and the N gold
 * events with most false-negative pairs, and how far a perfect merge step could lift pairwise F1 (see
 * error-report.ts). `--only-baseline` skips the clusterer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_EVENT_CLUSTER_CONFIG, type EventClusterConfig } from '../cluster/cluster-config.js';
import { parseConfig } from '../config/config.js';
import { DEFAULT_MINHASH_PARAMS } from '../fingerprint/fingerprint-text.js';
import { createIngester, ingestSettingsFrom } from '../pipeline/ingest.js';
import { averageScores, clusterScores, type ClusterScores, type Prf } from './cluster-metrics.js';
import { defaultDataRoot, loadDatasets, replayOrder, selectDatasets, DATASETS, type EvalArticle, type EvalDataset } from './datasets.js';
import { errorReport, formatErrorReport } from './error-report.js';
import {
  averageReports,
  minLanguageRecall,
  oracleThreshold,
  scoreStoryPairs,
  type PairScores,
  type SemEvalReport,
} from './semeval-pairs.js';
import { DEFAULT_STREAM_BASELINE, perLanguageVectors, singlePassBaseline, dotProduct } from './tfidf-baseline.js';
import type { ArticleInput } from '../model.js';
import type Database from 'better-sqlite3';
import type { JoinCandidate } from '../cluster/event-clusterer.js';
import type { LogisticModel } from '../cluster/logistic.js';
import { openDatabase } from '../store/database.js';

// ─── replay ───────────────────────────────────────────────────────────────

const UNDATED_TIME = '2000-01-01T00:00:00.000Z';
/** Articles per transaction (and per settle()) by default, as one feed's new items in a run. */
export const DEFAULT_BATCH = 25;

function toInput(a: EvalArticle): ArticleInput {
  return {
    feedName: null,
    source: a.source,
    itemKey: `eval:${a.id}`,
    externalId: a.id,
    guid: null,
    url: null,
    canonicalUrl: null,
    title: a.title,
    text: a.text,
    html: null,
    byline: null,
    lang: a.lang,
    publishedAt: a.time ?? UNDATED_TIME,
    modifiedAt: null,
    method: 'import',
    fallbackReason: null,
    itemHash: null,
  };
}

/**
 * Replays articles in the given order into a fresh SQLite file through the ingest stage that `run` and `import`
 * use (validation, fingerprints, near-duplicate groups, event clusters), a batch per transaction with settle() at
 * its end (as run does per feed), and returns each article's final cluster id (following merges), in input order.
 * The clock of each batch is its newest article's time, as a live run would see it.
 */
export function replay(
  articles: readonly EvalArticle[],
  config: Partial<EventClusterConfig>,
  batch = DEFAULT_BATCH,
  hooks: ReplayHooks = {},
): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdedup-eval-'));
  try {
    const db = openDatabase(path.join(dir, 'eval.sqlite'));
    const settings = ingestSettingsFrom(parseConfig('feeds: []\n', path.join(dir, 'eval.yaml')), DEFAULT_MINHASH_PARAMS.seed);
    const onJoin = hooks.onJoin;
    const observeJoin =
      onJoin === undefined
        ? undefined
        : (articleId: number, candidates: readonly JoinCandidate[]): void => onJoin(db, articleId, candidates);
    const onMerge = hooks.onMerge;
    const observeMerge =
      onMerge === undefined
        ? undefined
        : (clusterId: number, candidates: readonly JoinCandidate[]): void => onMerge(db, clusterId, candidates);
    const ingester = createIngester(
      db,
      { ...settings, cluster: config },
      { joinModel: hooks.joinModel, observeJoin, mergeModel: hooks.mergeModel, observeMerge },
    );
    for (let start = 0; start < articles.length; start += batch) {
      const inputs = articles.slice(start, start + batch).map(toInput);
      const newest = inputs.reduce((max, a) => Math.max(max, Date.parse(a.publishedAt ?? UNDATED_TIME)), Date.parse(UNDATED_TIME));
      db.transaction(() => ingester.ingest(inputs, new Date(newest)))();
    }
    const final = db.prepare('SELECT cluster_id FROM articles WHERE item_key = ?').pluck();
    const labels = articles.map((a) => String(final.get(toInput(a).itemKey)));
    db.close();
    return labels;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What fit:clusters hands a replay: join and merge models to use, and observers of every such decision (with the live database). */
export interface ReplayHooks {
  joinModel?: LogisticModel;
  onJoin?: (db: Database.Database, articleId: number, candidates: readonly JoinCandidate[]) => void;
  mergeModel?: LogisticModel;
  onMerge?: (db: Database.Database, clusterId: number, candidates: readonly JoinCandidate[]) => void;
}

/** One replay's articles (in replay order) and their predicted cluster labels. */
export type ReplayObserver = (order: readonly EvalArticle[], predicted: readonly string[], seed: number) => void;

/** How to replay a dataset. */
export interface ReplayOptions {
  /** Shuffled orders of an undated set (a dated set is replayed once, in date order). */
  seeds: number;
  /** Articles per transaction and settle(). Default DEFAULT_BATCH. */
  batch?: number;
  /** Sees each replay's prediction. */
  observe?: ReplayObserver;
  /** Join model and join observer for the replays (fit:clusters). */
  hooks?: ReplayHooks;
}

/** The replay orders of a dataset: date order once, or one seeded shuffle per seed 1…seeds. */
function replayOrders(dataset: EvalDataset, seeds: number): { seed: number; order: EvalArticle[] }[] {
  const count = dataset.dated ? 1 : Math.max(1, seeds);
  return Array.from({ length: count }, (_, i) => ({ seed: i + 1, order: replayOrder(dataset, i + 1) }));
}

/** Scores one dataset under one clusterer config, averaged over the replay orders. */
export function evaluate(dataset: EvalDataset, config: Partial<EventClusterConfig>, options: ReplayOptions): ClusterScores {
  const runs = replayOrders(dataset, options.seeds).map(({ seed, order }) => {
    const predicted = replay(order, { ...dataset.overrides, ...config }, options.batch, options.hooks);
    options.observe?.(order, predicted, seed);
    return clusterScores(
      order.map((a) => a.label),
      predicted,
    );
  });
  return averageScores(runs);
}

/**
 * The TF-IDF single-pass baseline over the same orders as evaluate(): 3-day window on dated sets, none otherwise
 * (`windowHours` overrides that, e.g. null to show what the window is worth).
 */
export function evaluateBaseline(
  dataset: EvalDataset,
  seeds: number,
  windowHours = dataset.dated ? DEFAULT_STREAM_BASELINE.windowHours : null,
): ClusterScores {
  const runs = replayOrders(dataset, seeds).map(({ order }) => {
    const predicted = singlePassBaseline(order, { windowHours }).map(String);
    return clusterScores(
      order.map((a) => a.label),
      predicted,
    );
  });
  return averageScores(runs);
}

function requirePairs(dataset: EvalDataset): NonNullable<EvalDataset['pairs']> {
  if (dataset.pairs === null) throw new Error(`eval: ${dataset.name} has no graded pairs`);
  return dataset.pairs;
}

/**
 * semeval-dev: all articles replayed as one stream (seeded shuffles, no window; languages are the clusterer's
 * business), "same cluster" read as a same-story decision on the graded pairs, averaged over the orders.
 */
export function evaluateStoryPairs(dataset: EvalDataset, config: Partial<EventClusterConfig>, options: ReplayOptions): SemEvalReport {
  const pairs = requirePairs(dataset);
  const reports = replayOrders(dataset, options.seeds).map(({ seed, order }) => {
    const predicted = replay(order, { ...dataset.overrides, ...config }, options.batch, options.hooks);
    options.observe?.(order, predicted, seed);
    const cluster = new Map(order.map((a, i) => [a.id, predicted[i]]));
    return scoreStoryPairs(pairs, (p) => cluster.get(p.id1) !== undefined && cluster.get(p.id1) === cluster.get(p.id2));
  });
  return averageReports(reports);
}

/** The semeval baseline: per-language TF-IDF cosine of each pair, at the notes' 0.2 and at the oracle threshold. */
export interface PairBaseline {
  threshold: number;
  report: SemEvalReport;
  oracle: { threshold: number; report: SemEvalReport };
}

/** Scores the per-language TF-IDF cosine of each pair at `threshold` (default 0.2) and at the oracle threshold. */
export function evaluatePairBaseline(dataset: EvalDataset, threshold = DEFAULT_STREAM_BASELINE.threshold): PairBaseline {
  const pairs = requirePairs(dataset);
  const vectors = perLanguageVectors(dataset.articles);
  const cos = new Map(pairs.map((p) => [p, dotProduct(vectors.get(p.id1) ?? new Map(), vectors.get(p.id2) ?? new Map())]));
  const similarity = (p: (typeof pairs)[number]): number => cos.get(p) ?? 0;
  return { threshold, report: scoreStoryPairs(pairs, (p) => similarity(p) >= threshold), oracle: oracleThreshold(pairs, similarity) };
}

// ─── output ───────────────────────────────────────────────────────────────

const f3 = (x: number): string => x.toFixed(3);

/** One labelled line per metric, e.g. `ecbplus-dev  pairwise  P 0.912  R 0.930  F1 0.921`. */
export function formatScores(name: string, s: ClusterScores): string {
  const width = Math.max(16, name.length);
  const prf = (label: string, m: Prf): string =>
    `${name.padEnd(width)} ${label.padEnd(9)} P ${f3(m.precision)}  R ${f3(m.recall)}  F1 ${f3(m.f1)}`;
  return [prf('pairwise', s.pairwise), prf('b-cubed', s.bcubed), `${name.padEnd(width)} ${'ARI'.padEnd(9)} ${f3(s.ari)}`].join('\n');
}

/**
 * The semeval table: one row per language, then same-language and cross-language pairs; columns P/R/F1 of each
 * named report (e.g. newsdedup, TF-IDF ≥ 0.2, TF-IDF at the oracle threshold).
 */
export function formatStoryReports(columns: readonly { name: string; report: SemEvalReport }[]): string {
  const first = columns[0]?.report;
  if (first === undefined) return '';
  const cell = (s: PairScores | undefined): string =>
    s === undefined ? '—'.padEnd(23) : `P ${f3(s.precision)} R ${f3(s.recall)} F1 ${f3(s.f1)}`;
  const head = `${'pairs'.padEnd(15)} ${'n (same)'.padEnd(10)} ${columns.map((c) => c.name.padEnd(30)).join(' ')}`;
  const row = (label: string, pick: (r: SemEvalReport) => PairScores | undefined): string => {
    const base = pick(first);
    const count = base === undefined ? '' : `${Math.round(base.pairs)} (${Math.round(base.positives)})`;
    return `${label.padEnd(15)} ${count.padEnd(10)} ${columns.map((c) => cell(pick(c.report)).padEnd(30)).join(' ')}`;
  };
  const langs = [...first.perLanguage.keys()];
  return [
    head,
    ...langs.map((l) => row(`  ${l}`, (r) => r.perLanguage.get(l))),
    row('same-language', (r) => r.sameLanguage),
    row('cross-language', (r) => r.crossLanguage),
  ].join('\n');
}

/** One set's figures for the summary table (null where not computed). */
export interface SetSummary {
  name: string;
  newsdedup: ClusterScores | SemEvalReport | null;
  baseline: ClusterScores | PairBaseline;
  seconds: number;
}

/** The issue's targets ([9]), as printed in the summary. */
const TARGETS: Readonly<Record<string, string>> = {
  'ecbplus-dev': 'pairwise ≥ 0.93',
  'uci-news-sample': 'pairwise ≥ 0.78 (signal, no target)',
  'gva-dev': 'pairwise ≥ 0.75, B³ ≥ 0.92',
  'allsides-dev': 'pairwise ≥ 0.87',
  giveme5w1h: 'pairwise ≥ 0.85',
  'semeval-dev': 'same-lang F1 ≥ 0.88, every lang R ≥ 0.6',
};

function isStoryReport(x: ClusterScores | SemEvalReport): x is SemEvalReport {
  return 'sameLanguage' in x;
}

function storyCell(r: SemEvalReport): string {
  const min = minLanguageRecall(r);
  return `same-lang F1 ${f3(r.sameLanguage.f1)}, min R ${f3(min.recall)} (${min.lang ?? '—'})`;
}

function summaryCell(x: ClusterScores | SemEvalReport | PairBaseline | null): string {
  if (x === null) return '—';
  if ('oracle' in x)
    return `${storyCell(x.report)} at cos ≥ ${x.threshold}; oracle cos ≥ ${f3(x.oracle.threshold)}: ${storyCell(x.oracle.report)}`;
  if (isStoryReport(x)) return storyCell(x);
  return `${f3(x.pairwise.f1)} (${f3(x.bcubed.f1)})`;
}

/** The one table at the end: a Markdown table, rows = sets, so it can go into the README as printed. */
export function formatSummary(rows: readonly SetSummary[]): string {
  const lines = [
    '| set | newsdedup pairwise F1 (B³ F1) | TF-IDF single pass pairwise F1 (B³ F1) | target ([9]) | time |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${summaryCell(r.newsdedup)} | ${summaryCell(r.baseline)} | ${TARGETS[r.name] ?? ''} | ${r.seconds.toFixed(1)} s |`,
    ),
  ];
  return lines.join('\n');
}

// ─── command line ─────────────────────────────────────────────────────────

/** Parses `key=value` overrides of EventClusterConfig fields (numbers, or `null` for windowHours). */
export function parseOverrides(args: readonly string[]): Partial<EventClusterConfig> {
  const out: Partial<EventClusterConfig> = {};
  for (const arg of args) {
    const [key = '', raw = ''] = arg.split('=', 2);
    if (!(key in DEFAULT_EVENT_CLUSTER_CONFIG))
      throw new Error(`eval: unknown config key "${key}" (expected one of ${Object.keys(DEFAULT_EVENT_CLUSTER_CONFIG).join(', ')})`);
    const value = raw === 'null' ? null : Number(raw);
    if (value !== null && !Number.isFinite(value)) throw new Error(`eval: ${key} must be a number, got "${raw}"`);
    if (value === null && key !== 'windowHours') throw new Error(`eval: only windowHours may be null, got ${key}=null`);
    Reflect.set(out, key, value);
  }
  return out;
}

/** Expands `key=v1,v2` arguments into the cartesian grid of `key=value` lists (one list per config). */
export function expandGrid(args: readonly string[]): string[][] {
  let grid: string[][] = [[]];
  for (const arg of args) {
    const [key = '', raw = ''] = arg.split('=', 2);
    grid = grid.flatMap((cfg) => raw.split(',').map((v) => [...cfg, `${key}=${v}`]));
  }
  return grid;
}

/** Parsed command-line options. */
interface CliOptions {
  which: string;
  seeds: number;
  explain: number;
  batch: number;
  onlyBaseline: boolean;
  rest: string[];
}

function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = { which: 'all', seeds: 3, explain: 0, batch: DEFAULT_BATCH, onlyBaseline: false, rest: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--dataset') o.which = argv[++i] ?? 'all';
    else if (arg === '--seeds') o.seeds = Math.max(1, Math.floor(Number(argv[++i] ?? '3')) || 3);
    else if (arg === '--batch') o.batch = Math.max(1, Math.floor(Number(argv[++i] ?? String(DEFAULT_BATCH))) || DEFAULT_BATCH);
    else if (arg === '--explain') o.explain = Math.max(0, Math.floor(Number(argv[++i] ?? '10')) || 0);
    else if (arg === '--only-baseline') o.onlyBaseline = true;
    else o.rest.push(arg);
  }
  return o;
}

function loadOrExplain(which: string): EvalDataset[] {
  if (selectDatasets(which).length === 0) {
    const names = DATASETS.flatMap((d) => [d.name, ...d.aliases]).join(', ');
    throw new Error(`eval: unknown dataset "${which}" (expected all or one of ${names})`);
  }
  const root = defaultDataRoot();
  const { datasets, absent } = loadDatasets(which, root);
  if (absent.length > 0) process.stdout.write(`skipping ${absent.join(', ')}: not found under ${root}\n`);
  if (datasets.length === 0)
    throw new Error(`eval: no dataset found under ${root} (expected ${DATASETS.map((d) => `${d.name}/`).join(', ')})`);
  for (const d of datasets) {
    if (d.problems.length === 0) continue;
    const first = d.problems[0]?.message ?? '';
    process.stdout.write(`${d.name}: ${d.problems.length} line(s) skipped or read without a date; first: ${first}\n`);
  }
  return datasets;
}

function describeOrder(dataset: EvalDataset, o: CliOptions): string {
  const undated = dataset.dated ? dataset.articles.filter((a) => a.time === null).length : 0;
  const order = dataset.dated
    ? `date order${undated > 0 ? ` (${undated} undated, each stamped with the time of the article before it in the file)` : ''}`
    : `${o.seeds} shuffled order${o.seeds === 1 ? '' : 's'}, no window`;
  return `${order}${o.batch === DEFAULT_BATCH ? '' : `, batches of ${o.batch}`}`;
}

function timed<T>(f: () => T): { value: T; seconds: number } {
  const started = Date.now();
  const value = f();
  return { value, seconds: (Date.now() - started) / 1000 };
}

/** Evaluates and prints one set (newsdedup unless --only-baseline, then the baseline); returns its summary row. */
function runSet(dataset: EvalDataset, overrides: Partial<EventClusterConfig>, o: CliOptions): SetSummary {
  const header = `${dataset.name}: ${dataset.articles.length} articles${dataset.pairs === null ? '' : `, ${dataset.pairs.length} graded pairs`}, ${describeOrder(dataset, o)}`;
  process.stdout.write(`\n${header}\n`);
  if (dataset.pairs !== null) return runPairSet(dataset, overrides, o);
  let report = '';
  const observe: ReplayObserver = (replayed, predicted, seed) => {
    if (o.explain === 0 || seed !== 1) return;
    const errors = errorReport(
      replayed.map((a) => a.label),
      predicted,
      replayed.map((a) => a.title),
      o.explain,
    );
    report = formatErrorReport(`${dataset.name}${dataset.dated ? '' : ' (first order)'}`, errors);
  };
  const ours = o.onlyBaseline ? null : timed(() => evaluate(dataset, overrides, { seeds: o.seeds, batch: o.batch, observe }));
  const base = timed(() => evaluateBaseline(dataset, o.seeds));
  if (ours !== null) process.stdout.write(`${formatScores(`${dataset.name} newsdedup`, ours.value)}\n`);
  process.stdout.write(`${formatScores(`${dataset.name} ${'tf-idf'.padEnd('newsdedup'.length)}`, base.value)}\n`);
  if (dataset.dated) {
    const open = evaluateBaseline(dataset, o.seeds, null);
    process.stdout.write(
      `${dataset.name} ${'tf-idf'.padEnd('newsdedup'.length)} without the 3-day window: pairwise F1 ${f3(open.pairwise.f1)}, b-cubed F1 ${f3(open.bcubed.f1)}\n`,
    );
  }
  if (report !== '') process.stdout.write(`${report}\n`);
  const seconds = (ours?.seconds ?? 0) + base.seconds;
  process.stdout.write(
    `${dataset.name}: ${seconds.toFixed(1)} s (newsdedup ${ours === null ? 'skipped' : `${ours.seconds.toFixed(1)} s`}, tf-idf ${base.seconds.toFixed(1)} s)\n`,
  );
  return { name: dataset.name, newsdedup: ours?.value ?? null, baseline: base.value, seconds };
}

function runPairSet(dataset: EvalDataset, overrides: Partial<EventClusterConfig>, o: CliOptions): SetSummary {
  const ours = o.onlyBaseline ? null : timed(() => evaluateStoryPairs(dataset, overrides, { seeds: o.seeds, batch: o.batch }));
  const base = timed(() => evaluatePairBaseline(dataset));
  const columns = [
    ...(ours === null ? [] : [{ name: 'newsdedup (same cluster)', report: ours.value }]),
    { name: `tf-idf cos ≥ ${base.value.threshold}`, report: base.value.report },
    { name: `tf-idf oracle cos ≥ ${f3(base.value.oracle.threshold)}`, report: base.value.oracle.report },
  ];
  process.stdout.write(
    `same story: overall ≤ 1.5, different: ≥ 3.5 (others not scored); tf-idf = per-language TF-IDF cosine of the pair\n`,
  );
  process.stdout.write(`${formatStoryReports(columns)}\n`);
  const seconds = (ours?.seconds ?? 0) + base.seconds;
  process.stdout.write(
    `${dataset.name}: ${seconds.toFixed(1)} s (newsdedup ${ours === null ? 'skipped' : `${ours.seconds.toFixed(1)} s`}, tf-idf ${base.seconds.toFixed(1)} s)\n`,
  );
  return { name: dataset.name, newsdedup: ours?.value ?? null, baseline: base.value, seconds };
}

function main(argv: readonly string[]): void {
  const o = parseArgs(argv);
  const datasets = loadOrExplain(o.which);
  const grid = expandGrid(o.rest);
  if (grid.length > 1 && !o.onlyBaseline) return sweep(datasets, grid, { seeds: o.seeds, batch: o.batch });
  const overrides = parseOverrides(grid[0] ?? []);
  const started = Date.now();
  const rows = datasets.flatMap((d) => {
    // One set failing (bad data, a clusterer error) is reported and the others still run.
    try {
      return [runSet(d, overrides, o)];
    } catch (error) {
      process.stdout.write(`${d.name}: failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return [];
    }
  });
  process.stdout.write(
    `\nsummary (${o.onlyBaseline ? 'baseline only' : 'newsdedup with defaults'}${o.rest.length > 0 ? ` and ${o.rest.join(' ')}` : ''}; B³ = B-cubed), ${((Date.now() - started) / 1000).toFixed(1)} s in all:\n`,
  );
  process.stdout.write(`${formatSummary(rows)}\n`);
}

/** One line per config: pairwise F1 (P/R) and B-cubed F1 per dataset (semeval: same-language F1), for choosing defaults. */
function sweep(datasets: readonly EvalDataset[], grid: readonly string[][], options: ReplayOptions): void {
  for (const cfg of grid) {
    const overrides = parseOverrides(cfg);
    const cells = datasets.map((d) => {
      if (d.pairs !== null) return `${d.name} ${storyCell(evaluateStoryPairs(d, overrides, options))}`;
      const s = evaluate(d, overrides, options);
      return `${d.name} pairwise F1 ${f3(s.pairwise.f1)} (P ${f3(s.pairwise.precision)} R ${f3(s.pairwise.recall)}) b-cubed F1 ${f3(s.bcubed.f1)}`;
    });
    process.stdout.write(`${cfg.join(' ')}  |  ${cells.join('  |  ')}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
