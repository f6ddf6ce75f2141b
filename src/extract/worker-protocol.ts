/**
 * Messages between the extractor pool and its worker threads. PipelineError does not survive structured
 * cloning with its fields, so errors cross the thread boundary as plain data and are rebuilt on the other side.
 */
import { PipelineError, type Disposition, type ErrorCode, type ExtractedArticle, type Result, type Stage } from '../model.js';
import type { ExtractInput } from './extract-article.js';

/** A job for a worker: either decoded HTML or raw bytes plus the Content-Type to decode them with. */
export interface WorkerJob {
  id: number;
  input: Omit<ExtractInput, 'html'> & ({ html: string } | { bytes: Uint8Array; contentType: string | null });
}

/** A PipelineError as plain data. */
export interface ErrorData {
  stage: Stage;
  code: ErrorCode;
  /** The message without the stage prefix. */
  detail: string;
  disposition: Disposition;
}

/** A worker's answer to one job. */
export interface WorkerReply {
  id: number;
  result: { ok: true; value: ExtractedArticle } | { ok: false; error: ErrorData };
}

/** PipelineError → plain data. */
export function errorToData(error: PipelineError): ErrorData {
  const prefix = `${error.stage}: `;
  const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { stage: error.stage, code: error.code, detail, disposition: error.disposition };
}

/** Plain data → PipelineError. */
export function errorFromData(data: ErrorData): PipelineError {
  return new PipelineError(data.stage, data.code, data.detail, { disposition: data.disposition });
}

/** A worker reply's result as the stage's Result type. */
export function replyToResult(reply: WorkerReply): Result<ExtractedArticle> {
  return reply.result.ok ? { ok: true, value: reply.result.value } : { ok: false, error: errorFromData(reply.result.error) };
}
