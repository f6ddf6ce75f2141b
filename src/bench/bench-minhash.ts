/**
 * Benchmark of the fingerprint stage and the near-duplicate index:
 *   node dist/bench/bench-minhash.js [--quick]
 *
 * 1. Signatures/s of this project's MinHash and of the `minhash` npm package on the same 10,000 documents
 *    (~500 word 5-shingles each, 128 permutations); both start from the same shingle strings.
 * 2. The SQLite index (a temp file), at 100,000 and 1,000,000 stored articles: the insert rate through the
 *    pipeline's path (findDuplicates, then DuplicateIndex.add: fingerprint row, band keys, group bookkeeping) for the
 *    last 2,000 articles, 50 per transaction like one feed (the articles before are bulk-loaded in key order); the
 *    lookup latency p50/p99 of findDuplicates for edited copies and for unseen texts; database bytes per article. The 10,000 documents are stored as real fingerprints; the
 *    other articles are synthetic (random signatures and shingle sets of realistic size), which is what the index
 *    sees of unrelated articles anyway.
 * `--quick` uses 1,000 documents for the package baseline and stops at 100,000 articles. The full run takes
 * ~13 minutes on 2 busy shared vCPUs (the package baseline ~3, the 1,000,000-article bulk load ~7) and ~6 GB of disk.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import minhashPackage from 'minhash';
import type Database from 'better-sqlite3';
import { DEFAULT_MINHASH_PARAMS, fingerprintText } from '../fingerprint/fingerprint-text.js';
import { hashString32 } from '../fingerprint/hash32.js';
import { minhashSignature } from '../fingerprint/minhash.js';
import type { Fingerprint } from '../model.js';
import { openDatabase } from '../store/database.js';
import { openDuplicateIndex, type DuplicateIndex } from '../pipeline/open-duplicate-index.js';
import { candidateThreshold, DEFAULT_CONTAINMENT_THRESHOLD, DEFAULT_JACCARD_THRESHOLD } from '../fingerprint/near-duplicates.js';
import { bandKeys, optimalLshParams } from '../fingerprint/lsh-params.js';
import { uint32ToBlob } from '../store/fingerprint-blobs.js';

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
    // Log-uniform ranks: Zipf's law with s = 1, the top word ~10 % of the text like "the".
    for (let i = 0; i < count; i++) out.push(vocabulary[Math.floor(Math.pow(vocabulary.length, next())) - 1] ?? 'x');
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

function ourSignature(shingles: readonly string[]): number {
  const params = DEFAULT_MINHASH_PARAMS;
  const hashes = new Uint32Array(shingles.length);
  for (let i = 0; i < shingles.length; i++) hashes[i] = hashString32(shingles[i] ?? '', params.seed);
  return minhashSignature(hashes, params)[0] ?? 0;
}

function packageSignature(shingles: readonly string[]): number {
  const m = new minhashPackage.Minhash({ numPerm: DEFAULT_MINHASH_PARAMS.numPerm });
  for (const s of shingles) m.update(s);
  return m.hashvalues[0] ?? 0;
}

/**
 * Both implementations take turns on the same chunks of documents, so that load from other processes on a shared
 * machine falls on both alike; each is timed on its own turns only.
 */
function signatureRates(texts: string[], packageCount: number): { ours: number; pkg: number; full: number } {
  const shingles = texts.map((t) => shingleStrings(t, DEFAULT_MINHASH_PARAMS.shingleSize));
  const chunk = 50;
  const packageEvery = Math.max(1, Math.round(texts.length / Math.max(1, packageCount)));
  let oursNs = 0n, pkgNs = 0n, pkgDocs = 0, sink = 0;
  for (let from = 0; from < shingles.length; from += chunk) {
    const docs = shingles.slice(from, from + chunk);
    let t0 = process.hrtime.bigint();
    for (const doc of docs) sink ^= ourSignature(doc);
    oursNs += process.hrtime.bigint() - t0;
    const sample = docs.filter((_, i) => (from + i) % packageEvery === 0);
    t0 = process.hrtime.bigint();
    for (const doc of sample) sink ^= packageSignature(doc);
    pkgNs += process.hrtime.bigint() - t0;
    pkgDocs += sample.length;
  }
  const start = process.hrtime.bigint();
  for (const text of texts) sink ^= fingerprintText(text).signature[0] ?? 0;
  const full = rate(texts.length, start);
  if (sink === 0.5) process.stdout.write('');
  return { ours: shingles.length / (Number(oursNs) / 1e9), pkg: pkgDocs / (Number(pkgNs) / 1e9), full };
}

/** Light edits (every 40th word replaced): the copies that lookups must find. */
function editCopy(text: string): string {
  let i = 0;
  return text.replace(/\S+/g, (word) => (++i % 40 === 0 ? `edit${i}` : word));
}

interface Store {
  db: Database.Database;
  index: DuplicateIndex;
  insertArticle: (key: string, textHash: string) => number;
  file: string;
  count: number;
}

/** SQLite page cache of the bench connection (the default 2 MB makes large bulk transactions spill to the WAL). */
const LOOKUP_CACHE_MB = 64;

function openStore(dir: string): Store {
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  const statement = db.prepare<[{ key: string; at: string; hash: string }]>(
    `INSERT INTO articles (origin, item_key, source, title, text, first_seen_at, updated_at, method, text_hash)
     VALUES ('bench', @key, 'bench', @key, '', @at, @at, 'import', @hash)`,
  );
  let clock = Date.UTC(2026, 0, 1);
  const insertArticle = (key: string, textHash: string): number =>
    Number(statement.run({ key, at: new Date((clock += 1000)).toISOString(), hash: textHash }).lastInsertRowid);
  return { db, index: openDuplicateIndex(db), insertArticle, file, count: 0 };
}

/** Adds articles the pipeline's way (findDuplicates, then add) in transactions of `batch`; returns articles per second. */
function addAll(store: Store, count: number, make: (n: number) => Fingerprint, batch: number): number {
  const start = process.hrtime.bigint();
  for (let done = 0; done < count; done += batch) {
    store.db.transaction(() => {
      for (let i = done; i < Math.min(count, done + batch); i++) {
        const fp = make(i);
        const id = store.insertArticle(`a${store.count++}`, fp.textHash);
        store.index.add(id, fp, null, store.index.findDuplicates(fp, null, id));
      }
    })();
  }
  return rate(count, start);
}

/** Synthetic unrelated articles: random signatures, and shingle sets of 300–700 random hashes from a pool. */
function syntheticFingerprints(seed: number): (n: number) => Fingerprint {
  const next = random(seed);
  const u32 = (): number => Math.floor(next() * 4294967296) >>> 0;
  const pool = Array.from({ length: 64 }, () => Uint32Array.from({ length: 300 + Math.floor(next() * 400) }, u32).sort());
  const params = DEFAULT_MINHASH_PARAMS;
  return (n) => ({
    params,
    signature: Uint32Array.from({ length: params.numPerm }, u32),
    shingles: pool[n % pool.length] ?? new Uint32Array(0),
    textHash: `${seed.toString(16)}-${n.toString(16)}`.padStart(64, '0'),
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function timeLookups(index: DuplicateIndex, fps: Fingerprint[]): { latency: LatencyFigures; found: number[][] } {
  const times: number[] = [];
  const found: number[][] = [];
  const start = process.hrtime.bigint();
  for (const fp of fps) {
    const t0 = process.hrtime.bigint();
    const matches = index.findDuplicates(fp, null);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    found.push(matches.map((m) => m.articleId));
  }
  const perSecond = rate(fps.length, start);
  times.sort((a, b) => a - b);
  return { latency: { perSecond, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99) }, found };
}

function measureStore(store: Store, copies: { fp: Fingerprint; originalId: number }[], unseen: Fingerprint[], insertsPerSecond: number): StoreFigures {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const copyRun = timeLookups(store.index, copies.map((c) => c.fp));
  const unseenRun = timeLookups(store.index, unseen);
  const recalled = copies.filter((c, i) => (copyRun.found[i] ?? []).includes(c.originalId)).length;
  return {
    articles: store.count,
    insertsPerSecond,
    copyLookup: copyRun.latency,
    unseenLookup: unseenRun.latency,
    copyRecall: recalled / Math.max(1, copies.length),
    unseenFalseMatches: unseenRun.found.filter((f) => f.length > 0).length,
    dbBytesPerArticle: statSync(store.file).size / store.count,
  };
}

/** Articles inserted the pipeline's way and timed before each measurement, in transactions of one feed's size. */
const TIMED_INSERTS = 2_000;
const FEED_BATCH = 50;

/**
 * Loads `count` synthetic articles without lookups: table rows in id order, then all their band rows sorted by key,
 * so every b-tree is written front to back once. (Random band keys inserted as they come dirty a random page each,
 * and a bulk load of 1,000,000 articles that way rewrites the band table hundreds of times.)
 */
function bulkLoad(store: Store, count: number, make: () => Fingerprint): void {
  const { bands, rows } = optimalLshParams(candidateThreshold({ threshold: DEFAULT_JACCARD_THRESHOLD, containmentThreshold: DEFAULT_CONTAINMENT_THRESHOLD }), DEFAULT_MINHASH_PARAMS.numPerm);
  const sql = bulkStatements(store.db);
  const keys = new BigUint64Array(count * bands);
  const firstId = store.count + 1;
  let k = 0;
  for (let done = 0; done < count; done += 100_000) {
    store.db.transaction(() => {
      for (let i = done; i < Math.min(count, done + 100_000); i++) {
        const fp = make();
        const id = firstId + i;
        const at = new Date(Date.UTC(2025, 0, 1) + id * 1000).toISOString();
        const group = Number(sql.group.run(id, at).lastInsertRowid);
        sql.article.run({ id, key: `bulk${id}`, at, hash: fp.textHash, group });
        const p = fp.params;
        sql.fingerprint.run(id, p.numPerm, p.shingleSize, p.seed, uint32ToBlob(fp.signature), uint32ToBlob(fp.shingles), fp.textHash, bands, rows);
        // key < 2^38 and id < 2^26: one sortable 64-bit integer per band row.
        for (const key of bandKeys(fp.signature, bands, rows)) keys[k++] = (BigInt(key) << 26n) | BigInt(id);
      }
    })();
  }
  keys.sort();
  for (let done = 0; done < keys.length; done += 1_000_000) {
    store.db.transaction(() => {
      for (let i = done; i < Math.min(keys.length, done + 1_000_000); i++) {
        const packed = keys[i] ?? 0n;
        sql.band.run(Number(packed >> 26n), Number(packed & 0x3ffffffn));
      }
    })();
  }
  store.count += count;
}

function bulkStatements(db: Database.Database) {
  return {
    group: db.prepare<[number, string]>('INSERT INTO duplicate_groups (canonical_article_id, first_seen_at, size) VALUES (?, ?, 1)'),
    article: db.prepare<[{ id: number; key: string; at: string; hash: string; group: number }]>(
      `INSERT INTO articles (id, origin, item_key, source, title, text, first_seen_at, updated_at, method, text_hash, duplicate_group_id)
       VALUES (@id, 'bench', @key, 'bench', @key, '', @at, @at, 'import', @hash, @group)`,
    ),
    fingerprint: db.prepare(
      `INSERT INTO article_fingerprints (article_id, num_perm, shingle_size, seed, signature, shingles, canonical_url, text_hash, lsh_bands, lsh_rows)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    ),
    band: db.prepare<[number, number]>('INSERT INTO lsh_bands (key, article_id) VALUES (?, ?)'),
  };
}

function indexFigures(texts: string[], options: Required<Pick<MinhashBenchOptions, 'storeSizes' | 'queries'>>, dir: string): StoreFigures[] {
  const store = openStore(dir);
  try {
    store.db.pragma(`cache_size = -${LOOKUP_CACHE_MB * 1024}`);
    const real = texts.map((t) => fingerprintText(t));
    const firstId = store.count + 1;
    addAll(store, real.length, (n) => real[n] ?? fingerprintText(''), FEED_BATCH);
    const copies = texts.slice(0, options.queries).map((t, i) => ({ fp: fingerprintText(editCopy(t)), originalId: firstId + i }));
    const writeUnseen = makeWriter(99);
    const unseen = Array.from({ length: options.queries }, () => fingerprintText(writeUnseen(504)));
    const synthetic = syntheticFingerprints(7);
    const figures: StoreFigures[] = [];
    let made = 0;
    for (const size of options.storeSizes) {
      bulkLoad(store, Math.max(0, size - TIMED_INSERTS - store.count), () => synthetic(made++));
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      const perSecond = addAll(store, Math.max(0, size - store.count), () => synthetic(made++), FEED_BATCH);
      figures.push(measureStore(store, copies, unseen, perSecond));
    }
    return figures;
  } finally {
    store.db.close();
  }
}

/** Runs the benchmark (defaults: see MinhashBenchOptions), prints a compact table and returns the figures. */
export function runMinhashBench(options: MinhashBenchOptions = {}): MinhashBenchResult {
  const out = options.out ?? process.stdout;
  const documents = options.documents ?? 10_000;
  const write = makeWriter(2026);
  const texts = Array.from({ length: documents }, () => write(504));
  const rates = signatureRates(texts, options.packageDocuments ?? documents);
  out.write(`MinHash signatures (${documents} docs, ~500 shingles, 128 permutations)\n`);
  out.write(`  newsdedup      ${fmt(rates.ours)} signatures/s\n`);
  const sampled = Math.min(documents, options.packageDocuments ?? documents);
  const note = sampled < documents ? ` (every ${Math.round(documents / sampled)}th document)` : '';
  out.write(`  minhash 0.0.9  ${fmt(rates.pkg)} signatures/s${note}   → ${(rates.ours / rates.pkg).toFixed(0)}× (target ≥ 40×)\n`);
  out.write(`  fingerprintText (normalize + segment + shingle + sign) ${fmt(rates.full)} texts/s\n`);
  const dir = mkdtempSync(path.join(options.tmpDir ?? tmpdir(), 'newsdedup-bench-'));
  let stores: StoreFigures[];
  try {
    stores = indexFigures(texts, { storeSizes: options.storeSizes ?? [100_000, 1_000_000], queries: options.queries ?? 1_000 }, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  out.write('Near-duplicate index in SQLite (lookups: 1 ms p50 target at 1,000,000)\n');
  out.write(`  inserts/s: the last ${TIMED_INSERTS} articles, findDuplicates + add, one transaction per ${FEED_BATCH} (a feed); page cache ${LOOKUP_CACHE_MB} MB\n`);
  out.write('  articles   inserts/s  copy p50/p99 ms  unseen p50/p99 ms  lookups/s  copy recall  false matches  DB bytes/article\n');
  for (const s of stores) {
    out.write(
      `  ${pad(s.articles, 9)}  ${pad(fmt(s.insertsPerSecond), 9)}  ${pad(`${s.copyLookup.p50Ms.toFixed(3)}/${s.copyLookup.p99Ms.toFixed(3)}`, 15)}` +
        `  ${pad(`${s.unseenLookup.p50Ms.toFixed(3)}/${s.unseenLookup.p99Ms.toFixed(3)}`, 17)}  ${pad(fmt(s.unseenLookup.perSecond), 9)}` +
        `  ${pad(`${(s.copyRecall * 100).toFixed(1)} %`, 11)}  ${pad(s.unseenFalseMatches, 13)}  ${pad(fmt(s.dbBytesPerArticle), 16)}\n`,
    );
  }
  return { oursSignaturesPerSecond: rates.ours, packageSignaturesPerSecond: rates.pkg, speedup: rates.ours / rates.pkg, fingerprintTextPerSecond: rates.full, stores };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  runMinhashBench(quick ? { packageDocuments: 1_000, storeSizes: [100_000] } : {});
}
