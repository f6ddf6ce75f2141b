/**
 * Reading a response body within bounds: a declared Content-Length over the cap is refused before a byte is read,
 * the raw stream is cut at the cap, and gzip/deflate/br (stacked too) are decoded with the same cap on the
 * decompressed size, so a bomb is stopped after `maxBytes` of output and memory never grows past it.
 */
import { pipeline } from 'node:stream/promises';
import { Transform, Writable } from 'node:stream';
import type { Readable } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error.js';

/** The encodings we announce in Accept-Encoding and can decode. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** At most this many stacked Content-Encodings are decoded; more is refused as abuse. */
const MAX_STACKED_ENCODINGS = 3;

type Stage = Transform;

/** Refuses a declared Content-Length above the cap (called before the body is touched). */
export function checkDeclaredLength(headers: Record<string, string>, maxBytes: number, url: string): FetchError | null {
  const declared = headers['content-length'];
  if (declared === undefined || !/^\d+$/.test(declared.trim())) return null;
  const length = Number(declared.trim());
  return length > maxBytes ? new FetchError('too_large', `Content-Length ${length} exceeds the ${maxBytes}-byte cap: ${url}`) : null;
}

/**
 * Reads `body` fully, decoding `contentEncoding`; throws a FetchError `too_large` or `bad_encoding`, or lets
 * transport errors (reset, abort, timeout) through for the caller to classify.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number, url: string): Promise<Buffer> {
  const stages = decoderStages(contentEncoding, url);
  if (stages instanceof FetchError) {
    body.on('error', () => undefined); // undici reports its own destroy as an AbortError
    body.destroy();
    throw stages;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) return callback(tooLarge(maxBytes, url, stages.length > 0 ? contentEncoding : undefined));
      chunks.push(chunk);
      return callback();
    },
  });
  try {
    await pipeline([body, capRaw(maxBytes, url), ...stages, collect]);
  } catch (error) {
    throw isZlibError(error)
      ? new FetchError('bad_encoding', `body does not decode as "${contentEncoding ?? ''}": ${url}`, { cause: error })
      : error;
  }
  return Buffer.concat(chunks);
}

function capRaw(maxBytes: number, url: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      callback(total > maxBytes ? tooLarge(maxBytes, url, undefined) : null, chunk);
    },
  });
}

function tooLarge(maxBytes: number, url: string, encoding: string | undefined): FetchError {
  const what = encoding === undefined ? 'body' : 'decompressed body';
  return new FetchError('too_large', `${what} exceeds the ${maxBytes}-byte cap: ${url}`);
}

/** Decoders in the order to apply them (the reverse of the order the encodings were applied by the server). */
function decoderStages(contentEncoding: string | undefined, url: string): Stage[] | FetchError {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length > MAX_STACKED_ENCODINGS) {
    return new FetchError('bad_encoding', `${codings.length} stacked Content-Encodings (at most ${MAX_STACKED_ENCODINGS}): ${url}`);
  }
  const stages: Stage[] = [];
  for (const coding of codings.reverse()) {
    const stage = decoderFor(coding);
    if (stage === null) return new FetchError('bad_encoding', `unsupported Content-Encoding "${coding}": ${url}`);
    stages.push(stage);
  }
  return stages;
}

function decoderFor(coding: string): Stage | null {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'deflate':
      return new InflateEitherWay();
    default:
      return null;
  }
}

/**
 * "deflate" is meant to be zlib-wrapped (RFC 9110), but some servers send raw deflate: the first two bytes tell
 * (a zlib header has compression method 8 and a checksum divisible by 31).
 */
class InflateEitherWay extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const inner = this.inner ?? this.start(chunk);
    if (inner.write(chunk)) callback();
    else inner.once('drain', () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (this.inner === null) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
    return undefined;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }

  private start(head: Buffer): zlib.Inflate | zlib.InflateRaw {
    const first = head[0] ?? 0;
    const wrapped = head.length >= 2 && (first & 0x0f) === 8 && ((first << 8) | (head[1] ?? 0)) % 31 === 0;
    const inner = wrapped ? zlib.createInflate() : zlib.createInflateRaw();
    inner.on('data', (data: Buffer) => this.push(data));
    inner.on('error', (error) => this.destroy(error));
    this.inner = inner;
    return inner;
  }
}

function isZlibError(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  const code = String(error.code);
  return code.startsWith('Z_') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED' || code.startsWith('ERR_ZLIB');
}
