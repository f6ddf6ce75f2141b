/**
 * Event clustering evaluation: replays labelled datasets through the same incremental path as `run` (a real
 * SQLite file; insert each article row, then assign it) and prints pairwise, B-cubed and ARI scores.
 *
 *   node dist/eval/eval-clusters.js [--dataset ecbplus|uci|all] [--seeds N] [--batch N] [--explain N] [key=value …]
 *
 * `key=value` overrides an EventClusterConfig field (e.g. `threshold=0.35`, `windowHours=null`); `key=v1,v2,…`
 * sweeps a grid and prints one line per config.
 * ECB+ has no dates: it runs without a time window, in seeded shuffled orders (its file is sorted by topic,
 * which would flatter a streaming clusterer). UCI runs in date order with the default window.
 * `--batch N` replays N articles per transaction and settle() (default 25, one feed's new items). `--explain N`
 * prints, for the first replay of each dataset, the N clusters with most false-positive pairs and the N gold events
 * with most false-negative pairs (see error-report.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_EVENT_CLUSTER_CONFIG, type EventClusterConfig } from '../cluster/cluster-config.js';
import { openEventClusterer } from '../cluster/event-clusterer.js';
import { contingency, pairs } from './contingency.js';
import { errorReport, formatErrorReport } from './error-report.js';
import type { ArticleInput } from '../model.js';
import { insertArticle } from '../store/articles.js';
import { openDatabase } from '../store/database.js';

// ─── metrics ──────────────────────────────────────────────────────────────

/** Precision, recall and F1 of one metric. */
export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** All clustering scores of one prediction against gold labels. */
export interface ClusterScores {
  pairwise: Prf;
  bcubed: Prf;
  /** Adjusted Rand index. */
  ari: number;
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Pairwise P/R/F1: a pair of items is a true positive when both gold and prediction put them together. */
export function pairwiseScores(gold: readonly string[], predicted: readonly string[]): Prf {
  const { golds, preds, cells } = contingency(gold, predicted);
  const tp = cells.reduce((s, c) => s + pairs(c.n), 0);
  const predPairs = [...preds.values()].reduce((s, n) => s + pairs(n), 0);
  const goldPairs = [...golds.values()].reduce((s, n) => s + pairs(n), 0);
  const precision = predPairs === 0 ? 1 : tp / predPairs;
  const recall = goldPairs === 0 ? 1 : tp / goldPairs;
  return { precision, recall, f1: f1(precision, recall) };
}

/** B-cubed P/R/F1: per item, the share of its predicted cluster in its gold class (and vice versa), averaged. */
export function bcubedScores(gold: readonly string[], predicted: readonly string[]): Prf {
  const { golds, preds, cells } = contingency(gold, predicted);
  const n = gold.length;
  if (n === 0) return { precision: 1, recall: 1, f1: 1 };
  let p = 0;
  let r = 0;
  for (const c of cells) {
    p += (c.n * c.n) / (preds.get(c.p) ?? 1);
    r += (c.n * c.n) / (golds.get(c.g) ?? 1);
  }
  return { precision: p / n, recall: r / n, f1: f1(p / n, r / n) };
}

/** The adjusted Rand index (Hubert & Arabie): 1 for identical partitions, about 0 for chance agreement. */
export function adjustedRandIndex(gold: readonly string[], predicted: readonly string[]): number {
  const { golds, preds, cells } = contingency(gold, predicted);
  const index = cells.reduce((s, c) => s + pairs(c.n), 0);
  const a = [...golds.values()].reduce((s, x) => s + pairs(x), 0);
  const b = [...preds.values()].reduce((s, x) => s + pairs(x), 0);
  const total = pairs(gold.length);
  if (total === 0) return 1;
  const expected = (a * b) / total;
  const max = (a + b) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** All scores at once. */
export function clusterScores(gold: readonly string[], predicted: readonly string[]): ClusterScores {
  return { pairwise: pairwiseScores(gold, predicted), bcubed: bcubedScores(gold, predicted), ari: adjustedRandIndex(gold, predicted) };
}

// ─── datasets ─────────────────────────────────────────────────────────────

/** One labelled article of an evaluation set. */
export interface EvalArticle {
  id: string;
  label: string;
  title: string;
  text: string;
  source: string;
  lang: string | null;
  /** ISO time, or null when the dataset has no dates. */
  time: string | null;
}

/** A labelled dataset and how to replay it. */
export interface EvalDataset {
  name: string;
  articles: EvalArticle[];
  /** Config overrides implied by the data (no dates → no window). */
  overrides: Partial<EventClusterConfig>;
  dated: boolean;
}

function readJsonl(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): unknown => JSON.parse(line));
}

function field(row: unknown, key: string): string | null {
  if (typeof row !== 'object' || row === null || !(key in row)) return null;
  const v: unknown = Reflect.get(row, key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

/** ECB+ dev: the first line is the headline, the rest the body; no dates, so no window. */
export function loadEcbPlus(dir: string): EvalDataset {
  const articles = readJsonl(path.join(dir, 'docs.jsonl')).map((row): EvalArticle => {
    const text = field(row, 'text') ?? '';
    const newline = text.indexOf('\n');
    return {
      id: field(row, 'id') ?? '',
      label: field(row, 'subtopic') ?? '',
      title: newline < 0 ? text : text.slice(0, newline),
      text: newline < 0 ? '' : text.slice(newline + 1),
      source: field(row, 'id') ?? 'unknown',
      lang: 'en',
      time: null,
    };
  });
  return { name: 'ecbplus-dev', articles, overrides: { windowHours: null }, dated: false };
}

/** UCI News Aggregator sample: headlines only, dated. */
export function loadUci(dir: string): EvalDataset {
  const articles = readJsonl(path.join(dir, 'articles.jsonl')).map((row): EvalArticle => {
    const date = field(row, 'date');
    return {
      id: field(row, 'id') ?? '',
      label: field(row, 'cluster') ?? '',
      title: field(row, 'title') ?? '',
      text: '',
      source: field(row, 'source') ?? field(row, 'hostname') ?? 'unknown',
      lang: field(row, 'language'),
      time: date === null ? null : new Date(date).toISOString(),
    };
  });
  return { name: 'uci-news-sample', articles, overrides: {}, dated: true };
}

/** A deterministic shuffle (mulberry32), so an undated replay order is reproducible from its seed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i];
    const b = out[j];
    if (a !== undefined && b !== undefined) {
      out[i] = b;
      out[j] = a;
    }
  }
  return out;
}

/** Replay order: date order (stable) for dated sets, a seeded shuffle for undated ones. */
export function replayOrder(dataset: EvalDataset, seed: number): EvalArticle[] {
  if (!dataset.dated) return seededShuffle(dataset.articles, seed);
  return [...dataset.articles].sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
}

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
    publishedAt: a.time,
    modifiedAt: null,
    method: 'import',
    fallbackReason: null,
    itemHash: null,
  };
}

/**
 * Replays articles in the given order into a fresh SQLite file, a batch per transaction (as run does per feed),
 * and returns each article's final cluster id (following merges), in input order.
 */
export function replay(articles: readonly EvalArticle[], config: Partial<EventClusterConfig>, batch = DEFAULT_BATCH): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdedup-eval-'));
  try {
    const db = openDatabase(path.join(dir, 'eval.sqlite'));
    const clusterer = openEventClusterer(db, config);
    const ids: number[] = [];
    for (let start = 0; start < articles.length; start += batch) {
      db.transaction(() => {
        for (const a of articles.slice(start, start + batch)) {
          const hash = createHash('sha256').update(a.text || a.title).digest('hex');
          const time = a.time ?? UNDATED_TIME;
          const id = insertArticle(db, toInput(a), hash, new Date(time));
          ids.push(id);
          clusterer.assign({ id, title: a.title, text: a.text, lang: a.lang, time, source: a.source, duplicateGroupId: null });
        }
        // As the runner does at the end of each feed's transaction.
        clusterer.settle();
      })();
    }
    const final = db.prepare('SELECT cluster_id FROM articles WHERE id = ?').pluck();
    const labels = ids.map((id) => String(final.get(id)));
    db.close();
    return labels;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
}

/** Scores one dataset under one config, averaged over the replay orders. */
export function evaluate(dataset: EvalDataset, config: Partial<EventClusterConfig>, options: ReplayOptions): ClusterScores {
  const runs: ClusterScores[] = [];
  const count = dataset.dated ? 1 : options.seeds;
  for (let seed = 1; seed <= count; seed += 1) {
    const order = replayOrder(dataset, seed);
    const predicted = replay(order, { ...dataset.overrides, ...config }, options.batch);
    options.observe?.(order, predicted, seed);
    runs.push(clusterScores(order.map((a) => a.label), predicted));
  }
  return averageScores(runs);
}

function averageScores(runs: readonly ClusterScores[]): ClusterScores {
  const mean = (f: (s: ClusterScores) => number): number => runs.reduce((s, r) => s + f(r), 0) / Math.max(1, runs.length);
  const prf = (g: (s: ClusterScores) => Prf): Prf => ({
    precision: mean((s) => g(s).precision),
    recall: mean((s) => g(s).recall),
    f1: mean((s) => g(s).f1),
  });
  return { pairwise: prf((s) => s.pairwise), bcubed: prf((s) => s.bcubed), ari: mean((s) => s.ari) };
}

/** One labelled line per metric, e.g. `ecbplus-dev  pairwise  P 0.912  R 0.930  F1 0.921`. */
export function formatScores(name: string, s: ClusterScores): string {
  const f = (x: number): string => x.toFixed(3);
  const prf = (label: string, m: Prf): string => `${name.padEnd(16)} ${label.padEnd(9)} P ${f(m.precision)}  R ${f(m.recall)}  F1 ${f(m.f1)}`;
  return [prf('pairwise', s.pairwise), prf('b-cubed', s.bcubed), `${name.padEnd(16)} ${'ARI'.padEnd(9)} ${f(s.ari)}`].join('\n');
}

// ─── command line ─────────────────────────────────────────────────────────

/** Parses `key=value` overrides of EventClusterConfig fields (numbers, or `null` for windowHours). */
export function parseOverrides(args: readonly string[]): Partial<EventClusterConfig> {
  const out: Partial<EventClusterConfig> = {};
  for (const arg of args) {
    const [key = '', raw = ''] = arg.split('=', 2);
    if (!(key in DEFAULT_EVENT_CLUSTER_CONFIG)) throw new Error(`eval: unknown config key "${key}" (expected one of ${Object.keys(DEFAULT_EVENT_CLUSTER_CONFIG).join(', ')})`);
    const value = raw === 'null' ? null : Number(raw);
    if (value !== null && !Number.isFinite(value)) throw new Error(`eval: ${key} must be a number, got "${raw}"`);
    if (value === null && key !== 'windowHours') throw new Error(`eval: only windowHours may be null, got ${key}=null`);
    Reflect.set(out, key, value);
  }
  return out;
}

function loadDatasets(which: string): EvalDataset[] {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
  const out: EvalDataset[] = [];
  const ecb = path.join(root, 'ecbplus-dev');
  const uci = path.join(root, 'uci-news-sample');
  if ((which === 'all' || which === 'ecbplus') && existsSync(ecb)) out.push(loadEcbPlus(ecb));
  if ((which === 'all' || which === 'uci') && existsSync(uci)) out.push(loadUci(uci));
  if (out.length === 0) throw new Error(`eval: no dataset found under ${root} (expected ecbplus-dev/ and uci-news-sample/)`);
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

function main(argv: readonly string[]): void {
  let which = 'all';
  let seeds = 3;
  let explain = 0;
  let batch = DEFAULT_BATCH;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--dataset') which = argv[++i] ?? 'all';
    else if (arg === '--seeds') seeds = Math.max(1, Number(argv[++i] ?? '3'));
    else if (arg === '--batch') batch = Math.max(1, Math.floor(Number(argv[++i] ?? String(DEFAULT_BATCH))) || DEFAULT_BATCH);
    else if (arg === '--explain') explain = Math.max(0, Math.floor(Number(argv[++i] ?? '10')) || 0);
    else rest.push(arg);
  }
  const datasets = loadDatasets(which);
  const grid = expandGrid(rest);
  if (grid.length > 1) return sweep(datasets, grid, { seeds, batch });
  const overrides = parseOverrides(grid[0] ?? []);
  for (const dataset of datasets) {
    const started = Date.now();
    let report = '';
    const observe: ReplayObserver = (replayed, predicted, seed) => {
      if (explain === 0 || seed !== 1) return;
      const errors = errorReport(replayed.map((a) => a.label), predicted, replayed.map((a) => a.title), explain);
      report = formatErrorReport(`${dataset.name}${dataset.dated ? '' : ' (first order)'}`, errors);
    };
    const scores = evaluate(dataset, overrides, { seeds, batch, observe });
    const order = `${dataset.dated ? 'date order' : `${seeds} shuffled orders, no window`}${batch === DEFAULT_BATCH ? '' : `, batches of ${batch}`}`;
    process.stdout.write(`${dataset.name}: ${dataset.articles.length} articles, ${order}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    process.stdout.write(`${formatScores(dataset.name, scores)}\n`);
    if (report !== '') process.stdout.write(`${report}\n`);
  }
}

/** One line per config: pairwise F1 (P/R) and B-cubed F1 per dataset, for choosing defaults. */
function sweep(datasets: readonly EvalDataset[], grid: readonly string[][], options: ReplayOptions): void {
  for (const cfg of grid) {
    const overrides = parseOverrides(cfg);
    const cells = datasets.map((d) => {
      const s = evaluate(d, overrides, options);
      const f = (x: number): string => x.toFixed(3);
      return `${d.name} pairwise F1 ${f(s.pairwise.f1)} (P ${f(s.pairwise.precision)} R ${f(s.pairwise.recall)}) b-cubed F1 ${f(s.bcubed.f1)}`;
    });
    process.stdout.write(`${cfg.join(' ')}  |  ${cells.join('  |  ')}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
