import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeBody } from '../shared/decode-body.js';
import { DEFAULT_FETCH_SETTINGS } from '../fetch/fetcher.js';
import { parseFeed } from '../parse/parse-feed.js';
import { toFeedReport, type FeedReport } from '../parse/feed-report.js';
import { readFileCappedSync } from './read-capped.js';

/** Flags of `newsdedup parse-feed`. */
export interface ParseFeedCommandOptions {
  baseUrl?: string;
  json?: boolean;
}

/**
 * `newsdedup parse-feed FILE...`: parses feed files with the same decoder and parser as `run`, one report per file.
 * A feed that does not parse is reported in its line; the exit code is non-zero only when a file cannot be read.
 */
export async function parseFeedCommand(files: readonly string[], options: ParseFeedCommandOptions): Promise<number> {
  let unreadable = 0;
  for (const file of files) {
    let bytes: Buffer;
    try {
      // A file gets the cap of a fetched feed: `parse-feed /dev/zero` ends with `too_large`, not with the memory.
      bytes = readFileCappedSync(file, DEFAULT_FETCH_SETTINGS.maxBodyBytes, 'parse');
    } catch (error) {
      unreadable++;
      process.stderr.write(`newsdedup: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      continue;
    }
    const { text } = decodeBody(bytes, null, 'xml');
    const baseUrl = options.baseUrl ?? pathToFileURL(path.resolve(file)).href;
    const report = toFeedReport(file, await parseFeed(text, { baseUrl }));
    if (options.json) process.stdout.write(`${htmlSafeJson(report)}\n`);
    else process.stdout.write(formatFeedReport(report));
  }
  return unreadable > 0 ? 1 : 0;
}

/**
 * JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026` (what Go's encoding/json does by default):
 * the same values, but a line that is pasted into a page can never open a tag. Titles are plain text and may
 * legitimately read "<script>"; summaries and content are sanitized already.
 */
function htmlSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function formatFeedReport(report: FeedReport): string {
  if (report.error) return `${report.file}: ${report.error.message}\n`;
  const lines = [
    `${report.file}: ${report.format} feed "${report.title ?? ''}" (${report.link ?? 'no link'}), ${report.items.length} items`,
    ...report.warnings.map((warning) => `  warning: ${warning}`),
    ...report.items.map((item) => `  - ${item.published ?? '(no date)'}  ${item.title}${item.url ? `  <${item.url}>` : ''}`),
  ];
  return `${lines.join('\n')}\n`;
}
