import { closeSync, openSync, readSync } from 'node:fs';
import { PipelineError, type Stage } from '../model.js';

/** Bytes read per call: small enough that a file that never ends (`/dev/zero`) costs at most the cap plus this. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a local file, but no more than `maxBytes` of it: devices and pipes that never end (`/dev/zero`) and files
 * far larger than any real input fail with `too_large` once the cap is passed, instead of growing to gigabytes.
 * Errors are PipelineErrors of `stage` (`unreadable_input`, `too_large`).
 */
export function readFileCappedSync(file: string, maxBytes: number, stage: Stage): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw unreadable(stage, file, error);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (read === 0) return Buffer.concat(chunks, total);
      total += read;
      if (total > maxBytes) throw tooLarge(stage, file, maxBytes);
      chunks.push(chunk.subarray(0, read));
    }
  } catch (error) {
    throw error instanceof PipelineError ? error : unreadable(stage, file, error);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(stage: Stage, file: string, maxBytes: number): PipelineError {
  return new PipelineError(stage, 'too_large', `${file} is larger than ${formatBytes(maxBytes)}; not read further`);
}

function unreadable(stage: Stage, file: string, error: unknown): PipelineError {
  const reason =
    error instanceof Error && 'code' in error && error.code === 'ENOENT'
      ? 'file not found'
      : error instanceof Error
        ? error.message
        : String(error);
  return new PipelineError(stage, 'unreadable_input', `cannot read ${file}: ${reason}`, { cause: error });
}

/** "15 MiB", "512 KiB", "100 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
