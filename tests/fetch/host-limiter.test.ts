import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../src/fetch/host-limiter.js';

/** A clock that only moves when the limiter sleeps. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
  let time = 0;
  const waits: number[] = [];
  return {
    now: () => time,
    sleep: (ms) => {
      waits.push(ms);
      time += ms;
      return Promise.resolve();
    },
    waits,
  };
}

/** A task that stays in flight until released, recording the order tasks start in. */
function gate(): { task: (name: string) => () => Promise<string>; started: string[]; releaseAll: () => void } {
  const started: string[] = [];
  const releases: Array<() => void> = [];
  return {
    started,
    task: (name) => () => {
      started.push(name);
      return new Promise((resolve) => releases.push(() => resolve(name)));
    },
    releaseAll: () => releases.splice(0).forEach((release) => release()),
  };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('HostLimiter', () => {
  it('runs one task per host at a time, in arrival order, hosts in parallel', async () => {
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 0, globalConcurrency: 8 }, fakeClock());
    const { task, started, releaseAll } = gate();
    const all = Promise.all([limiter.run('a', task('a1')), limiter.run('a', task('a2')), limiter.run('b', task('b1')), limiter.run('a', task('a3'))]);
    await flush();
    expect(started).toEqual(['a1', 'b1']);
    for (let i = 0; i < 3; i += 1) {
      releaseAll();
      await flush();
    }
    expect(await all).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(started).toEqual(['a1', 'b1', 'a2', 'a3']);
  });

  it('caps tasks across hosts with the global limit', async () => {
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 0, globalConcurrency: 2 }, fakeClock());
    const { task, started, releaseAll } = gate();
    const all = Promise.all(['a', 'b', 'c', 'd'].map((host) => limiter.run(host, task(host))));
    await flush();
    expect(started).toEqual(['a', 'b']);
    releaseAll();
    await flush();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    releaseAll();
    await all;
  });

  it('spaces the starts of one host by the gap, even when they run concurrently', async () => {
    const clock = fakeClock();
    const limiter = new HostLimiter({ perHostConcurrency: 3, perHostGapMs: 500, globalConcurrency: 8 }, clock);
    await Promise.all([1, 2, 3].map(() => limiter.run('a', () => Promise.resolve(clock.now()))));
    expect(clock.waits).toEqual([500, 500]);
  });

  it('keeps a task failure from leaking its slot', async () => {
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 0, globalConcurrency: 1 }, fakeClock());
    await expect(limiter.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('a', () => Promise.resolve('next'))).toBe('next');
  });

  it('remembers paused hosts', () => {
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostGapMs: 0, globalConcurrency: 1 }, fakeClock());
    limiter.pause('a', 60_000);
    expect([limiter.pausedFor('a'), limiter.pausedFor('b')]).toEqual([{ retryAfterMs: 60_000 }, null]);
  });
});
