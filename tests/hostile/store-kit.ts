/**
 * Helpers of the store-side hostile cases: a config in a temp folder, file digests to prove that nothing was
 * written, and a preload that makes a CLI child report its own peak memory.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';

/** Writes `feeds.yaml` (database `news.db` beside it unless the body names one) and returns its path. */
export function writeConfig(dir: string, body = 'feeds: []\n'): string {
  const file = path.join(dir, 'feeds.yaml');
  writeFileSync(file, /^database:/m.test(body) ? body : `database: news.db\n${body}`);
  return file;
}

/** A loopback server answering `/feed` with one document. */
export function serveFeed(contentType: string, body: string): Promise<LoopbackServer> {
  return startLoopbackServer({ '/feed': (_req, res) => res.writeHead(200, { 'content-type': contentType }).end(body) });
}

/** Writes a `feeds.yaml` with the one feed `name` at `url`, the feed's own text as its articles (no page fetches). */
export function writeFeedConfig(dir: string, name: string, url: string, settings = ''): string {
  return writeConfig(
    dir,
    `${settings}allow_networks: [127.0.0.1/32]\nfeeds:\n  - name: ${name}\n    url: ${url}\n    fetch_articles: false\n`,
  );
}

/** sha256 of a file's bytes, or null when it does not exist: equal digests before and after mean nothing was written. */
export function digest(file: string): string | null {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
}

/** The digests of several files, by name. */
export function digests(files: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(files.map((file) => [path.basename(file), digest(file)]));
}

/** `NODE_OPTIONS` that make a CLI child print `{"max_rss_kb": N}` on stderr as it exits (see max-rss-preload.mjs). */
export const MAX_RSS_ENV = { NODE_OPTIONS: `--import ${fileURLToPath(new URL('./max-rss-preload.mjs', import.meta.url))}` };

/** The peak resident memory a child reported with {@link MAX_RSS_ENV}, in MiB. */
export function maxRssMib(stderr: string): number {
  const match = /\{"max_rss_kb":(\d+)\}/.exec(stderr);
  if (!match) throw new Error(`no max_rss_kb line in: ${stderr.slice(-500)}`);
  return Number(match[1]) / 1024;
}
