/**
 * When to check a feed next: a pure function of the last outcome, the feed's own hints and the clock.
 *
 * The configured interval is a floor, never shortened: the publisher's hints (<ttl>, Cache-Control max-age,
 * Expires, Retry-After) and a quiet publishing history can only lengthen it; errors back off exponentially;
 * everything is clamped to [min, max] and spread by a small jitter so that feeds of one host drift apart.
 */

/** Default lower bound of the interval between two checks, minutes. */
export const DEFAULT_MIN_MINUTES = 5;
/** Default upper bound of the interval between two checks, and the cap of the error backoff, minutes (24 h). */
export const DEFAULT_MAX_MINUTES = 24 * 60;
/** Retry-After values are clamped to this (24 h): a server cannot switch a feed off for years. */
export const MAX_RETRY_AFTER_MS = DEFAULT_MAX_MINUTES * 60_000;

/** Jitter adds up to this share of the interval… */
const JITTER_SHARE = 0.1;
/** …but never more than this many minutes. */
const JITTER_MAX_MINUTES = 15;
/** Adaptive scheduling looks at items published in this window. */
const ADAPTIVE_WINDOW_MINUTES = 7 * 24 * 60;

/** Inputs of `nextCheckAt`. */
export interface ScheduleInput {
  now: Date;
  /** The feed's configured interval (feeds.yaml `interval`), minutes. */
  intervalMinutes: number;
  outcome: 'ok' | 'not_modified' | 'error';
  /** Failures in a row including this one (0 after a success). */
  consecutiveErrors: number;
  /** RSS `<ttl>`, minutes; null when absent. */
  ttlMinutes: number | null;
  /** Response headers (lower-cased names): cache-control, expires, retry-after are read. */
  headers: Record<string, string>;
  /** Publication dates (ISO) of the feed's items; when given, a feed that publishes rarely is checked less often. Default: not adaptive. */
  recentItemDates?: string[];
  /** Random source in [0, 1) for the jitter. Default Math.random. */
  random?: () => number;
  /** Lower clamp, minutes. Default 5. */
  minMinutes?: number;
  /** Upper clamp and backoff cap, minutes. Default 1440 (24 h). */
  maxMinutes?: number;
}

/** The time of the next check of a feed. */
export function nextCheckAt(input: ScheduleInput): Date {
  const minMinutes = input.minMinutes ?? DEFAULT_MIN_MINUTES;
  const maxMinutes = Math.max(minMinutes, input.maxMinutes ?? DEFAULT_MAX_MINUTES);
  const interval = Number.isFinite(input.intervalMinutes) && input.intervalMinutes > 0 ? input.intervalMinutes : minMinutes;
  const retryAfterMs = retryAfterFrom(input.headers, input.now);
  const base = input.outcome === 'error'
    ? backoffMinutes(interval, input.consecutiveErrors, maxMinutes)
    : Math.max(interval, ...successHints(input, maxMinutes));
  const wanted = Math.max(base, retryAfterMs === null ? 0 : retryAfterMs / 60_000);
  const clamped = clamp(wanted, minMinutes, maxMinutes);
  const jitter = (input.random ?? Math.random)() * Math.min(clamped * JITTER_SHARE, JITTER_MAX_MINUTES);
  const minutes = Math.min(maxMinutes, clamped + jitter);
  return new Date(input.now.getTime() + Math.round(minutes * 60_000));
}

/**
 * Parses a Retry-After value — delay-seconds or an HTTP date — into milliseconds from `now`, clamped to
 * [0, 24 h]; null for anything else (garbage, negative numbers, fractions).
 */
export function parseRetryAfter(value: string, now: Date): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  // An HTTP date always names a weekday or month, which keeps Date.parse from accepting bare numbers like "-5".
  if (!/[A-Za-z]{3}/.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return clamp(at - now.getTime(), 0, MAX_RETRY_AFTER_MS);
}

/** Backoff after errors: the interval doubled per failure after the first, capped at `maxMinutes`. */
function backoffMinutes(interval: number, consecutiveErrors: number, maxMinutes: number): number {
  const doublings = Math.min(Math.max(0, consecutiveErrors - 1), 30); // 2^30 × anything ≥ the cap: avoids Infinity
  return Math.min(interval * 2 ** doublings, maxMinutes);
}

/** Intervals (minutes) the publisher asked for or that its history suggests; each can only lengthen the interval. */
function successHints(input: ScheduleInput, maxMinutes: number): number[] {
  const hints: number[] = [];
  if (input.ttlMinutes !== null && Number.isFinite(input.ttlMinutes) && input.ttlMinutes > 0) hints.push(input.ttlMinutes);
  const maxAge = maxAgeMinutes(input.headers['cache-control']);
  if (maxAge !== null) hints.push(maxAge);
  const expires = expiresMinutes(input.headers['expires'], input.now);
  if (expires !== null) hints.push(expires);
  const adaptive = adaptiveMinutes(input.recentItemDates, input.now, maxMinutes);
  if (adaptive !== null) hints.push(adaptive);
  return hints;
}

function maxAgeMinutes(cacheControl: string | undefined): number | null {
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d{1,10})"?/i.exec(cacheControl ?? '');
  return match?.[1] === undefined ? null : Number(match[1]) / 60;
}

function expiresMinutes(expires: string | undefined, now: Date): number | null {
  if (expires === undefined) return null;
  const at = Date.parse(expires);
  return Number.isNaN(at) || at <= now.getTime() ? null : (at - now.getTime()) / 60_000;
}

function retryAfterFrom(headers: Record<string, string>, now: Date): number | null {
  const value = headers['retry-after'];
  return value === undefined ? null : parseRetryAfter(value, now);
}

/**
 * Half the average gap between the items of the last week (a feed with 2 items a week is checked about twice a
 * day at most), or half the maximum when none was published that week. Null when no date is known.
 */
function adaptiveMinutes(dates: string[] | undefined, now: Date, maxMinutes: number): number | null {
  if (dates === undefined) return null;
  const times = dates.map((date) => Date.parse(date)).filter((time) => !Number.isNaN(time));
  if (times.length === 0) return null;
  const windowStart = now.getTime() - ADAPTIVE_WINDOW_MINUTES * 60_000;
  const recent = times.filter((time) => time >= windowStart && time <= now.getTime() + 60 * 60_000).length;
  return recent === 0 ? maxMinutes / 2 : ADAPTIVE_WINDOW_MINUTES / recent / 2;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
