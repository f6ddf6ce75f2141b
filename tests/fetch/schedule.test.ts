import { describe, expect, it } from 'vitest';
import { nextCheckAt, parseRetryAfter } from '../../src/fetch/schedule.js';
import type { ScheduleInput } from '../../src/fetch/schedule.js';

const NOW = new Date('2026-11-24T12:00:00Z');

/** Minutes from NOW to the next check, without jitter. */
function minutesUntil(input: Partial<ScheduleInput>): number {
  const next = nextCheckAt({
    now: NOW, intervalMinutes: 15, outcome: 'ok', consecutiveErrors: 0, ttlMinutes: null, headers: {}, random: () => 0, ...input,
  });
  return (next.getTime() - NOW.getTime()) / 60_000;
}

describe('nextCheckAt', () => {
  it.each<[string, Partial<ScheduleInput>, number]>([
    ['the configured interval', {}, 15],
    ['not_modified keeps the interval', { outcome: 'not_modified' }, 15],
    ['<ttl> longer than the interval', { ttlMinutes: 60 }, 60],
    ['<ttl> shorter than the interval does not shorten it', { ttlMinutes: 1 }, 15],
    ['Cache-Control max-age', { headers: { 'cache-control': 'public, max-age=3600' } }, 60],
    ['Cache-Control s-maxage alone is ignored', { headers: { 'cache-control': 's-maxage=3600' } }, 15],
    ['Expires in two hours', { headers: { expires: new Date(NOW.getTime() + 7_200_000).toUTCString() } }, 120],
    ['Expires in the past', { headers: { expires: 'Thu, 01 Jan 1970 00:00:00 GMT' } }, 15],
    ['Expires garbage', { headers: { expires: '0' } }, 15],
    ['Retry-After on success', { headers: { 'retry-after': '1800' } }, 30],
    ['an interval below 5 min is clamped up', { intervalMinutes: 1 }, 5],
    ['an interval above 24 h is clamped down', { intervalMinutes: 10_000 }, 1440],
    ['a huge <ttl> is clamped to 24 h', { ttlMinutes: 1_000_000 }, 1440],
    ['an invalid interval falls back to the minimum', { intervalMinutes: Number.NaN }, 5],
    ['custom clamps', { intervalMinutes: 1, minMinutes: 2, maxMinutes: 10 }, 2],
  ])('%s', (_name, input, expected) => {
    expect(minutesUntil(input)).toBeCloseTo(expected, 5);
  });

  it.each<[number, number]>([[1, 15], [2, 30], [3, 60], [4, 120], [7, 960], [8, 1440], [50, 1440], [10_000, 1440]])(
    'backs off after %i consecutive errors to %i min',
    (consecutiveErrors, expected) => {
      expect(minutesUntil({ outcome: 'error', consecutiveErrors })).toBe(expected);
    },
  );

  it('an error honours a Retry-After longer than the backoff, clamped to 24 h', () => {
    expect(minutesUntil({ outcome: 'error', consecutiveErrors: 1, headers: { 'retry-after': '7200' } })).toBe(120);
    expect(minutesUntil({ outcome: 'error', consecutiveErrors: 1, headers: { 'retry-after': '99999999' } })).toBe(1440);
  });

  it('adapts to how often the feed publishes', () => {
    const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();
    // 2 items in the last week: half the average gap is 7 days / 2 / 2 = 42 h → clamped to 24 h.
    expect(minutesUntil({ recentItemDates: [daysAgo(1), daysAgo(4), daysAgo(30)] })).toBe(1440);
    // 168 items in a week (one an hour): half the gap is 30 min.
    const hourly = Array.from({ length: 168 }, (_, i) => new Date(NOW.getTime() - i * 3_600_000).toISOString());
    expect(minutesUntil({ recentItemDates: hourly })).toBe(30);
    // Nothing this week: half the maximum.
    expect(minutesUntil({ recentItemDates: [daysAgo(20)] })).toBe(720);
    // A busy feed never goes below the configured interval; no dates means no adaptation.
    const busy = Array.from({ length: 2000 }, () => NOW.toISOString());
    expect(minutesUntil({ recentItemDates: busy })).toBe(15);
    expect(minutesUntil({ recentItemDates: ['not a date'] })).toBe(15);
  });

  it('adds at most 10 % jitter, never past the maximum', () => {
    expect(minutesUntil({ intervalMinutes: 60, random: () => 0.999999 })).toBeCloseTo(66, 3);
    expect(minutesUntil({ intervalMinutes: 600, random: () => 0.999999 })).toBeCloseTo(615, 3);
    expect(minutesUntil({ intervalMinutes: 1440, random: () => 0.999999 })).toBe(1440);
  });
});

describe('parseRetryAfter', () => {
  it.each<[string, number | null]>([
    ['120', 120_000],
    ['0', 0],
    ['  30 ', 30_000],
    ['99999999', 86_400_000],
    ['999999999999999999999999', 86_400_000],
    [new Date(NOW.getTime() + 90_000).toUTCString(), 90_000],
    ['Tue, 24 Nov 2026 11:00:00 GMT', 0],
    ['Tuesday, 24-Nov-26 12:10:00 GMT', 600_000],
    ['soon', null],
    ['-5', null],
    ['1.5', null],
    ['', null],
  ])('%j → %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
