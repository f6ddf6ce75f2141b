/**
 * Fingerprints ⇄ BLOBs. Arrays of uint32 are stored little-endian, whatever the machine, so a database file can
 * move between machines.
 */
import { PipelineError, type Fingerprint, type MinHashParams } from '../model.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const MAGIC = 0x4e444650; // "NDFP"
const VERSION = 1;
const HEADER_BYTES = 4 * 6 + 32;

/** A uint32 array as a little-endian BLOB (a copy). */
export function uint32ToBlob(values: Uint32Array): Buffer {
  const out = Buffer.allocUnsafe(values.length * 4);
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  } else {
    for (let i = 0; i < values.length; i++) out.writeUInt32LE(values[i] ?? 0, i * 4);
  }
  return out;
}

/**
 * A little-endian BLOB back to a uint32 array (a copy, so it is aligned whatever the Buffer's offset).
 * Throws PipelineError('store', 'corrupt_fingerprint') when the length is not a multiple of 4.
 */
export function blobToUint32(blob: Uint8Array): Uint32Array {
  if (blob.byteLength % 4 !== 0) {
    throw new PipelineError('store', 'corrupt_fingerprint', `a uint32 BLOB must have a length divisible by 4, got ${blob.byteLength} bytes`);
  }
  const out = new Uint32Array(blob.byteLength / 4);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(blob);
  } else {
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  }
  return out;
}

/**
 * A whole fingerprint as one self-describing BLOB: magic, format version, numPerm, shingleSize, seed, shingle count,
 * the 32-byte text hash, then the signature and the shingle set (all little-endian).
 */
export function serializeFingerprint(fp: Fingerprint): Buffer {
  const out = Buffer.alloc(HEADER_BYTES + (fp.signature.length + fp.shingles.length) * 4);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(VERSION, 4);
  out.writeUInt32LE(fp.params.numPerm, 8);
  out.writeUInt32LE(fp.params.shingleSize, 12);
  out.writeUInt32LE(fp.params.seed >>> 0, 16);
  out.writeUInt32LE(fp.shingles.length, 20);
  out.write(fp.textHash, 24, 32, 'hex');
  uint32ToBlob(fp.signature).copy(out, HEADER_BYTES);
  uint32ToBlob(fp.shingles).copy(out, HEADER_BYTES + fp.signature.length * 4);
  return out;
}

function corrupt(detail: string): PipelineError {
  return new PipelineError('store', 'corrupt_fingerprint', `unable to read fingerprint BLOB: ${detail}`);
}

/** Reads a BLOB written by serializeFingerprint. Throws PipelineError('store', 'corrupt_fingerprint') on any inconsistency. */
export function deserializeFingerprint(blob: Buffer): Fingerprint {
  if (blob.length < HEADER_BYTES) throw corrupt(`expected at least ${HEADER_BYTES} bytes, got ${blob.length}`);
  if (blob.readUInt32LE(0) !== MAGIC) throw corrupt('bad magic number');
  const version = blob.readUInt32LE(4);
  if (version !== VERSION) throw corrupt(`expected format version ${VERSION}, got ${version}`);
  const params: MinHashParams = { numPerm: blob.readUInt32LE(8), shingleSize: blob.readUInt32LE(12), seed: blob.readUInt32LE(16) };
  const shingleCount = blob.readUInt32LE(20);
  const expected = HEADER_BYTES + (params.numPerm + shingleCount) * 4;
  if (blob.length !== expected) throw corrupt(`expected ${expected} bytes for ${params.numPerm} permutations and ${shingleCount} shingles, got ${blob.length}`);
  const sigEnd = HEADER_BYTES + params.numPerm * 4;
  return {
    params,
    signature: blobToUint32(blob.subarray(HEADER_BYTES, sigEnd)),
    shingles: blobToUint32(blob.subarray(sigEnd)),
    textHash: blob.toString('hex', 24, HEADER_BYTES),
  };
}
