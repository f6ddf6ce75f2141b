/** The JSON line `newsdedup parse-feed --json` prints for one file. */
import type { ErrorCode, FeedFormat, FeedItem, ParsedFeed, Result } from '../model.js';

/** One file's report: the parsed feed, or the error with the fields left null. */
export interface FeedReport {
  file: string;
  format: FeedFormat | null;
  title: string | null;
  link: string | null;
  language: string | null;
  items: FeedItem[];
  warnings: string[];
  error?: { code: ErrorCode; message: string };
}

/** Builds the report for one parsed file (`error` present only when parsing failed). */
export function toFeedReport(file: string, result: Result<ParsedFeed>): FeedReport {
  if (!result.ok) {
    return {
      file, format: null, title: null, link: null, language: null, items: [], warnings: [],
      error: { code: result.error.code, message: result.error.message },
    };
  }
  const feed = result.value;
  return {
    file, format: feed.format, title: feed.title, link: feed.link, language: feed.language, items: feed.items,
    warnings: feed.warnings,
  };
}
