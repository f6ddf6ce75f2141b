/**
 * `npm run eval:extract`: scores the extractor on the Article Extraction Benchmark's development split
 * (`../shared/data/aeb-dev`) with the benchmark's metric, next to the published reference extractors on the
 * same pages.
 *
 * Usage: node dist/eval/eval-extract.js [--data DIR] [--worst N]
 *   --data   the aeb-dev folder (default `../shared/data/aeb-dev` from the project root)
 *   --worst  also list the N pages with the lowest F1, for error analysis (default 0)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExtractorPool } from '../extract/extractor-pool.js';
import { scoreCorpus, scorePage, type CorpusScore, type PageScore } from './aeb-metric.js';

/** One benchmark page. */
export interface AebPage {
  id: string;
  url: string;
  truth: string;
  file: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The default location of aeb-dev, relative to the project root. */
export const DEFAULT_AEB_DIR = path.resolve(repoRoot, '../shared/data/aeb-dev');

/** Reads `ground-truth.json` into pages whose HTML file exists, sorted by id. */
export function loadAebPages(dir: string): AebPage[] {
  const truth = readJsonObject(path.join(dir, 'ground-truth.json'));
  const pages: AebPage[] = [];
  for (const [id, entry] of Object.entries(truth)) {
    const file = path.join(dir, 'html', `${id}.html`);
    if (!existsSync(file) || typeof entry !== 'object' || entry === null) continue;
    const url = 'url' in entry && typeof entry.url === 'string' ? entry.url : '';
    const body = 'articleBody' in entry && typeof entry.articleBody === 'string' ? entry.articleBody : '';
    pages.push({ id, url, truth: body, file });
  }
  return pages.sort((a, b) => a.id.localeCompare(b.id));
}

function readJsonObject(file: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`eval: ${file} is not a JSON object`);
  return Object.fromEntries(Object.entries(parsed));
}

/** Reference outputs: extractor name → page id → text. */
function loadReferences(dir: string): Map<string, Map<string, string>> {
  const references = new Map<string, Map<string, string>>();
  const referenceDir = path.join(dir, 'reference');
  if (!existsSync(referenceDir)) return references;
  for (const file of readdirSync(referenceDir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const outputs = new Map<string, string>();
    for (const [id, entry] of Object.entries(readJsonObject(path.join(referenceDir, file)))) {
      const body =
        typeof entry === 'object' && entry !== null && 'articleBody' in entry && typeof entry.articleBody === 'string'
          ? entry.articleBody
          : '';
      outputs.set(id, body);
    }
    references.set(path.basename(file, '.json'), outputs);
  }
  return references;
}

/** Runs our extractor over the pages through the worker pool; returns page id → text ('' on failure). */
export async function extractAll(pages: readonly AebPage[]): Promise<Map<string, string>> {
  const pool = createExtractorPool();
  try {
    const results = await Promise.all(
      pages.map(async (page) => {
        const result = await pool.extract({ url: page.url, bytes: readFileSync(page.file), contentType: 'text/html; charset=utf-8' });
        if (!result.ok) process.stderr.write(`${page.id}: ${result.error.message}\n`);
        return [page.id, result.ok ? result.value.text : ''] as const;
      }),
    );
    return new Map(results);
  } finally {
    await pool.close();
  }
}

function formatRow(name: string, score: CorpusScore): string {
  const cell = (value: number): string => value.toFixed(3).padStart(9);
  return `${name.padEnd(16)}${cell(score.precision)}${cell(score.recall)}${cell(score.f1)}${cell(score.accuracy)}`;
}

function parseArgs(argv: readonly string[]): { dir: string; worst: number } {
  let dir = DEFAULT_AEB_DIR;
  let worst = 0;
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === '--data') dir = path.resolve(argv[index + 1] ?? dir);
    if (argv[index] === '--worst') worst = Number(argv[index + 1] ?? '0');
  }
  return { dir, worst };
}

async function main(): Promise<void> {
  const { dir, worst } = parseArgs(process.argv.slice(2));
  if (!existsSync(dir)) {
    process.stderr.write(`eval: ${dir} not found; aeb-dev lives in ../shared/data (see its README)\n`);
    process.exitCode = 1;
    return;
  }
  const pages = loadAebPages(dir);
  const started = performance.now();
  const ours = await extractAll(pages);
  const seconds = (performance.now() - started) / 1000;
  const scoreOf = (outputs: Map<string, string>): PageScore[] => pages.map((page) => scorePage(outputs.get(page.id) ?? '', page.truth));
  process.stdout.write(`aeb-dev: ${pages.length} pages, extracted in ${seconds.toFixed(1)} s\n`);
  process.stdout.write(
    `${'extractor'.padEnd(16)}${'precision'.padStart(9)}${'recall'.padStart(9)}${'F1'.padStart(9)}${'accuracy'.padStart(9)}\n`,
  );
  process.stdout.write(`${formatRow('newsdedup', scoreCorpus(scoreOf(ours)))}\n`);
  for (const [name, outputs] of loadReferences(dir)) process.stdout.write(`${formatRow(name, scoreCorpus(scoreOf(outputs)))}\n`);
  if (worst > 0) printWorst(pages, scoreOf(ours), worst);
}

function printWorst(pages: readonly AebPage[], scores: readonly PageScore[], count: number): void {
  const f1 = (score: PageScore): number => (2 * score.tp) / Math.max(1, 2 * score.tp + score.fp + score.fn);
  const rows = pages.map((page, index) => ({ page, score: scores[index] })).filter((row) => row.score !== undefined);
  rows.sort((a, b) => (a.score === undefined || b.score === undefined ? 0 : f1(a.score) - f1(b.score)));
  for (const { page, score } of rows.slice(0, count)) {
    if (score === undefined) continue;
    process.stdout.write(`${f1(score).toFixed(3)} tp=${score.tp} fp=${score.fp} fn=${score.fn} ${page.id.slice(0, 12)} ${page.url}\n`);
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
