/**
 * The feeds.yaml of an end-to-end test: the database beside it, loopback allowed (the test's servers play the
 * internet), no per-host gap, and the feeds the test serves.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** One feed entry: name, URL and, optionally, the outlet shown for it. */
export interface ConfigFeed {
  name: string;
  url: string;
  outlet?: string;
}

/** Options of {@link writeLoopbackConfig}. */
export interface LoopbackConfigOptions {
  /** `fetch.per_host_concurrency`. Default 4. */
  concurrency?: number;
  /** Lines written first (a comment, `busy_timeout: 1s`), each ending in a newline. Default none. */
  head?: string;
}

/** Writes `<dir>/feeds.yaml` (database `news.db` beside it) for the given feeds and returns its path. */
export function writeLoopbackConfig(dir: string, feeds: readonly ConfigFeed[], options: LoopbackConfigOptions = {}): string {
  const entries = feeds.map((feed) => `  - name: ${feed.name}\n${feed.outlet === undefined ? '' : `    outlet: ${feed.outlet}\n`}    url: ${feed.url}`);
  const file = path.join(dir, 'feeds.yaml');
  writeFileSync(
    file,
    `${options.head ?? ''}database: news.db\nallow_networks: [127.0.0.1/32]\nfetch: { per_host_gap: 1ms, per_host_concurrency: ${options.concurrency ?? 4} }\nfeeds:\n${entries.join('\n')}\n`,
  );
  return file;
}

/** Feeds named `feed-0`, `feed-1`, … for a list of URLs (the generated news web's feeds). */
export function numberedFeeds(urls: readonly string[]): ConfigFeed[] {
  return urls.map((url, index) => ({ name: `feed-${index}`, url }));
}
