import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createExtractorPool, type ExtractorPool } from '../../src/extract/extractor-pool.js';
import { BUILD_HINT, needsPaths } from '../helpers/needs.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const misbehaving = pathToFileURL(path.join(repoRoot, 'tests/fixtures/extract/workers/misbehaving-worker.mjs'));
const compiledWorker = path.join(repoRoot, 'dist/extract/extract-worker.js');

let pool: ExtractorPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

function titleOf(result: Awaited<ReturnType<ExtractorPool['extract']>>): string {
  if (!result.ok) throw new Error(`expected success, got ${result.error.message}`);
  return result.value.title;
}

describe('extractor pool failures (stand-in worker)', () => {
  it.each([
    ['/hang', 'timeout', /extract: extraction of http:\/\/t\.test\/hang exceeded 3000 ms/],
    ['/crash', 'worker_crash', /extract: worker crashed \(worker blew up\) while extracting http:\/\/t\.test\/crash/],
    ['/exit', 'worker_exit', /extract: worker exited with code 3 while extracting http:\/\/t\.test\/exit/],
  ])('%s fails that page with %s and a replaced worker serves the next page', async (pathname, code, message) => {
    // The deadline covers a fresh worker's start-up too: generous, so a loaded machine does not fail the healthy pages.
    pool = createExtractorPool({ size: 1, timeoutMs: 3_000, workerScript: misbehaving });
    const before = titleOf(await pool.extract({ url: 'http://t.test/ok', html: '' }));
    const failed = await pool.extract({ url: `http://t.test${pathname}`, html: '' });
    const after = titleOf(await pool.extract({ url: 'http://t.test/ok', html: '' }));
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error.code).toBe(code);
      expect(failed.error.stage).toBe('extract');
      expect(failed.error.message).toMatch(message);
    }
    expect(after).not.toBe(before);
  });

  it('a worker out of heap fails its page as out_of_memory', async () => {
    pool = createExtractorPool({ size: 1, timeoutMs: 30_000, maxHeapMb: 32, workerScript: misbehaving });
    const failed = await pool.extract({ url: 'http://t.test/oom', html: '' });
    expect(failed.ok ? 'ok' : failed.error.code).toBe('out_of_memory');
    expect(titleOf(await pool.extract({ url: 'http://t.test/ok', html: '' }))).toMatch(/^thread \d+$/);
  });

  it('replaces a worker after maxJobsPerWorker pages, without failing any', async () => {
    pool = createExtractorPool({ size: 1, timeoutMs: 30_000, maxJobsPerWorker: 2, workerScript: misbehaving });
    const titles: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) titles.push(titleOf(await pool.extract({ url: `http://t.test/ok${n}`, html: '' })));
    // The stand-in worker titles each page with its thread id: two pages per thread, then a fresh thread.
    expect(titles[0]).toBe(titles[1]);
    expect(titles[2]).toBe(titles[3]);
    expect(new Set(titles).size).toBe(3);
  });

  it('other pages carry on while one worker hangs', async () => {
    const busy = createExtractorPool({ size: 2, timeoutMs: 1_000, workerScript: misbehaving });
    pool = busy;
    const hanging = busy.extract({ url: 'http://t.test/hang', html: '' });
    const others = await Promise.all([1, 2, 3, 4].map((n) => busy.extract({ url: `http://t.test/ok${n}`, html: '' })));
    expect(others.every((result) => result?.ok === true)).toBe(true);
    expect((await hanging).ok).toBe(false);
  });

  it('close() fails queued pages and later calls', async () => {
    pool = createExtractorPool({ size: 1, timeoutMs: 60_000, workerScript: misbehaving });
    const busy = pool.extract({ url: 'http://t.test/hang', html: '' });
    const queued = pool.extract({ url: 'http://t.test/ok', html: '' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pool.close();
    const results = await Promise.all([busy, queued, pool.extract({ url: 'http://t.test/ok', html: '' })]);
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['pool_closed', 'pool_closed', 'pool_closed']);
  });
});

const realWorker = needsPaths('extractor pool with the real worker', [compiledWorker], BUILD_HINT);
describe.skipIf(realWorker.skip)(realWorker.title, () => {
  it('extracts decoded HTML and raw bytes alike', async () => {
    pool = createExtractorPool({ size: 2 });
    const paragraph = '<p>The council voted on Tuesday to keep the night buses running through the winter, after a campaign by shift workers and students.</p>';
    const html = `<html><head><title>Night buses stay</title></head><body><article>${paragraph.repeat(3)}</article></body></html>`;
    const [fromHtml, fromBytes] = await Promise.all([
      pool.extract({ url: 'https://n.test/a', html }),
      pool.extract({ url: 'https://n.test/b', bytes: Buffer.from(html), contentType: 'text/html' }),
    ]);
    expect(fromHtml.ok && fromHtml.value.text).toContain('night buses running');
    expect(fromBytes.ok && fromBytes.value.text).toBe(fromHtml.ok && fromHtml.value.text);
  });
});
