import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Config } from '../config/config.js';
import { openDatabase } from '../store/database.js';
import { checkOutputPath } from './output-path.js';
import { iterateExportRows, type ExportRow } from '../store/export-rows.js';

/** Flags of `newsdedup export`. */
export interface ExportOptions {
  format?: 'jsonl' | 'csv';
  output?: string;
  withText?: boolean;
}

/**
 * `newsdedup export`: every article with its outlet, duplicate group and event cluster, as JSON lines or CSV,
 * streamed (constant memory whatever the database size). Returns the number of rows written.
 */
export async function exportArticles(config: Config, options: ExportOptions): Promise<number> {
  const format = options.format ?? 'jsonl';
  // Checked before the database is opened: `-o news.db` must not truncate it.
  if (options.output) checkOutputPath({ flag: '--output', file: options.output, database: config.database, looksOurs: isExportOutput });
  const db = openDatabase(config.database, { readonly: true });
  const out: Writable = options.output ? createWriteStream(options.output) : process.stdout;
  let rows = 0;
  try {
    if (format === 'csv') await write(out, `${csvHeader(options.withText ?? false)}\n`);
    // Progress on a terminal, when the rows go to a file (on stdout they would mix with the data).
    const progress = Boolean(process.stderr.isTTY) && out !== process.stdout;
    for (const row of iterateExportRows(db, options.withText ?? false)) {
      await write(out, `${format === 'csv' ? toCsv(row, options.withText ?? false) : JSON.stringify(row)}\n`);
      rows++;
      if (progress && rows % 1000 === 0) process.stderr.write(`\rexported ${rows} articles`);
    }
    if (progress) process.stderr.write(`\rexported ${rows} articles\n`);
  } finally {
    db.close();
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
  }
  return rows;
}

/** True when a file begins the way an export does (JSON lines or our CSV header): a previous export may be replaced. */
function isExportOutput(head: string): boolean {
  return head.startsWith('{"id":') || head.startsWith(COLUMNS.slice(0, 3).join(','));
}

const COLUMNS: Array<keyof ExportRow> = [
  'id',
  'external_id',
  'url',
  'source',
  'title',
  'published',
  'lang',
  'duplicate_group',
  'cluster',
  'version',
];

function csvHeader(withText: boolean): string {
  return [...COLUMNS, ...(withText ? ['text'] : [])].join(',');
}

function toCsv(row: ExportRow, withText: boolean): string {
  const values = COLUMNS.map((column) => row[column]);
  if (withText) values.push(row.text ?? '');
  return values.map(csvField).join(',');
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
