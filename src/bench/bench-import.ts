/**
 * `import` against the anchor, side by side in one run:
 *   node dist/bench/bench-import.js [--cpu-prof DIR]
 *
 * The texts: semeval-dev's articles, ECB+ and the aeb-dev bodies (scale-sources.ts loadImportSet), written as one
 * import file. Wall and CPU (user + sys) seconds of each side:
 * - newsdedup: `newsdedup import FILE` into a fresh SQLite file (both grouping levels, the real command), the whole
 *   process from spawn to exit (bash's `time`);
 * - the datasketch-style numpy re-implementation (datasketch itself is not installable here): datasketch_style.py,
 *   MinHash + MinHashLSH(0.8) in memory, one level, by its own clock over its documents (reading the file included,
 *   interpreter start-up and setup not), so the anchor errs on the fast side. It runs before and after newsdedup;
 *   its rate is the mean of the two.
 * Without python3-numpy the anchor is skipped with a message. `--cpu-prof DIR` also writes newsdedup's CPU profile
 * there and prints it summarised by file (profile-summary.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, sharedDataDir } from './paragraphs.js';
import { formatProfileSummary, summariseProfile } from './profile-summary.js';
import { loadImportSet } from './scale-sources.js';

/** One side's timing: whole process, wall and CPU seconds. */
export interface SideFigures {
  docs: number;
  wallSeconds: number;
  cpuSeconds: number;
  docsPerSecond: number;
  docsPerCpuSecond: number;
}

/** The figures of one run; `anchor` is null when python3-numpy is missing. */
export interface ImportBenchResult {
  texts: number;
  newsdedup: SideFigures;
  anchor: (SideFigures & { bands: number; rows: number; runs: SideFigures[] }) | null;
}

const ANCHOR_LABEL = 'datasketch-style numpy re-implementation (datasketch itself is not installable here)';

/** Runs both sides and prints the comparison. */
export function runImportBench(options: { profileDir?: string; out?: NodeJS.WritableStream } = {}): ImportBenchResult | null {
  const out = options.out ?? process.stdout;
  const dataDir = sharedDataDir();
  if (!dataDir) {
    out.write('skipped: ../shared/data is absent\n');
    return null;
  }
  const texts = loadImportSet(dataDir);
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdedup-bench-import-'));
  try {
    const file = path.join(dir, 'import.jsonl');
    writeFileSync(
      file,
      texts
        .map((text, i) => JSON.stringify({ id: `t${i}`, title: text.title, text: text.text, ...(text.lang ? { lang: text.lang } : {}) }))
        .join('\n') + '\n',
    );
    writeFileSync(path.join(dir, 'feeds.yaml'), 'feeds: []\n');
    out.write(`import of ${texts.length.toLocaleString('en')} texts (semeval-dev, ECB+, aeb-dev bodies)\n`);
    const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
    if (!numpy) out.write('  anchor skipped: python3-numpy is not installed (Debian: apt-get install python3-numpy)\n');
    const anchorRuns: Array<SideFigures & { bands: number; rows: number }> = [];
    if (numpy) anchorRuns.push(runAnchor(file));
    const profile = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    const ours = timed(process.execPath, [
      ...profile,
      cli,
      'import',
      file,
      '--config',
      path.join(dir, 'feeds.yaml'),
      '--db',
      path.join(dir, 'news.db'),
      '--quiet',
    ]);
    const imported = /"imported":(\d+)/.exec(ours.output)?.[1] ?? /imported\D{0,3}(\d+)/.exec(ours.output)?.[1];
    const newsdedup = side(Number(imported ?? texts.length), ours);
    if (numpy) anchorRuns.push(runAnchor(file));
    const anchor = anchorRuns.length === 0 ? null : averageAnchor(anchorRuns);
    printResult(out, { texts: texts.length, newsdedup, anchor });
    if (options.profileDir) printProfile(out, options.profileDir);
    return { texts: texts.length, newsdedup, anchor };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runAnchor(file: string): SideFigures & { bands: number; rows: number } {
  const run = timed('python3', [path.join(REPO_ROOT, 'src', 'bench', 'datasketch_style.py'), file]);
  const line = run.output.split('\n').find((text) => text.startsWith('{'));
  if (!line) throw new Error(`bench-import: datasketch_style.py printed no result:\n${run.output}`);
  const figures = JSON.parse(line) as { docs: number; seconds: number; cpu_seconds: number; bands: number; rows: number };
  // Its own clock: the documents only, without interpreter start-up and setup.
  return {
    docs: figures.docs,
    wallSeconds: figures.seconds,
    cpuSeconds: figures.cpu_seconds,
    docsPerSecond: figures.docs / figures.seconds,
    docsPerCpuSecond: figures.docs / figures.cpu_seconds,
    bands: figures.bands,
    rows: figures.rows,
  };
}

function averageAnchor(
  runs: Array<SideFigures & { bands: number; rows: number }>,
): SideFigures & { bands: number; rows: number; runs: SideFigures[] } {
  const mean = (pick: (run: SideFigures) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  return {
    docs: runs[0]?.docs ?? 0,
    wallSeconds: mean((r) => r.wallSeconds),
    cpuSeconds: mean((r) => r.cpuSeconds),
    docsPerSecond: mean((r) => r.docsPerSecond),
    docsPerCpuSecond: mean((r) => r.docsPerCpuSecond),
    bands: runs[0]?.bands ?? 0,
    rows: runs[0]?.rows ?? 0,
    runs,
  };
}

/** A command under bash's `time`: its output (stdout and stderr) and its wall and CPU seconds. */
function timed(command: string, args: string[]): { output: string; wallSeconds: number; cpuSeconds: number } {
  const result = spawnSync('bash', ['-c', 'TIMEFORMAT="BENCH_TIMES %R %U %S"; time "$0" "$@" 2>&1', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const times = /BENCH_TIMES ([\d.]+) ([\d.]+) ([\d.]+)/.exec(result.stderr);
  if (result.status !== 0 || !times)
    throw new Error(`bench-import: ${path.basename(command)} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return { output: result.stdout, wallSeconds: Number(times[1]), cpuSeconds: Number(times[2]) + Number(times[3]) };
}

function side(docs: number, run: { wallSeconds: number; cpuSeconds: number }): SideFigures {
  return {
    docs,
    wallSeconds: run.wallSeconds,
    cpuSeconds: run.cpuSeconds,
    docsPerSecond: docs / run.wallSeconds,
    docsPerCpuSecond: docs / run.cpuSeconds,
  };
}

function printResult(out: NodeJS.WritableStream, result: ImportBenchResult): void {
  const row = (label: string, s: SideFigures) =>
    `  ${label.padEnd(44)} ${s.docs.toLocaleString('en').padStart(6)} docs  ${s.wallSeconds.toFixed(1).padStart(6)} s  ${s.docsPerSecond.toFixed(0).padStart(6)} docs/s  ${s.cpuSeconds.toFixed(1).padStart(6)} CPU s  ${s.docsPerCpuSecond.toFixed(0).padStart(6)} docs/CPU-s\n`;
  out.write(row('newsdedup import (SQLite, both levels)', result.newsdedup));
  if (result.anchor) {
    out.write(row(`anchor, mean of ${result.anchor.runs.length} runs (${result.anchor.bands}×${result.anchor.rows} bands)`, result.anchor));
    out.write(`  anchor: ${ANCHOR_LABEL}\n`);
    out.write(
      `  ratio newsdedup / anchor: ${(result.newsdedup.docsPerSecond / result.anchor.docsPerSecond).toFixed(2)}× wall, ${(result.newsdedup.docsPerCpuSecond / result.anchor.docsPerCpuSecond).toFixed(2)}× per CPU-second (target ≥ 1.0×)\n`,
    );
  }
}

function printProfile(out: NodeJS.WritableStream, dir: string): void {
  const profiles = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(dir, name));
  // The main thread's profile is the biggest (extraction workers, if any started, write their own).
  const main = profiles.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (main) out.write(`${formatProfileSummary(summariseProfile(main))}  (${main})\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--cpu-prof');
  runImportBench(at > 0 && process.argv[at + 1] ? { profileDir: path.resolve(process.argv[at + 1] ?? '') } : {});
}
