import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config/config.js';
import { createFetcher, type Fetcher } from '../fetch/fetcher.js';
import { appendFeeds, feedNameFromUrl, type NewFeed } from '../config/feeds-file.js';
import { formatOpml, parseOpml } from '../config/opml.js';
import { COMMON_FEED_PATHS, findFeedLinks } from '../parse/feed-links.js';
import { parseFeed } from '../parse/parse-feed.js';
import { fetchSettingsFrom } from '../pipeline/stage-options.js';
import { loadConfig, MAX_CONFIG_BYTES, printJsonLine, type GlobalOptions } from './context.js';
import { readFileCappedSync } from './read-capped.js';

/**
 * `newsdedup feeds check`: validates feeds.yaml, then fetches and parses every feed once, storing nothing.
 * Exit 1 when any feed fails (so scripts can gate on it), 0 when all parse.
 */
export async function feedsCheckCommand(options: GlobalOptions & { json?: boolean }): Promise<number> {
  const config = loadConfig(options);
  const fetcher = createFetcher(fetchSettingsFrom(config));
  let failed = 0;
  try {
    const results = await Promise.all(
      config.feeds.map(async (feed) => {
        const fetched = await fetcher.fetchFeed(
          feed.url,
          { etag: null, lastModified: null, bodyHash: null },
          {
            userAgent: feed.userAgent,
            headers: feed.headers,
            allowNetworks: feed.allowNetworks,
          },
        );
        if (!fetched.ok) return { feed: feed.name, ok: false, error: fetched.error.message };
        if (fetched.value.kind !== 'modified') return { feed: feed.name, ok: true, status: fetched.value.status, items: null };
        const { resource } = fetched.value;
        const parsed = await parseFeed(resource.text, { baseUrl: resource.finalUrl, maxItems: config.maxItemsPerFeed });
        if (!parsed.ok) return { feed: feed.name, ok: false, status: resource.status, error: parsed.error.message };
        return {
          feed: feed.name,
          ok: true,
          status: resource.status,
          format: parsed.value.format,
          items: parsed.value.items.length,
          warnings: parsed.value.warnings,
        };
      }),
    );
    for (const result of results) {
      if (!result.ok) failed++;
      if (options.json) printJsonLine(result);
      else
        process.stdout.write(
          `${result.ok ? 'ok  ' : 'FAIL'}  ${result.feed}: ${result.ok ? `${result.items ?? '?'} items` : result.error}\n`,
        );
    }
  } finally {
    await fetcher.close();
  }
  process.stdout.write(options.json ? '' : `${config.feeds.length - failed} of ${config.feeds.length} feeds ok\n`);
  return failed > 0 ? 1 : 0;
}

/**
 * `newsdedup feeds add URL`: finds the feed behind a URL — the URL itself, a `<link rel="alternate">` of the page,
 * or a common feed path — and appends it to feeds.yaml, keeping the file's comments. Exit 1 when none is found.
 */
export async function feedsAddCommand(
  url: string,
  options: GlobalOptions & { name?: string; outlet?: string; tags?: string[] },
): Promise<number> {
  const config = loadConfig(options);
  const fetcher = createFetcher(fetchSettingsFrom(config));
  try {
    const found = await discoverFeed(fetcher, url, config);
    if (!found) {
      process.stderr.write(`newsdedup: no feed found at ${url} (tried the page, its <link rel="alternate"> and common feed paths)\n`);
      return 1;
    }
    const feed: NewFeed = {
      name: options.name ?? feedNameFromUrl(found.url),
      url: found.url,
      ...((options.outlet ?? found.title) ? { outlet: options.outlet ?? found.title ?? '' } : {}),
      ...(options.tags ? { tags: options.tags } : {}),
    };
    const added = editConfigFile(config, [feed]);
    process.stdout.write(added.length > 0 ? `added ${added[0]?.name}: ${found.url}\n` : `already listed: ${found.url}\n`);
    return 0;
  } finally {
    await fetcher.close();
  }
}

/** `newsdedup feeds import-opml FILE`: appends every feed of an OPML subscription list not listed yet. */
export function feedsImportOpmlCommand(file: string, options: GlobalOptions): number {
  const config = loadConfig(options);
  const feeds = parseOpml(readOpml(file));
  const added = editConfigFile(config, feeds);
  process.stdout.write(`${added.length} feeds added, ${feeds.length - added.length} already listed\n`);
  return 0;
}

/** An OPML list is a few hundred KB at most: the cap keeps `/dev/zero` from filling memory. Unreadable → exit 2. */
function readOpml(file: string): string {
  try {
    return readFileCappedSync(file, MAX_CONFIG_BYTES, 'config').toString('utf8');
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^config: /, '') : String(error);
    throw new ConfigError(path.basename(file), [{ line: null, column: null, key: '(file)', message }], error);
  }
}

/** `newsdedup feeds export-opml`: the configured feeds as OPML 2.0 on stdout. */
export function feedsExportOpmlCommand(options: GlobalOptions): number {
  process.stdout.write(formatOpml(loadConfig(options).feeds));
  return 0;
}

async function discoverFeed(fetcher: Fetcher, url: string, config: Config): Promise<{ url: string; title: string | null } | null> {
  const asFeed = await tryFeed(fetcher, url, config);
  if (asFeed) return asFeed;
  const page = await fetcher.fetchPage(url);
  const candidates = page.ok ? findFeedLinks(page.value.text, page.value.finalUrl) : [];
  for (const path of COMMON_FEED_PATHS) candidates.push(new URL(path, url).href);
  for (const candidate of candidates) {
    const feed = await tryFeed(fetcher, candidate, config);
    if (feed) return feed;
  }
  return null;
}

async function tryFeed(fetcher: Fetcher, url: string, config: Config): Promise<{ url: string; title: string | null } | null> {
  const fetched = await fetcher.fetchFeed(url, { etag: null, lastModified: null, bodyHash: null });
  if (!fetched.ok || fetched.value.kind !== 'modified') return null;
  const parsed = await parseFeed(fetched.value.resource.text, {
    baseUrl: fetched.value.resource.finalUrl,
    maxItems: config.maxItemsPerFeed,
  });
  return parsed.ok ? { url: fetched.value.resource.finalUrl, title: parsed.value.title } : null;
}

/** Rewrites feeds.yaml atomically with the feeds appended (comments kept). */
function editConfigFile(config: Config, feeds: readonly NewFeed[]): NewFeed[] {
  if (!config.file) throw new Error('no feeds.yaml to edit');
  const { text, added } = appendFeeds(readFileSync(config.file, 'utf8'), feeds);
  if (added.length === 0) return added;
  const temporary = path.join(path.dirname(config.file), `.${path.basename(config.file)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, config.file);
  return added;
}
