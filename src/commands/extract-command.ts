import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../config/config.js';
import { createExtractorPool, type PoolInput } from '../extract/extractor-pool.js';
import { extractReportLine, formatReportText } from '../extract/extract-report.js';
import { createFetcher } from '../fetch/fetcher.js';
import { err, PipelineError, type Result } from '../model.js';
import { extractorOptionsFrom, fetchSettingsFrom } from '../pipeline/stage-options.js';
import { printJsonLine } from './context.js';
import { readFileCappedSync } from './read-capped.js';

/** Flags of `newsdedup extract`. */
export interface ExtractCommandOptions {
  baseUrl?: string;
  json?: boolean;
}

/**
 * `newsdedup extract INPUT...`: extracts articles from files or URLs through the same worker pool as `run`.
 * URLs are fetched with the configured fetch settings (SSRF guard, caps, robots.txt). Exit 1 when an input
 * cannot be read or fetched; an extraction failure is reported in its line.
 */
export async function extractCommand(inputs: readonly string[], options: ExtractCommandOptions, config: Config): Promise<number> {
  const pool = createExtractorPool(extractorOptionsFrom(config));
  const fetcher = createFetcher(fetchSettingsFrom(config));
  let failures = 0;
  try {
    // All inputs go to the pool at once, so its workers run in parallel; reports keep the input order.
    const jobs = inputs.map(async (input) => {
      const loaded = await load(input, options.baseUrl, fetcher, config.fetch.maxBodyBytes);
      if (!loaded.ok) return { input, url: input, result: loaded, readable: false };
      return { input, url: loaded.value.url, result: await pool.extract(loaded.value), readable: true };
    });
    for (const job of jobs) {
      const { input, url, result, readable } = await job;
      if (!readable) failures++;
      const line = extractReportLine(input, url, result);
      if (options.json) printJsonLine(line);
      else process.stdout.write(`${formatReportText(line)}\n`);
    }
  } finally {
    await pool.close();
    await fetcher.close();
  }
  return failures > 0 ? 1 : 0;
}

type Loaded = PoolInput & { url: string };

async function load(input: string, baseUrl: string | undefined, fetcher: ReturnType<typeof createFetcher>, maxBytes: number): Promise<Result<Loaded>> {
  if (/^https?:\/\//i.test(input)) {
    const page = await fetcher.fetchPage(input);
    if (!page.ok) return page;
    return { ok: true, value: { url: page.value.finalUrl, bytes: page.value.body, contentType: page.value.contentType } };
  }
  // A file gets the same cap as a fetched page (`fetch.max_body`): `/dev/zero` ends with `too_large`.
  try {
    // Synchronous: a local file of at most max_body costs milliseconds, and it keeps one read loop for every input.
    const bytes = readFileCappedSync(input, maxBytes, 'extract');
    return { ok: true, value: { url: baseUrl ?? pathToFileURL(path.resolve(input)).href, bytes, contentType: null } };
  } catch (error) {
    return err(error instanceof PipelineError ? error : new PipelineError('extract', 'unreadable_input', `cannot read ${input}: ${String(error)}`));
  }
}
