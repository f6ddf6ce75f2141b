/**
 * Extraction benchmark: pages/s and peak RSS of the extractor pool over the aeb-dev pages, side by side in the
 * same run with plain single-threaded Readability.js on jsdom (the naive use: one JSDOM per page, parse, move
 * on). Each side runs in its own child process so that its peak RSS is its own; both are scored with the
 * benchmark's metric so the speed is shown at the quality it comes with.
 *
 * Usage: node dist/bench/bench-extract.js [--data DIR] [--rounds N] [--size N] [--stages]
 *   --data    the aeb-dev folder (default `../shared/data/aeb-dev`)
 *   --rounds  passes over the pages per side (default 1)
 *   --size    worker threads of our pool (default `os.availableParallelism()`)
 *   --stages  instead, the CPU split of our extraction by stage, in one thread (see extract-stages.ts)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createExtractorPool } from '../extract/extractor-pool.js';
import { scoreCorpus, scorePage } from '../eval/aeb-metric.js';
import { DEFAULT_AEB_DIR, loadAebPages, type AebPage } from '../eval/eval-extract.js';
import { formatStages, profileStages } from './extract-stages.js';

type Side = 'readability' | 'newsdedup';

/** What one side reports. */
interface SideReport {
  side: Side;
  pages: number;
  failed: number;
  seconds: number;
  pagesPerSecond: number;
  peakRssMb: number;
  f1: number;
}

interface Options {
  dir: string;
  rounds: number;
  size: number;
  side: Side | null;
  stages: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const side = value('--side');
  return {
    dir: path.resolve(value('--data') ?? DEFAULT_AEB_DIR),
    rounds: Math.max(1, Number(value('--rounds') ?? '1')),
    size: Math.max(1, Number(value('--size') ?? String(os.availableParallelism()))),
    side: side === 'readability' || side === 'newsdedup' ? side : null,
    stages: argv.includes('--stages'),
  };
}

/** Plain Readability.js: what the naive pipeline does, page after page in one thread. */
function runReadabilitySide(pages: readonly AebPage[], rounds: number): { texts: Map<string, string>; failed: number } {
  const texts = new Map<string, string>();
  let failed = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const page of pages) {
      try {
        const dom = new JSDOM(readFileSync(page.file, 'utf8'), { url: page.url, virtualConsole: new VirtualConsole() });
        texts.set(page.id, new Readability(dom.window.document).parse()?.textContent ?? '');
      } catch {
        // One aeb page makes jsdom's CSS parser throw: the naive pipeline loses that page.
        failed += 1;
        texts.set(page.id, '');
      }
    }
  }
  return { texts, failed: failed / rounds };
}

async function runOurSide(
  pages: readonly AebPage[],
  rounds: number,
  size: number,
): Promise<{ texts: Map<string, string>; failed: number }> {
  const pool = createExtractorPool({ size });
  const texts = new Map<string, string>();
  let failed = 0;
  try {
    for (let round = 0; round < rounds; round += 1) {
      await Promise.all(
        pages.map(async (page) => {
          const result = await pool.extract({ url: page.url, bytes: readFileSync(page.file), contentType: 'text/html' });
          if (!result.ok) failed += 1;
          texts.set(page.id, result.ok ? result.value.text : '');
        }),
      );
    }
  } finally {
    await pool.close();
  }
  return { texts, failed: failed / rounds };
}

async function runSide(side: Side, options: Options): Promise<SideReport> {
  const pages = loadAebPages(options.dir);
  const started = performance.now();
  const { texts, failed } =
    side === 'readability' ? runReadabilitySide(pages, options.rounds) : await runOurSide(pages, options.rounds, options.size);
  const seconds = (performance.now() - started) / 1000;
  const f1 = scoreCorpus(pages.map((page) => scorePage(texts.get(page.id) ?? '', page.truth))).f1;
  // maxRSS covers every thread of this process (the pool's workers included), in kilobytes.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  return {
    side,
    pages: pages.length * options.rounds,
    failed,
    seconds,
    pagesPerSecond: (pages.length * options.rounds) / seconds,
    peakRssMb,
    f1,
  };
}

/** Runs one side in a fresh child process and reads its JSON report. */
function runChild(side: Side, options: Options): SideReport {
  const script = fileURLToPath(import.meta.url);
  const args = [script, '--side', side, '--data', options.dir, '--rounds', String(options.rounds), '--size', String(options.size)];
  const output = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const parsed: unknown = JSON.parse(output.trim().split('\n').pop() ?? '{}');
  if (!isSideReport(parsed)) throw new Error(`bench: unexpected report from the ${side} side: ${output.slice(0, 200)}`);
  return parsed;
}

function isSideReport(value: unknown): value is SideReport {
  return typeof value === 'object' && value !== null && 'side' in value && 'pagesPerSecond' in value && 'peakRssMb' in value;
}

function formatReport(report: SideReport): string {
  return (
    `${report.side.padEnd(14)}${report.pages.toString().padStart(7)}${report.failed.toString().padStart(8)}` +
    `${report.seconds.toFixed(1).padStart(10)}${report.pagesPerSecond.toFixed(1).padStart(9)}` +
    `${report.peakRssMb.toFixed(0).padStart(14)}${report.f1.toFixed(3).padStart(8)}`
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(options.dir)) {
    process.stderr.write(`bench: ${options.dir} not found; aeb-dev lives in ../shared/data (see its README)\n`);
    process.exitCode = 1;
    return;
  }
  if (options.stages) {
    process.stdout.write(formatStages(await profileStages(loadAebPages(options.dir), options.rounds)));
    return;
  }
  if (options.side !== null) {
    process.stdout.write(`${JSON.stringify(await runSide(options.side, options))}\n`);
    return;
  }
  const baseline = runChild('readability', options);
  const ours = runChild('newsdedup', options);
  process.stdout.write(
    `aeb-dev extraction, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), node ${process.version}, pool size ${options.size}\n`,
  );
  process.stdout.write(
    `${'extractor'.padEnd(14)}${'pages'.padStart(7)}${'failed'.padStart(8)}${'seconds'.padStart(10)}${'pages/s'.padStart(9)}${'peak RSS MB'.padStart(14)}${'F1'.padStart(8)}\n`,
  );
  process.stdout.write(`${formatReport(baseline)}\n${formatReport(ours)}\n`);
  process.stdout.write(`speed-up: ${(ours.pagesPerSecond / baseline.pagesPerSecond).toFixed(2)}x\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
