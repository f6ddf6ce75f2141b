/**
 * The worker thread of the extractor pool: decodes bytes with the fetch stage's charset rules, runs
 * `extractArticle`, and posts the result back. One job at a time; the pool enforces deadlines and heap limits.
 */
import { parentPort } from 'node:worker_threads';
import { decodeBody } from '../shared/decode-body.js';
import { extractArticle } from './extract-article.js';
import { errorToData, type WorkerJob, type WorkerReply } from './worker-protocol.js';

function handle(job: WorkerJob): WorkerReply {
  const input = job.input;
  const html =
    'html' in input
      ? input.html
      : decodeBody(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), input.contentType, 'html').text;
  const result = extractArticle({ url: input.url, html, ...(input.feedItem === undefined ? {} : { feedItem: input.feedItem }) });
  return { id: job.id, result: result.ok ? result : { ok: false, error: errorToData(result.error) } };
}

/** extractArticle never throws, but decoding could: a failure still answers the job instead of hanging it. */
function handleSafely(job: WorkerJob): WorkerReply {
  try {
    return handle(job);
  } catch (cause) {
    const detail = `unable to extract ${job.input.url}: ${cause instanceof Error ? cause.message : String(cause)}`;
    return { id: job.id, result: { ok: false, error: { stage: 'extract', code: 'failed', detail, disposition: 'skip' } } };
  }
}

parentPort?.on('message', (job: WorkerJob) => {
  parentPort?.postMessage(handleSafely(job));
});
