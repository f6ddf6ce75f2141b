/**
 * Politeness: at most N requests in flight per host with a minimum gap between their starts, a global limit
 * across hosts, and hosts paused for the rest of the run after they asked us to back off.
 */

/** What the limiter needs from the outside world; injected so tests control time. */
export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** Limits of a HostLimiter. */
export interface HostLimits {
  perHostConcurrency: number;
  perHostGapMs: number;
  globalConcurrency: number;
}

interface HostState {
  active: number;
  /** When the last request to this host was allowed to start (ms since epoch). */
  lastStart: number;
  waiters: Array<() => void>;
  /** Set once a host asked us to back off: ms to wait as the server said (null = it did not say). */
  paused: { retryAfterMs: number | null } | null;
}

/** A counting semaphore in FIFO order. */
class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next !== undefined)
      next(); // the slot passes straight to the next waiter
    else this.active -= 1;
  }
}

/** Per-host and global request slots; one instance per fetcher (that is, per run). */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  private readonly global: Semaphore;

  constructor(
    private readonly limits: HostLimits,
    private readonly clock: Clock,
  ) {
    this.global = new Semaphore(Math.max(1, limits.globalConcurrency));
  }

  /** The pause of a host, or null when it may be asked. */
  pausedFor(host: string): { retryAfterMs: number | null } | null {
    return this.hosts.get(host)?.paused ?? null;
  }

  /** Pauses a host for the rest of the run (a 429, or a 503 with Retry-After). */
  pause(host: string, retryAfterMs: number | null): void {
    this.state(host).paused = { retryAfterMs };
  }

  /**
   * Runs `task` once a slot of `host` and a global slot are free and the host's gap has passed.
   * The global slot is taken only after the host slot, so a slow host never holds global slots while it waits.
   */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.state(host);
    await this.acquireHost(state);
    try {
      await this.waitForGap(state);
      await this.global.acquire();
      try {
        return await task();
      } finally {
        this.global.release();
      }
    } finally {
      this.releaseHost(state);
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (state === undefined) {
      state = { active: 0, lastStart: Number.NEGATIVE_INFINITY, waiters: [], paused: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  private async acquireHost(state: HostState): Promise<void> {
    if (state.active < Math.max(1, this.limits.perHostConcurrency)) {
      state.active += 1;
      return;
    }
    await new Promise<void>((resolve) => state.waiters.push(resolve));
  }

  private releaseHost(state: HostState): void {
    const next = state.waiters.shift();
    if (next !== undefined) next();
    else state.active -= 1;
  }

  private async waitForGap(state: HostState): Promise<void> {
    // Reserve the start time before sleeping, so concurrent slots of one host space out instead of bunching.
    const start = Math.max(this.clock.now(), state.lastStart + this.limits.perHostGapMs);
    state.lastStart = start;
    const wait = start - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }
}
