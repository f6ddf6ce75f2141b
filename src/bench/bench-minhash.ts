/**
 * Benchmark of the fingerprint stage and the near-duplicate index:
 *   node dist/bench/bench-minhash.js [--quick]
 *
 * 1. Signatures/s of this project's MinHash and of the `minhash` npm package on the same 10,000 documents
 *    (~500 word 5-shingles each, 128 permutations); both start from the same shingle strings.
 * 2. The SQLite index (a temp file): insert rate through DuplicateIndex.add (fingerprint row, band keys, group
 *    bookkeeping), lookup latency p50/p99 of findDuplicates for copies and for unseen texts, and database bytes per
 *    article, at 100,000 and 1,000,000 stored articles. The 10,000 documents are stored as real fingerprints; the
 *    other articles are synthetic (random signatures and shingle sets of realistic size), which is what the index
 *    sees of unrelated articles anyway.
 * `--quick` uses 1,000 documents for the package baseline and stops at 100,000 articles.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import minhashPackage from 'minhash';
import type Database from 'better-sqlite3';
import { DEFAULT_MINHASH_PARAMS, fingerprintText, shingleHashes } from '../fingerprint/fingerprint-text.js';
import { hashString32 } from '../fingerprint/hash32.js';
import { minhashSignature } from '../fingerprint/minhash.js';
import type { Fingerprint } from '../model.js';
import { openDatabase } from '../store/database.js';
import { openDuplicateIndex, type DuplicateIndex } from '../store/duplicate-index.js';

/** Options of runMinhashBench. */
export interface MinhashBenchOptions {
  /** Documents for the signature benchmark. Default 10,000. */
  documents?: number;
  /** Documents given to the (slow) `minhash` package; the rate is per document either way. Default 10,000. */
  packageDocuments?: number;
  /** Store sizes at which the index is measured. Default [100,000, 1,000,000]. */
  storeSizes?: number[];
  /** Lookups per kind (copies, unseen) at each store size. Default 1,000. */
  queries?: number;
  /** Where the temp database goes. Default the OS temp dir. */
  tmpDir?: string;
  /** Where the table is printed. Default process.stdout. */
  out?: NodeJS.WritableStream;
}

/** The figures of one run, as printed. */
export interface MinhashBenchResult {
  oursSignaturesPerSecond: number;
  packageSignaturesPerSecond: number;
  speedup: number;
  fingerprintTextPerSecond: number;
  stores: StoreFigures[];
}

/** Index figures at one store size. */
export interface StoreFigures {
  articles: number;
  insertsPerSecond: number;
  copyLookup: LatencyFigures;
  unseenLookup: LatencyFigures;
  /** Share of copies whose original was found. */
  copyRecall: number;
  /** Unseen texts that matched anything (should be 0). */
  unseenFalseMatches: number;
  dbBytesPerArticle: number;
}

/** Lookup latency in milliseconds. */
export interface LatencyFigures {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** A deterministic generator (mulberry32), so every run benchmarks the same documents. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A vocabulary of 20,000 pseudo-words and a Zipf-like draw from it (rank ~ 1/u), like real text. */
function makeWriter(seed: number): (words: number) => string {
  const next = random(seed);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ra', 'tu', 'se', 'vo', 'di', 'pa', 'ge', 'shi', 'on', 'ar', 'el', 'um'];
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => {
    let w = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / 16)) w += syllables[n % 16];
    return w;
  });
  return (count) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(vocabulary[Math.min(vocabulary.length - 1, Math.floor(1 / (next() + 1e-5)) - 1)] ?? 'x');
    return out.join(' ');
  };
}

function shingleStrings(text: string, size: number): string[] {
  const words = text.split(' ');
  const out: string[] = [];
  for (let i = 0; i + size <= words.length; i++) out.push(words.slice(i, i + size).join(' '));
  return out;
}

function rate(count: number, startNs: bigint): number {
  return count / (Number(process.hrtime.bigint() - startNs) / 1e9);
}

function signatureRates(texts: string[], packageCount: number): { ours: number; pkg: number; full: number } {
  const params = DEFAULT_MINHASH_PARAMS;
  const shingles = texts.map((t) => shingleStrings(t, params.shingleSize));
  let start = process.hrtime.bigint();
  let sink = 0;
  for (const doc of shingles) {
    const hashes = new Uint32Array(doc.length);
    for (let i = 0; i < doc.length; i++) hashes[i] = hashString32(doc[i] ?? '', params.seed);
    sink ^= minhashSignature(hashes, params)[0] ?? 0;
  }
  const ours = rate(shingles.length, start);
  start = process.hrtime.bigint();
  for (const doc of shingles.slice(0, packageCount)) {
    const m = new minhashPackage.Minhash({ numPerm: params.numPerm });
    for (const s of doc) m.update(s);
    sink ^= m.hashvalues[0] ?? 0;
  }
  const pkg = rate(Math.min(packageCount, shingles.length), start);
  start = process.hrtime.bigint();
  for (const text of texts) sink ^= fingerprintText(text).signature[0] ?? 0;
  const full = rate(texts.length, start);
  if (sink === 0.5) process.stdout.write('');
  return { ours, pkg, full };
}
