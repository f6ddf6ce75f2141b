import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { validateArticle } from '../pipeline/article-validation.js';
import type { Config } from '../config/config.js';
import { createExtractorPool, type ExtractorPool } from '../extract/extractor-pool.js';
import { DEFAULT_MINHASH_PARAMS } from '../fingerprint/fingerprint-text.js';
import { createIngester, ingestSettingsFrom } from '../pipeline/ingest.js';
import { extractorOptionsFrom } from '../pipeline/stage-options.js';
import type { Logger } from '../shared/log.js';
import type { ArticleInput } from '../model.js';
import { openDatabase, writeTransaction } from '../store/database.js';
import { parseFeedDate } from '../shared/parse-date.js';
import { acquireRunLock } from '../store/run-lock.js';
import { formatBytes } from './read-capped.js';

/** One line of an import file. Either `text` or `html` carries the article. */
const importLine = z.object({
  id: z
    .union([z.string().min(1), z.number()])
    .transform(String)
    .optional(),
  url: z.string().url().nullish(),
  title: z.string({ error: 'expected a title' }).min(1, 'expected a non-empty title'),
  text: z.string().nullish(),
  html: z.string().nullish(),
  // The feed path's date grammar and range (years 1900-9999): "+275760-…" is no date.
  published: z
    .string()
    .nullish()
    .refine((value) => value == null || parseFeedDate(value) !== null, 'expected an ISO 8601 or RFC 822 date from the years 1900-9999'),
  source: z.string().min(1).nullish(),
  lang: z.string().min(1).nullish(),
});

/** One parsed, schema-checked import line. */
export type ImportLine = z.output<typeof importLine>;

/** Lines per write transaction: big enough to be fast, small enough that an interrupted import loses little. */
const BATCH = 200;

/**
 * Longest import line read, as a multiple of `fetch.max_body`: a line carries at most one page's HTML, and JSON
 * escaping can double it. Longer lines are skipped (and reported) without being held in memory.
 */
const LINE_CAP_PER_MAX_BODY = 2;

/** What an import did. */
export interface ImportSummary {
  lines: number;
  imported: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
  clustersTouched: number;
  seconds: number;
}

/**
 * `newsdedup import FILE.jsonl`: archived articles through the same extract-if-html → fingerprint → cluster →
 * store path as `run`. Bad lines are logged with their line number and skipped; the rest is imported. Re-importing
 * a file is idempotent (an `id` is kept as the article's external id and identifies it).
 */
export async function importArticles(file: string, config: Config, logger: Logger): Promise<ImportSummary> {
  const startedMs = Date.now();
  const lock = acquireRunLock(config.database);
  const db = openDatabase(config.database);
  const pool = createExtractorPool(extractorOptionsFrom(config));
  const ingester = createIngester(db, ingestSettingsFrom(config, DEFAULT_MINHASH_PARAMS.seed));
  const summary: ImportSummary = {
    lines: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    rejected: 0,
    clustersTouched: 0,
    seconds: 0,
  };
  const clusters = new Set<number>();
  let batch: Array<Promise<ArticleInput | null>> = [];
  const flush = async () => {
    const results = await Promise.all(batch);
    const articles = results.filter((article): article is ArticleInput => article !== null);
    summary.rejected += results.length - articles.length;
    batch = [];
    const counts = writeTransaction(db, () => ingester.ingest(articles, new Date()));
    summary.imported += counts.inserted;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    summary.duplicates += counts.duplicates;
    for (const id of counts.clusterIds) clusters.add(id);
    reportProgress(summary.lines);
  };
  try {
    const maxLineBytes = LINE_CAP_PER_MAX_BODY * config.fetch.maxBodyBytes;
    for await (const line of readLines(file, maxLineBytes)) {
      summary.lines++;
      if (line.text === null) {
        summary.rejected++;
        logger.warn(
          { file, line: summary.lines, reason: `line longer than ${formatBytes(maxLineBytes)} (2 × fetch.max_body): skipped` },
          'import_line_rejected',
        );
        continue;
      }
      if (line.text.trim() === '') continue;
      const parsed = parseLine(line.text);
      if (!parsed.ok) {
        summary.rejected++;
        logger.warn({ file, line: summary.lines, reason: parsed.reason }, 'import_line_rejected');
        continue;
      }
      batch.push(toArticle(parsed.value, { file, line: summary.lines }, pool, logger));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    await pool.close();
    db.close();
    lock.release();
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
  summary.clustersTouched = clusters.size;
  summary.seconds = Math.round((Date.now() - startedMs) / 100) / 10;
  return summary;
}

/** Parses and checks one import line (exported for the benchmarks, which replay import's own steps). */
export function parseLine(text: string): { ok: true; value: ImportLine } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = importLine.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || '(line)'}: ${issue?.message ?? 'invalid'}` };
  }
  if (!result.data.text && !result.data.html) return { ok: false, reason: 'text or html: expected one of them' };
  return { ok: true, value: result.data };
}

/** One line of the import file: its text, or null when it was longer than the cap (its bytes were not kept). */
interface FileLine {
  text: string | null;
}

/**
 * The lines of a file, each read with a cap: a line over `maxLineBytes` costs no more memory than the cap (it is
 * skipped to its end and given as null), so the lines after it are still read. `\r\n` endings are accepted.
 */
export async function* readLines(file: string, maxLineBytes: number): AsyncGenerator<FileLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  const finish = (): FileLine => {
    const line: FileLine = { text: tooLong ? null : Buffer.concat(parts, length).toString('utf8').replace(/\r$/, '') };
    parts = [];
    length = 0;
    tooLong = false;
    return line;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    if (!Buffer.isBuffer(chunk)) continue;
    let start = 0;
    for (let newline = chunk.indexOf(0x0a, start); ; newline = chunk.indexOf(0x0a, start)) {
      const end = newline === -1 ? chunk.length : newline;
      if (!tooLong) {
        if (length + end - start > maxLineBytes) {
          tooLong = true;
          parts = [];
          length = 0;
        } else if (end > start) {
          parts.push(chunk.subarray(start, end));
          length += end - start;
        }
      }
      if (newline === -1) break;
      yield finish();
      start = newline + 1;
    }
  }
  if (length > 0 || tooLong) yield finish();
}

/** An import line as the article import hands to ingest (extracted first when it carries HTML), or null when rejected. */
export async function toArticle(
  line: ImportLine,
  where: { file: string; line: number },
  pool: ExtractorPool,
  logger: Logger,
): Promise<ArticleInput | null> {
  let text = line.text ?? '';
  let html: string | null = null;
  let byline: string | null = null;
  let lang = line.lang ?? null;
  let method: ArticleInput['method'] = 'import';
  if (!line.text && line.html) {
    const extracted = await pool.extract({ url: line.url ?? 'http://import.invalid/', html: line.html });
    if (!extracted.ok) {
      logger.warn({ ...where, reason: extracted.error.message }, 'import_line_rejected');
      return null;
    }
    ({ text, html, byline } = extracted.value);
    lang ??= extracted.value.lang;
    method = extracted.value.method;
  }
  const source = line.source ?? (line.url ? new URL(line.url).hostname : 'import');
  const article: ArticleInput = {
    feedName: null,
    source,
    // The external id identifies the article; without one, its URL (or title) does.
    itemKey: line.id ? `id:${line.id}` : line.url ? `url:${line.url}` : `title:${line.title}`,
    externalId: line.id ?? null,
    guid: null,
    url: line.url ?? null,
    canonicalUrl: null,
    title: line.title.trim(),
    text: text.normalize('NFC'),
    html,
    byline,
    lang,
    publishedAt: line.published ? (parseFeedDate(line.published)?.toISOString() ?? null) : null,
    modifiedAt: null,
    method,
    fallbackReason: null,
    itemHash: null,
  };
  // The same validation as the feed path's articles: URL scheme, date range, sizes, clean text.
  const valid = validateArticle(article, new Date());
  if (!valid.ok) {
    logger.warn({ ...where, reason: valid.error.message }, 'import_line_rejected');
    return null;
  }
  for (const warning of valid.value.warnings) logger.warn({ ...where, warning }, 'import_line_changed');
  return valid.value.article;
}

function reportProgress(lines: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\rimported ${lines} lines`);
}
