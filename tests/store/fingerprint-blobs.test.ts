import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../src/model.js';
import { blobToUint32, deserializeFingerprint, serializeFingerprint, uint32ToBlob } from '../../src/store/fingerprint-blobs.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

describe('store/fingerprint-blobs', () => {
  const open = tempDatabasePerTest();

  it('uint32 arrays round-trip through a BLOB column of a real database, empty and extreme values included', () => {
    const { db } = open();
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, value BLOB NOT NULL)');
    const cases = [new Uint32Array(0), Uint32Array.from([0]), Uint32Array.from([1, 0xffffffff, 0x80000000, 123456789, 7])];
    const insert = db.prepare('INSERT INTO blobs (id, value) VALUES (?, ?)');
    cases.forEach((values, id) => insert.run(id, uint32ToBlob(values)));
    const read = db.prepare<[number], { value: Buffer }>('SELECT value FROM blobs WHERE id = ?');
    cases.forEach((values, id) => {
      const blob = read.get(id)?.value ?? Buffer.alloc(1);
      expect(blob.length).toBe(values.length * 4);
      expect(blobToUint32(blob)).toEqual(values);
    });
  });

  it('writes little-endian bytes whatever the machine, and a copy of the values', () => {
    const values = Uint32Array.from([0x01020304]);
    const blob = uint32ToBlob(values);
    expect([...blob]).toEqual([0x04, 0x03, 0x02, 0x01]);
    values[0] = 0;
    expect(blobToUint32(blob)).toEqual(Uint32Array.from([0x01020304]));
    // A view into a larger array is written from its own offset only.
    const view = Uint32Array.from([9, 10, 11]).subarray(1, 2);
    expect(blobToUint32(uint32ToBlob(view))).toEqual(Uint32Array.from([10]));
  });

  it.each([1, 2, 3, 5, 7])('rejects a BLOB of %i bytes (not a multiple of 4) with a store error', (bytes) => {
    const attempt = () => blobToUint32(Buffer.alloc(bytes));
    expect(attempt).toThrow(PipelineError);
    expect(attempt).toThrow(`store: a uint32 BLOB must have a length divisible by 4, got ${bytes} bytes`);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ stage: 'store', code: 'corrupt_fingerprint' });
    }
  });

  it('a whole fingerprint with no shingles round-trips; a wrong format version is refused', () => {
    const fp = {
      params: { numPerm: 4, shingleSize: 3, seed: 1 },
      signature: Uint32Array.from([4, 3, 2, 1]),
      shingles: new Uint32Array(0),
      textHash: 'ab'.repeat(32),
    };
    const blob = serializeFingerprint(fp);
    expect(deserializeFingerprint(blob)).toEqual(fp);
    const future = Buffer.from(blob);
    future.writeUInt32LE(2, 4);
    expect(() => deserializeFingerprint(future)).toThrow(/expected format version 1, got 2/);
  });
});
