/**
 * The labelled evaluation sets in `../shared/data` (see its README.md), each read from its own JSONL shape into one
 * model: articles with a gold event label, an outlet, a language and a time (null when the set has none), plus the
 * graded pairs of semeval-dev. Used by `eval:clusters` and meant for drawing labelled pairs (a future `fit:clusters`).
 *
 * A malformed line never stops a load: it is skipped and reported as a LoadProblem with its line number.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventClusterConfig } from '../cluster/cluster-config.js';

/** One labelled article of an evaluation set. */
export interface EvalArticle {
  id: string;
  /** The gold event (same label = same event). semeval-dev has none: there it is the article id. */
  label: string;
  title: string;
  text: string;
  /** The outlet: the set's `source` field, else the host of its url. */
  source: string;
  lang: string | null;
  /** ISO time, or null when the article (or the whole set) has no date. */
  time: string | null;
}

/** A graded semeval pair: `overall` 1 = very similar … 4 = very dissimilar. */
export interface GradedPair {
  id1: string;
  id2: string;
  lang1: string;
  lang2: string;
  overall: number;
}

/** A line of a dataset file that was skipped, and why. */
export interface LoadProblem {
  file: string;
  /** 1-based line number. */
  line: number;
  code: 'bad_json' | 'missing_field' | 'bad_date' | 'unknown_article';
  message: string;
}

/** A labelled dataset and how to replay it. */
export interface EvalDataset {
  name: string;
  articles: EvalArticle[];
  /** Config overrides implied by the data itself (no dates → no window); never tuning. */
  overrides: Partial<EventClusterConfig>;
  /** Replayed in date order when true, in seeded shuffled orders when false. */
  dated: boolean;
  /** semeval-dev: the graded pairs it is scored on (its articles carry no event labels); null for the others. */
  pairs: GradedPair[] | null;
  problems: LoadProblem[];
}

// ─── reading ──────────────────────────────────────────────────────────────

/** One parsed JSONL line with its line number. */
interface Row {
  line: number;
  value: unknown;
}

function readJsonl(file: string, problems: LoadProblem[]): Row[] {
  const rows: Row[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      try {
        rows.push({ line: i + 1, value: JSON.parse(text) });
      } catch (error) {
        const message = `eval: ${path.basename(file)} line ${i + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`;
        problems.push({ file, line: i + 1, code: 'bad_json', message });
      }
    });
  return rows;
}

/** A string (or number, as text) field of a parsed row; null when absent, null, empty or of another type. */
function field(row: unknown, key: string): string | null {
  if (typeof row !== 'object' || row === null || !(key in row)) return null;
  const v: unknown = Reflect.get(row, key);
  const s = typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
  return s === null || s.trim() === '' ? null : s;
}

function numberField(row: unknown, key: string): number | null {
  if (typeof row !== 'object' || row === null) return null;
  const v: unknown = Reflect.get(row, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function missing(file: string, row: Row, keys: string): LoadProblem {
  return { file, line: row.line, code: 'missing_field', message: `eval: ${path.basename(file)} line ${row.line}: expected ${keys}` };
}

/**
 * Parses a dataset date as UTC: `2014-01-31` (day precision) is midnight UTC, a time without a zone is read as
 * UTC (not the machine's zone, so replays do not depend on TZ). Returns the ISO string, or null when unparseable.
 */
export function parseDatasetDate(raw: string): string | null {
  let s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * The host of an article url, unwrapping archive.org snapshots (`web.archive.org/web/<stamp>/<original>`) so that
 * the outlet is the original site; null when the url does not parse.
 */
export function hostOf(url: string): string | null {
  const inner = /^https?:\/\/web\.archive\.org\/web\/[^/]+\/(.+)$/i.exec(url.trim())?.[1];
  const target = inner === undefined ? url.trim() : /^https?:\/\//i.test(inner) ? inner : `http://${inner}`;
  try {
    const host = new URL(target).hostname.toLowerCase();
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

/** The outlet of a row: its `source`, else its url's host, else `fallback`. */
function outletOf(row: unknown, fallback: string): string {
  const url = field(row, 'url');
  return field(row, 'source') ?? (url === null ? null : hostOf(url)) ?? fallback;
}

/** Reads `time` from `key`; an unparseable value is reported and read as no date. */
function timeOf(file: string, row: Row, key: string, problems: LoadProblem[]): string | null {
  const raw = field(row.value, key);
  if (raw === null) return null;
  const time = parseDatasetDate(raw);
  if (time === null)
    problems.push({
      file,
      line: row.line,
      code: 'bad_date',
      message: `eval: ${path.basename(file)} line ${row.line}: ${key} "${raw}" is not a date`,
    });
  return time;
}

// ─── loaders ──────────────────────────────────────────────────────────────

/** ECB+ dev: the first line is the headline, the rest the body; no dates, so no window. */
export function loadEcbPlus(dir: string): EvalDataset {
  const file = path.join(dir, 'docs.jsonl');
  const problems: LoadProblem[] = [];
  const articles: EvalArticle[] = [];
  for (const row of readJsonl(file, problems)) {
    const id = field(row.value, 'id');
    const label = field(row.value, 'subtopic');
    const text = field(row.value, 'text');
    if (id === null || label === null || text === null) {
      problems.push(missing(file, row, 'id, subtopic and text'));
      continue;
    }
    const newline = text.indexOf('\n');
    articles.push({
      id,
      label,
      title: newline < 0 ? text : text.slice(0, newline),
      text: newline < 0 ? '' : text.slice(newline + 1),
      // Half the documents (ecbplus) have a url; the others are their own outlet.
      source: outletOf(row.value, `ecb:${id}`),
      lang: 'en',
      time: null,
    });
  }
  return { name: 'ecbplus-dev', articles, overrides: { windowHours: null }, dated: false, pairs: null, problems };
}

/** UCI News Aggregator sample: headlines only, dated. */
export function loadUci(dir: string): EvalDataset {
  const file = path.join(dir, 'articles.jsonl');
  const problems: LoadProblem[] = [];
  const articles: EvalArticle[] = [];
  for (const row of readJsonl(file, problems)) {
    const id = field(row.value, 'id');
    const label = field(row.value, 'cluster');
    const title = field(row.value, 'title');
    if (id === null || label === null || title === null) {
      problems.push(missing(file, row, 'id, cluster and title'));
      continue;
    }
    const source = field(row.value, 'source') ?? field(row.value, 'hostname') ?? outletOf(row.value, 'unknown');
    articles.push({ id, label, title, text: '', source, lang: field(row.value, 'language'), time: timeOf(file, row, 'date', problems) });
  }
  return { name: 'uci-news-sample', articles, overrides: {}, dated: true, pairs: null, problems };
}

/**
 * The shared shape of gva-dev, allsides-dev and giveme5w1h: `event_id`, `id`, `date`, `title`, `text`, `source`,
 * `lang`, `url`, one article a line, replayed in date order. An article needs an event (it may be empty: no title,
 * no text); without an `id` its line number is its id, and a repeated id gets
 * a `#n` suffix; a missing or unparseable date leaves it undated (see
 * stampUndated).
 */
export function loadEventArticles(dir: string, name: string): EvalDataset {
  const file = path.join(dir, 'articles.jsonl');
  const problems: LoadProblem[] = [];
  const articles: EvalArticle[] = [];
  const ids = new Map<string, number>();
  for (const row of readJsonl(file, problems)) {
    // allsides and giveme5w1h have no id: the line number is one, stable for a given file. gva lists 10 articles
    // twice, under two incidents: both rows stay (the gold set counts both), the second id suffixed `#2`.
    const base = field(row.value, 'id') ?? `line-${row.line}`;
    const seen = (ids.get(base) ?? 0) + 1;
    ids.set(base, seen);
    const id = seen === 1 ? base : `${base}#${seen}`;
    const label = field(row.value, 'event_id');
    const title = field(row.value, 'title') ?? '';
    const text = field(row.value, 'text') ?? '';
    // An article with neither title nor text (10 in giveme5w1h, where extraction failed) stays: it is in the gold
    // set, and a feed can deliver such an item too.
    if (label === null) {
      problems.push(missing(file, row, 'event_id'));
      continue;
    }
    const time = timeOf(file, row, 'date', problems);
    articles.push({ id, label, title, text, source: outletOf(row.value, 'unknown'), lang: field(row.value, 'lang'), time });
  }
  return { name, articles, overrides: {}, dated: true, pairs: null, problems };
}

/**
 * Splits a semeval text into headline and body: the first line is the headline when there is a line break (as for
 * ECB+). Most semeval texts have none (title and body joined by a space); those are all body, with no headline,
 * rather than a thousand-word "headline" that would make the article look headline-only.
 */
export function splitSemEvalText(text: string): { title: string; text: string } {
  const newline = text.indexOf('\n');
  if (newline < 0) return { title: '', text: text.trim() };
  return { title: text.slice(0, newline).trim(), text: text.slice(newline + 1).trim() };
}

/**
 * SemEval-2022 Task 8 dev half: `articles.jsonl` (`id`, `text`, `language`) and `pairs.jsonl` (`id1`, `id2`,
 * `lang1`, `lang2`, `overall`). No dates (no window) and no event labels: each article's label is its own id, and
 * the set is scored on its pairs (see semeval-pairs.ts). A pair naming an article that is not in the file is
 * skipped and reported. The outlet is the source or url host when present, else unknown per article.
 */
export function loadSemEval(dir: string): EvalDataset {
  const problems: LoadProblem[] = [];
  const articleFile = path.join(dir, 'articles.jsonl');
  const articles: EvalArticle[] = [];
  for (const row of readJsonl(articleFile, problems)) {
    const id = field(row.value, 'id');
    const raw = field(row.value, 'text');
    if (id === null || raw === null) {
      problems.push(missing(articleFile, row, 'id and text'));
      continue;
    }
    const lang = field(row.value, 'language') ?? field(row.value, 'lang');
    articles.push({ id, label: id, ...splitSemEvalText(raw), source: outletOf(row.value, `semeval:${id}`), lang, time: null });
  }
  const known = new Set(articles.map((a) => a.id));
  const pairFile = path.join(dir, 'pairs.jsonl');
  const pairs: GradedPair[] = [];
  for (const row of readJsonl(pairFile, problems)) {
    const [id1, id2, lang1, lang2] = ['id1', 'id2', 'lang1', 'lang2'].map((k) => field(row.value, k));
    const overall = numberField(row.value, 'overall');
    if (id1 == null || id2 == null || lang1 == null || lang2 == null || overall === null) {
      problems.push(missing(pairFile, row, 'id1, id2, lang1, lang2 and a numeric overall'));
      continue;
    }
    if (!known.has(id1) || !known.has(id2)) {
      const message = `eval: ${path.basename(pairFile)} line ${row.line}: pair ${id1}/${id2} names an article not in articles.jsonl`;
      problems.push({ file: pairFile, line: row.line, code: 'unknown_article', message });
      continue;
    }
    pairs.push({ id1, id2, lang1, lang2, overall });
  }
  return { name: 'semeval-dev', articles, overrides: { windowHours: null }, dated: false, pairs, problems };
}

// ─── the sets ─────────────────────────────────────────────────────────────

/** A known dataset: its folder under the data root, short aliases, and its loader. */
export interface DatasetSpec {
  name: string;
  aliases: readonly string[];
  load: (dir: string) => EvalDataset;
}

/** The six sets, in the order the eval prints them. */
export const DATASETS: readonly DatasetSpec[] = [
  { name: 'ecbplus-dev', aliases: ['ecbplus', 'ecb'], load: loadEcbPlus },
  { name: 'uci-news-sample', aliases: ['uci'], load: loadUci },
  { name: 'gva-dev', aliases: ['gva'], load: (dir) => loadEventArticles(dir, 'gva-dev') },
  { name: 'allsides-dev', aliases: ['allsides'], load: (dir) => loadEventArticles(dir, 'allsides-dev') },
  { name: 'giveme5w1h', aliases: ['giveme'], load: (dir) => loadEventArticles(dir, 'giveme5w1h') },
  { name: 'semeval-dev', aliases: ['semeval'], load: loadSemEval },
];

/** `../shared/data` beside the project root (from src/eval or dist/eval alike). */
export function defaultDataRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
}

/** The specs a `--dataset` value selects (`all`, a set's name or an alias); empty when it names none. */
export function selectDatasets(which: string): DatasetSpec[] {
  const key = which.trim().toLowerCase();
  if (key === 'all') return [...DATASETS];
  return DATASETS.filter((d) => d.name === key || d.aliases.includes(key));
}

/** Loads the selected sets whose folder exists under `root`, and names the ones that are absent. */
export function loadDatasets(which: string, root = defaultDataRoot()): { datasets: EvalDataset[]; absent: string[] } {
  const datasets: EvalDataset[] = [];
  const absent: string[] = [];
  for (const spec of selectDatasets(which)) {
    const dir = path.join(root, spec.name);
    if (existsSync(dir)) datasets.push(spec.load(dir));
    else absent.push(spec.name);
  }
  return { datasets, absent };
}

// ─── replay order ─────────────────────────────────────────────────────────

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

/**
 * Gives each undated article of a dated set the time of the nearest dated article before it in file order (the
 * first lines, with none before them, take the first dated article after): it arrives where the file has it,
 * stamped "now", as `run` stamps an undated item with its fetch time. Uses no label, so it cannot flatter.
 * Dated articles are returned unchanged; an all-undated list is returned as is.
 */
export function stampUndated(articles: readonly EvalArticle[]): EvalArticle[] {
  const firstDated = articles.find((a) => a.time !== null)?.time ?? null;
  let previous = firstDated;
  return articles.map((a) => {
    if (a.time !== null) {
      previous = a.time;
      return a;
    }
    return { ...a, time: previous };
  });
}

/**
 * Replay order: for a dated set, date order (a stable sort, so equal times keep file order), undated articles
 * stamped by stampUndated; for an undated set, a seeded shuffle (its file may be sorted by event).
 */
export function replayOrder(dataset: EvalDataset, seed: number): EvalArticle[] {
  if (!dataset.dated) return seededShuffle(dataset.articles, seed);
  return stampUndated(dataset.articles).sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
}
