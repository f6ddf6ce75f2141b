/**
 * Per-article ingest cost against the size of the cluster it joins: a store whose one live story already holds N
 * articles takes 500 more articles of that story through the ingest stage that `import` and `run` use (validation,
 * fingerprints, near-duplicate groups, event clusters), a batch of 25 per transaction. The cost per article should
 * stay flat as N grows ([14] case 11: one giant cluster must not slow everything down).
 *
 *   node dist/bench/bench-cluster-size.js [--sizes 100,5000,20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../config/config.js';
import { DEFAULT_MINHASH_PARAMS } from '../fingerprint/fingerprint-text.js';
import { createIngester, ingestSettingsFrom } from '../pipeline/ingest.js';
import type { ArticleInput } from '../model.js';
import { openDatabase } from '../store/database.js';

const BATCH = 25;
const MEASURED = 500;
const OUTLETS = ['Courier', 'Gazette', 'Herald', 'Tribune', 'Ledger', 'Observer', 'Chronicle', 'Sentinel'];
const PLACES = ['Vennmoor', 'Alder Bridge', 'Kettle Reach', 'Harrow Fen', 'Lowmere', 'Stoke Marsh', 'Ember Quay', 'Dunholt'];

/**
 * The n-th report of one long-running story (a flood): wire copies with small edits (a figure, a place, the outlet),
 * so that every one of them lands in the one story, as the giant cluster of the report did.
 */
function report(n: number, start: number): ArticleInput {
  const outlet = OUTLETS[n % OUTLETS.length] ?? 'Courier';
  const place = PLACES[n % PLACES.length] ?? 'Vennmoor';
  const time = new Date(start + n * 60_000).toISOString();
  return {
    feedName: null,
    source: outlet,
    itemKey: `bench:${n}`,
    externalId: null,
    guid: null,
    url: `https://${outlet.toLowerCase()}.example/flood/${n}`,
    canonicalUrl: null,
    title: `Vennmoor flood: river Ouse rises, ${place} evacuated`,
    text:
      `The river Ouse burst its banks near Vennmoor on Tuesday night, forcing the evacuation of ${place} and two other villages. ` +
      `Rescue teams evacuated ${100 + (n % 900)} residents overnight while the water rose by up to two metres, the ${outlet} reports. ` +
      `Vennmoor's mayor Delphine Orsk said shelters at the town's schools and sports hall were open and asked residents to stay ` +
      `away from the embankment. Forecasters expect more rain over the Ouse valley until the weekend, and the army has been asked ` +
      `to help fill sandbags along the river.`,
    html: null,
    byline: null,
    lang: 'en',
    publishedAt: time,
    modifiedAt: null,
    method: 'import',
    fallbackReason: null,
    itemHash: null,
  };
}

/** Ingests `count` reports from `from` on, a batch per transaction; returns ms per article. */
function ingestReports(
  db: ReturnType<typeof openDatabase>,
  ingester: ReturnType<typeof createIngester>,
  from: number,
  count: number,
  start: number,
): number {
  const began = process.hrtime.bigint();
  for (let i = from; i < from + count; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, from + count - i) }, (_, k) => report(i + k, start));
    const newest = Date.parse(batch[batch.length - 1]?.publishedAt ?? new Date(start).toISOString());
    db.transaction(() => ingester.ingest(batch, new Date(newest)))();
  }
  return Number(process.hrtime.bigint() - began) / 1e6 / count;
}

/** One row per size: the size of the story when the measured articles arrive, and the cost per article. */
export function runClusterSizeBench(sizes: readonly number[]): { size: number; msPerArticle: number; biggest: number }[] {
  const rows: { size: number; msPerArticle: number; biggest: number }[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdedup-bench-cluster-'));
    try {
      const db = openDatabase(path.join(dir, 'bench.db'));
      const settings = ingestSettingsFrom(parseConfig('feeds: []\n', path.join(dir, 'feeds.yaml')), DEFAULT_MINHASH_PARAMS.seed);
      const ingester = createIngester(db, settings);
      const start = Date.UTC(2026, 0, 1);
      ingestReports(db, ingester, 0, size, start);
      const msPerArticle = ingestReports(db, ingester, size, MEASURED, start);
      const biggest: unknown = db.prepare('SELECT max(article_count) FROM clusters WHERE merged_into IS NULL').pluck().get();
      rows.push({ size, msPerArticle, biggest: typeof biggest === 'number' ? biggest : 0 });
      process.stdout.write(
        `story of ${String(size).padStart(6)} articles: ${msPerArticle.toFixed(2)} ms per article for the next ${MEASURED} (biggest cluster then ${String(biggest)})\n`,
      );
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--sizes');
  const sizes =
    i >= 0
      ? (process.argv[i + 1] ?? '')
          .split(',')
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0)
      : [100, 5_000, 20_000];
  runClusterSizeBench(sizes);
}
