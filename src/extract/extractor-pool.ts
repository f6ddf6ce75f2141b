/**
 * A pool of worker threads running `extractArticle`, one page per worker at a time.
 *
 * Each job has a deadline and each worker a heap limit: a worker that times out, runs out of memory or crashes
 * is terminated and replaced, and only its page fails (with a PipelineError); the other pages carry on. Idle
 * workers are unref'd, and `close()` terminates them all, so the pool never keeps the process alive.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { err, PipelineError, type ExtractedArticle, type Result } from '../model.js';
import type { ExtractInput } from './extract-article.js';
import { replyToResult, type WorkerJob, type WorkerReply } from './worker-protocol.js';

/** One page: decoded HTML, or raw bytes plus the response's Content-Type (decoded in the worker). */
export type PoolInput = (ExtractInput | (Omit<ExtractInput, 'html'> & { bytes: Buffer; contentType: string | null }));

/** Extraction in worker threads. */
export interface ExtractorPool {
  /** Extracts one page; resolves (never rejects) with the article or a PipelineError for this page. */
  extract(input: PoolInput): Promise<Result<ExtractedArticle>>;
  /** Fails queued jobs, terminates every worker; resolves when they are gone. */
  close(): Promise<void>;
}

/** Pool options. */
export interface ExtractorPoolOptions {
  /** Worker threads. Default `os.availableParallelism()`. */
  size?: number;
  /** Deadline per page in milliseconds, from the moment a worker takes it. Default 20,000. */
  timeoutMs?: number;
  /** Old-generation heap limit of each worker in MB. Default 512. */
  maxHeapMb?: number;
  /** The worker script. Default: the compiled `dist/extract/extract-worker.js`. Tests pass their own. */
  workerScript?: URL;
  /**
   * Pages a worker extracts before it is replaced by a fresh one. Default 200. A long-lived process (`watch`) keeps
   * its pool; recycling bounds whatever a worker's long-lived jsdom window accumulates.
   */
  maxJobsPerWorker?: number;
}

/**
 * Bytes (or characters) of one page sent to a worker at most; the worker's pre-pass caps again and keeps at
 * most 1 M characters of text, so what reaches jsdom is far smaller.
 */
const MAX_PAGE_BYTES = 8_000_000;

/**
 * Young-generation size of each worker. Parsing allocates many short-lived objects and V8's small default for
 * worker threads made a worker slower than the main thread; 32 MB (not more) keeps a 2-worker pool's peak RSS
 * under 600 MB on aeb-dev.
 */
const YOUNG_GENERATION_MB = 32;

interface Job {
  id: number;
  message: WorkerJob;
  transfer: ArrayBuffer[];
  resolve: (result: Result<ExtractedArticle>) => void;
}

interface Slot {
  worker: Worker;
  /** Pages this worker has finished. */
  jobs: number;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  retired: boolean;
}

/** Creates a pool; workers start lazily on the first jobs. */
export function createExtractorPool(options: ExtractorPoolOptions = {}): ExtractorPool {
  const settings = {
    size: Math.max(1, options.size ?? os.availableParallelism()),
    timeoutMs: options.timeoutMs ?? 20_000,
    maxHeapMb: options.maxHeapMb ?? 512,
    workerScript: options.workerScript ?? defaultWorkerScript(),
    maxJobsPerWorker: Math.max(1, options.maxJobsPerWorker ?? 200),
  };
  const state = { slots: [] as Slot[], queue: [] as Job[], nextId: 1, closed: false };

  const pump = (): void => {
    while (state.queue.length > 0) {
      const slot = state.slots.find((candidate) => candidate.job === null) ?? spawnIfRoom();
      const job = slot === null ? undefined : state.queue.shift();
      if (slot === null || job === undefined) return;
      assign(slot, job);
    }
  };

  const spawnIfRoom = (): Slot | null => {
    if (state.slots.length >= settings.size) return null;
    const slot = spawn();
    state.slots.push(slot);
    return slot;
  };

  const spawn = (): Slot => {
    const worker = new Worker(settings.workerScript, { resourceLimits: { maxOldGenerationSizeMb: settings.maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const slot: Slot = { worker, jobs: 0, job: null, timer: null, retired: false };
    worker.unref();
    worker.on('message', (reply: WorkerReply) => finish(slot, reply));
    worker.on('error', (error: Error) => fail(slot, workerError(error, slot)));
    worker.on('exit', (code) => fail(slot, new PipelineError('extract', 'worker_exit', `worker exited with code ${code} while extracting ${pageUrl(slot)}`)));
    return slot;
  };

  const assign = (slot: Slot, job: Job): void => {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      fail(slot, new PipelineError('extract', 'timeout', `extraction of ${job.message.input.url} exceeded ${settings.timeoutMs} ms`));
    }, settings.timeoutMs);
    slot.worker.postMessage(job.message, job.transfer);
  };

  const release = (slot: Slot): Job | null => {
    const job = slot.job;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    return job;
  };

  const finish = (slot: Slot, reply: WorkerReply): void => {
    if (slot.retired || slot.job?.id !== reply.id) return;
    const job = release(slot);
    slot.worker.unref();
    slot.jobs += 1;
    if (slot.jobs >= settings.maxJobsPerWorker) retire(slot);
    job?.resolve(replyToResult(reply));
    pump();
  };

  /** Replaces a worker that did its share of pages; `pump` starts a fresh one when there is work. */
  const retire = (slot: Slot): void => {
    slot.retired = true;
    state.slots = state.slots.filter((candidate) => candidate !== slot);
    void slot.worker.terminate();
  };

  /** Retires a worker that failed (once), fails its page only, and lets `pump` start a replacement. */
  const fail = (slot: Slot, error: PipelineError): void => {
    if (slot.retired) return;
    slot.retired = true;
    state.slots = state.slots.filter((candidate) => candidate !== slot);
    release(slot)?.resolve(err(error));
    void slot.worker.terminate();
    if (!state.closed) pump();
  };

  return {
    extract(input) {
      if (state.closed) return Promise.resolve(err(new PipelineError('extract', 'pool_closed', `extractor pool is closed; ${input.url} not extracted`)));
      return new Promise((resolve) => {
        state.queue.push({ id: state.nextId, ...toMessage(state.nextId, input), resolve });
        state.nextId += 1;
        pump();
      });
    },
    async close() {
      state.closed = true;
      for (const job of state.queue.splice(0)) job.resolve(err(new PipelineError('extract', 'pool_closed', `extractor pool closed before ${job.message.input.url} was extracted`)));
      const slots = state.slots.splice(0);
      for (const slot of slots) {
        slot.retired = true;
        release(slot)?.resolve(err(new PipelineError('extract', 'pool_closed', `extractor pool closed while extracting ${pageUrl(slot)}`)));
      }
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/** The message for a worker, with bytes copied into a transferable buffer of at most MAX_PAGE_BYTES. */
function toMessage(id: number, input: PoolInput): { message: WorkerJob; transfer: ArrayBuffer[] } {
  const base = { url: input.url, ...(input.feedItem === undefined ? {} : { feedItem: input.feedItem }) };
  if ('html' in input) {
    const html = input.html.length > MAX_PAGE_BYTES ? input.html.slice(0, MAX_PAGE_BYTES) : input.html;
    return { message: { id, input: { ...base, html } }, transfer: [] };
  }
  const bytes = new Uint8Array(input.bytes.subarray(0, MAX_PAGE_BYTES));
  return { message: { id, input: { ...base, bytes, contentType: input.contentType } }, transfer: [bytes.buffer] };
}

function workerError(error: Error, slot: Slot): PipelineError {
  const code = 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : 'worker_crash';
  const what = code === 'out_of_memory' ? 'ran out of memory' : `crashed (${error.message})`;
  return new PipelineError('extract', code, `worker ${what} while extracting ${pageUrl(slot)}`, { cause: error });
}

function pageUrl(slot: Slot): string {
  return slot.job?.message.input.url ?? '(no page)';
}

/**
 * The compiled worker next to this module; when this module runs from `src/` (under vitest), the compiled
 * file in `dist/` — workers cannot load TypeScript.
 */
function defaultWorkerScript(): URL {
  const sibling = new URL('./extract-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  return new URL('../../dist/extract/extract-worker.js', import.meta.url);
}
