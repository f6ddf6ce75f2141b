/**
 * Reading a response body within bounds: a declared Content-Length over the cap is refused before a byte is read,
 * the raw stream is cut at the cap, and gzip/deflate/br (stacked too) are decoded with the same cap on the
 * decompressed size, so a bomb is stopped after `maxBytes` of output and memory never grows past it.
 */
import { pipeline } from 'node:stream/promises';
import { Duplex, Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error.js';

/** The encodings we announce in Accept-Encoding and can decode. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** At most this many stacked Content-Encodings are decoded; more is refused as abuse. */
const MAX_STACKED_ENCODINGS = 3;

type Stage = Duplex;

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
      if (total > maxBytes) return callback(tooLarge(maxBytes, url, contentEncoding));
      chunks.push(chunk);
      return callback();
    },
  });
  try {
    await pipeline([body, Duplex.from(capRaw(maxBytes, url)), ...stages, collect]);
  } catch (error) {
    throw isZlibError(error) ? new FetchError('bad_encoding', `body does not decode as "${contentEncoding ?? ''}": ${url}`, { cause: error }) : error;
  }
  return Buffer.concat(chunks);
}

function capRaw(maxBytes: number, url: string): (source: AsyncIterable<Buffer>) => AsyncGenerator<Buffer> {
  return async function* (source) {
    let total = 0;
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes, url, undefined);
      yield chunk;
    }
  };
}

function tooLarge(maxBytes: number, url: string, encoding: string | undefined): FetchError {
  const what = encoding === undefined ? 'body' : 'decompressed body';
  return new FetchError('too_large', `${what} exceeds the ${maxBytes}-byte cap: ${url}`);
}

/** Decoders in the order to apply them (the reverse of the order the encodings were applied by the server). */
function decoderStages(contentEncoding: string | undefined, url: string): Stage[] | FetchError {
  const codings = (contentEncoding ?? '').split(',').map((coding) => coding.trim().toLowerCase())
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
      return Duplex.from(inflateEitherWay);
    default:
      return null;
  }
}

/**
 * "deflate" is meant to be zlib-wrapped (RFC 9110), but some servers send raw deflate: the first two bytes tell
 * (a zlib header has compression method 8 and a checksum divisible by 31).
 */
async function* inflateEitherWay(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const head: Buffer = first.value;
  const wrapped = head.length >= 2 && ((head[0] ?? 0) & 0x0f) === 8 && (((head[0] ?? 0) << 8) | (head[1] ?? 0)) % 31 === 0;
  const inflater = wrapped ? zlib.createInflate() : zlib.createInflateRaw();
  const rest = { [Symbol.asyncIterator]: () => iterator };
  async function* replay(): AsyncGenerator<Buffer> {
    yield head;
    yield* rest;
  }
  const input = Readable.from(replay());
  // The consumer's for-await drives the inflater; pipeline forwards input errors and tears both down on exit.
  const done = pipeline(input, inflater).catch(() => undefined);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    inflater.destroy();
    input.destroy();
    await done;
  }
}

function isZlibError(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  const code = String(error.code);
  return code.startsWith('Z_') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED' || code.startsWith('ERR_ZLIB');
}
