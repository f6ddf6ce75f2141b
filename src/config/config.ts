import { Cron } from 'croner';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { isValidNetwork } from '../shared/networks.js';
import { VERSION } from '../shared/version.js';
import type { FetchSettings } from './fetch-settings.js';
import { PipelineError } from '../model.js';
import { firstLine, formatIssue, toConfigIssues, type ConfigIssue } from './config-issues.js';

// ─── Durations and sizes ───────────────────────────────────────────────────

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3 };

/** Parses "90s", "15m", "2h", "1d", "500ms" into milliseconds; null when malformed. */
export function parseDuration(value: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(value);
  if (!match) return null;
  return Math.round(Number(match[1]) * (DURATION_UNITS_MS[match[2]!.toLowerCase()] ?? Number.NaN));
}

/** Parses "15MB", "512 KiB", "1048576" (bytes) into bytes; null when malformed. */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i.exec(value);
  if (!match) return null;
  return Math.round(Number(match[1]) * (SIZE_UNITS[(match[2] ?? 'b').toLowerCase()] ?? Number.NaN));
}

/** Longest duration accepted anywhere (100 years): longer ones only make dates that JavaScript cannot hold. */
export const MAX_DURATION_MS = 36_500 * 86_400_000;

/** Longest timeout (2^31-1 ms, about 24.8 days): Node.js fires a longer timer at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const duration = (what: string, maxMs: number = MAX_DURATION_MS) =>
  z.string({ error: `expected a duration such as "15m", "2h" or "90s" (${what})` }).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === null || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `expected a duration such as "15m", "2h" or "90s" (${what})` });
      return z.NEVER;
    }
    if (ms > maxMs) {
      const limit = maxMs === MAX_TIMER_MS ? '24d 20h 31m 23.647s (2^31-1 ms, the longest timer Node.js can set)' : `${maxMs / 86_400_000}d`;
      ctx.addIssue({ code: 'custom', message: `expected a duration of at most ${limit} (${what})` });
      return z.NEVER;
    }
    return ms;
  });

/** A duration that becomes a timer (a timeout, a gap between requests): at most {@link MAX_TIMER_MS}. */
const timeout = (what: string) => duration(what, MAX_TIMER_MS);

const size = z.union([z.string(), z.number()], { error: 'expected a size such as "15MB" or "512KB"' }).transform((value, ctx) => {
  const bytes = parseSize(value);
  if (bytes === null || bytes <= 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a size such as "15MB" or "512KB"' });
    return z.NEVER;
  }
  return bytes;
});

const httpUrl = z.string({ error: 'expected an http(s) URL' }).refine(isHttpUrl, { message: 'expected an http(s) URL' });

const network = z.string({ error: 'expected an address or CIDR such as "10.0.0.0/8"' }).refine(isValidNetwork, {
  message: 'expected an address or CIDR such as "10.0.0.0/8" or "::1/128"',
});

const headerMap = z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'expected an HTTP header name'), z.string());

// ─── The schema, with the defaults ─────────────────────────────────────────

const feedSchema = z.strictObject({
  /** Unique name of the feed; also the default outlet name. */
  name: z.string({ error: 'expected a non-empty name' }).trim().min(1, 'expected a non-empty name'),
  url: httpUrl,
  /** Outlet shown to people (default: the feed's name). */
  outlet: z.string().trim().min(1).optional(),
  tags: z.array(z.string()).default([]),
  /** How often the feed is checked (default: defaults.interval). */
  interval: duration('feed interval').optional(),
  user_agent: z.string().min(1).optional(),
  /** Extra request headers, e.g. Authorization; never logged. */
  headers: headerMap.default({}),
  allow_networks: z.array(network).default([]),
  /** Fetch each item's page and extract the article (default true); false uses the feed's own content. */
  fetch_articles: z.boolean().optional(),
  enabled: z.boolean().default(true),
});

const rawConfigSchema = z.strictObject({
  /** SQLite file, relative to the config file. */
  database: z.string().min(1).default('storage/news.db'),
  user_agent: z.string().min(1).default(`newsdedup/${VERSION} (+https://github.com/newsdedup/newsdedup; news deduplication bot)`),
  /** Addresses/CIDRs that may be fetched although private (the SSRF guard blocks private networks by default). */
  allow_networks: z.array(network).default([]),
  /** How long a write waits for another process's lock on the database before the feed is deferred. */
  busy_timeout: timeout('database busy timeout').default(5000),
  /** Cron expression for `newsdedup watch`. */
  schedule: z.string().refine(isCronExpression, { message: 'expected a cron expression such as "*/10 * * * *"' }).default('*/10 * * * *'),
  defaults: z
    .strictObject({
      interval: duration('default interval').default(15 * 60_000),
      max_items_per_feed: z.number().int().positive().default(200),
      fetch_articles: z.boolean().default(true),
    })
    .prefault({}),
  fetch: z
    .strictObject({
      connect_timeout: timeout('connect timeout').default(10_000),
      headers_timeout: timeout('headers timeout').default(15_000),
      total_timeout: timeout('total timeout').default(60_000),
      max_body: size.default(15 * 1024 ** 2),
      max_redirects: z.number().int().min(0).max(20).default(5),
      per_host_concurrency: z.number().int().positive().default(1),
      per_host_gap: timeout('per-host gap').default(1000),
      global_concurrency: z.number().int().positive().default(8),
      feeds_in_flight: z.number().int().positive().default(56),
      respect_robots: z.boolean().default(true),
    })
    .prefault({}),
  extract: z
    .strictObject({
      /** Worker threads (default: one per core). */
      workers: z.number().int().positive().optional(),
      timeout: timeout('extraction timeout').default(20_000),
      max_heap_mb: z.number().int().min(64).default(512),
    })
    .prefault({}),
  dedup: z
    .strictObject({
      threshold: z.number().gt(0).lte(1).default(0.8),
      containment_threshold: z.number().gt(0).lte(1).default(0.8),
      num_perm: z.number().int().min(16).max(1024).default(128),
      shingle_size: z.number().int().min(1).max(12).default(5),
    })
    .prefault({}),
  cluster: z
    .strictObject({
      /** Similarity an article needs to join an event cluster. */
      threshold: z.number().gt(0).lte(1).optional(),
      /** Coverage more than this apart is a different event. */
      window: duration('cluster window').optional(),
    })
    .prefault({}),
  /** `newsdedup serve`: the access token it requires (and needs to listen on anything but loopback). */
  serve: z.strictObject({ auth_token: z.string().regex(/^\S{16,}$/, 'expected a token of at least 16 characters, no spaces').optional() }).prefault({}),
  feeds: z.array(feedSchema, { error: 'expected a list of feeds' }).superRefine((feeds, ctx) => {
    const seen = new Set<string>();
    feeds.forEach((feed, index) => {
      if (seen.has(feed.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate feed name "${feed.name}"` });
      seen.add(feed.name);
    });
  }),
});

type RawConfig = z.output<typeof rawConfigSchema>;
type RawFeed = z.output<typeof feedSchema>;

// ─── The validated configuration ───────────────────────────────────────────

/**
 * The schema of a feeds.yaml at `file` (an absolute path; null for a built-in configuration), with the output
 * callers use: camelCase, durations in ms, sizes in bytes, every default filled in, the database's absolute path.
 */
function configSchema(file: string | null) {
  return rawConfigSchema.transform((raw) => toConfig(raw, file));
}

/** The whole validated configuration. */
export type Config = z.output<ReturnType<typeof configSchema>>;

/** One feed from feeds.yaml with every default filled in. */
export type FeedConfig = Config['feeds'][number];

/** A configuration error: every issue found, each with its key and line. Exit code 2. */
export class ConfigError extends PipelineError {
  override readonly name = 'ConfigError';
  readonly issues: ConfigIssue[];

  constructor(file: string, issues: ConfigIssue[], cause?: unknown) {
    super('config', 'invalid_config', issues.map((issue) => formatIssue(file, issue)).join('\n'), { disposition: 'fatal', cause });
    this.issues = issues;
  }
}

/**
 * Parses and validates feeds.yaml text. Relative paths (the database) resolve against the config file's folder.
 * Throws {@link ConfigError} listing every problem with its key, what was expected and its line.
 */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const label = path.basename(file);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      label,
      doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return { line: pos.line, column: pos.col, key: '(yaml)', message: firstLine(error.message) };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS() ?? {};
  } catch (error) {
    // yaml refuses documents whose aliases expand past its limit (a "billion laughs" of anchors).
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(label, [{ line: null, column: null, key: '(yaml)', message: `cannot be read: ${reason}` }], error);
  }
  const result = configSchema(path.resolve(file)).safeParse(data, { reportInput: true });
  if (!result.success) {
    const issues = result.error.issues
      .flatMap((issue) => toConfigIssues(issue, doc.contents, lineCounter))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new ConfigError(label, issues);
  }
  return result.data;
}

function toConfig(raw: RawConfig, file: string | null) {
  return {
    /** Absolute path of the config file, or null when built in (the demo). */
    file,
    /** Absolute path of the SQLite database. */
    database: path.resolve(path.dirname(file ?? ''), raw.database),
    busyTimeoutMs: raw.busy_timeout,
    userAgent: raw.user_agent,
    allowNetworks: raw.allow_networks,
    schedule: raw.schedule,
    maxItemsPerFeed: raw.defaults.max_items_per_feed,
    /** The fetch stage's settings (see FetchSettings for each one's meaning and default). */
    fetch: {
      connectTimeoutMs: raw.fetch.connect_timeout,
      headersTimeoutMs: raw.fetch.headers_timeout,
      totalTimeoutMs: raw.fetch.total_timeout,
      maxBodyBytes: raw.fetch.max_body,
      maxRedirects: raw.fetch.max_redirects,
      perHostConcurrency: raw.fetch.per_host_concurrency,
      perHostGapMs: raw.fetch.per_host_gap,
      globalConcurrency: raw.fetch.global_concurrency,
      /**
       * Feeds processed at once (default 56: on the README's pipeline benchmark 40/48/56/64 gave 28.9/28.5/32.7/33
       * articles/s at 616/664/671/~760 MB peak). A feed spends most of its time waiting for per-host politeness, so
       * many more feeds than request slots are in flight; each holds its extracted articles in memory until its
       * transaction, which is what this bounds.
       */
      feedsInFlight: raw.fetch.feeds_in_flight,
      respectRobots: raw.fetch.respect_robots,
    } satisfies Omit<FetchSettings, 'userAgent' | 'allowNetworks'> & { feedsInFlight: number },
    extract: { workers: raw.extract.workers ?? null, timeoutMs: raw.extract.timeout, maxHeapMb: raw.extract.max_heap_mb },
    dedup: {
      threshold: raw.dedup.threshold,
      containmentThreshold: raw.dedup.containment_threshold,
      numPerm: raw.dedup.num_perm,
      shingleSize: raw.dedup.shingle_size,
    },
    cluster: { threshold: raw.cluster.threshold ?? null, windowMs: raw.cluster.window ?? null },
    /** `serve.auth_token` (default null: no token). */
    serve: { authToken: raw.serve.auth_token ?? null },
    feeds: raw.feeds.map((feed) => toFeedConfig(feed, raw)),
  };
}

function toFeedConfig(feed: RawFeed, raw: RawConfig) {
  return {
    name: feed.name,
    url: feed.url,
    outlet: feed.outlet ?? feed.name,
    tags: feed.tags,
    intervalMs: feed.interval ?? raw.defaults.interval,
    userAgent: feed.user_agent ?? raw.user_agent,
    headers: feed.headers,
    /** Global plus per-feed allowlist. */
    allowNetworks: [...raw.allow_networks, ...feed.allow_networks],
    fetchArticles: feed.fetch_articles ?? raw.defaults.fetch_articles,
    enabled: feed.enabled,
  };
}

// ─── Value checks ──────────────────────────────────────────────────────────

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isCronExpression(value: string): boolean {
  try {
    new Cron(value, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

