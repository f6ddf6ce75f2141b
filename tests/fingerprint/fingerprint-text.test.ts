import { describe, expect, it } from 'vitest';
import {
  containment,
  DEFAULT_MINHASH_PARAMS,
  estimateJaccard,
  exactJaccard,
  fingerprintText,
  normalizeWords,
} from '../../src/fingerprint/fingerprint-text.js';
import { deserializeFingerprint, serializeFingerprint, blobToUint32, uint32ToBlob } from '../../src/store/fingerprint-blobs.js';
import { PipelineError } from '../../src/model.js';

describe('normalizeWords', () => {
  it.each([
    ['case, punctuation and apostrophes', 'The U.S. economy didn’t grow; it SHRANK!', ['the', 'us', 'economy', 'didnt', 'grow', 'it', 'shrank']],
    ['markup and entities', '<p>Fish &amp; chips&nbsp;<b>today</b></p>', ['fish', 'chips', 'today']],
    ['NFKC (full-width and ligatures)', 'Ｔｏｋｙｏ ﬁnance', ['tokyo', 'finance']],
    ['numbers', 'Up 3.5 % to $27.2 billion', ['up', '35', 'to', '272', 'billion']],
    ['Chinese by dictionary', '我们今天去北京。', ['我们', '今天', '去', '北京']],
    ['Thai by dictionary', 'ภาษาไทยง่ายนิดเดียว', ['ภาษา', 'ไทย', 'ง่าย', 'นิด', 'เดียว']],
  ])('%s', (_name, input, expected) => {
    expect(normalizeWords(input)).toEqual(expected);
  });

  it('gives the same words to differently spaced and marked-up copies', () => {
    expect(normalizeWords('<div>Hello,\n\n  World</div>')).toEqual(normalizeWords('hello world'));
  });
});

describe('fingerprintText', () => {
  const text = 'The central bank raised interest rates by a quarter point on Wednesday, its third increase this year.';

  it('is identical for texts that differ only in case, spacing and punctuation', () => {
    const a = fingerprintText(text);
    const b = fingerprintText(text.toUpperCase().replace(/,/g, ' ;'));
    expect(b.textHash).toBe(a.textHash);
    expect(b.signature).toEqual(a.signature);
  });

  it('fingerprints a text shorter than one shingle', () => {
    const fp = fingerprintText('Breaking news');
    expect(fp.shingles).toHaveLength(1);
    expect(estimateJaccard(fp, fingerprintText('breaking NEWS!'))).toBe(1);
    expect(estimateJaccard(fp, fingerprintText('breaking story'))).toBe(0);
  });

  it('gives an empty text an empty shingle set that compares as 0', () => {
    const empty = fingerprintText('');
    expect(empty.shingles).toHaveLength(0);
    expect(empty.signature.every((v) => v === 0xffffffff)).toBe(true);
    expect(estimateJaccard(empty, fingerprintText(''))).toBe(0);
  });

  it('fingerprints CJK text so that a copy matches and a different story does not', () => {
    const story = '日本银行周三宣布维持超宽松货币政策不变，同时上调了今年的经济增长预期。分析人士认为，央行可能在明年开始逐步退出刺激措施。';
    const copy = `${story}更多报道请关注本网站。`;
    const other = '台风周五在冲绳登陆，造成大范围停电，数千名居民被疏散到避难所，航班和渡轮服务全部取消。';
    const fp = fingerprintText(story);
    expect(fp.shingles.length).toBeGreaterThan(20);
    expect(containment(fp, fingerprintText(copy))).toBe(1);
    expect(exactJaccard(fp, fingerprintText(other))).toBe(0);
  });

  it('measures containment of a teaser in its article', () => {
    const article = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const teaser = article.split(' ').slice(0, 50).join(' ');
    const a = fingerprintText(article);
    const t = fingerprintText(teaser);
    expect(containment(a, t)).toBe(1);
    expect(exactJaccard(a, t)).toBeCloseTo(46 / 196, 5);
  });

  it('refuses to compare fingerprints made with different parameters', () => {
    const a = fingerprintText(text);
    const b = fingerprintText(text, { ...DEFAULT_MINHASH_PARAMS, seed: 42 });
    for (const compare of [estimateJaccard, containment, exactJaccard]) {
      expect(() => compare(a, b)).toThrow(PipelineError);
    }
    expect(() => estimateJaccard(a, b)).toThrowErrorMatchingInlineSnapshot(
      `[PipelineError: fingerprint: cannot compare fingerprints made with different parameters (numPerm=128 shingleSize=5 seed=1592598101 vs numPerm=128 shingleSize=5 seed=42)]`,
    );
  });

  it.each([
    [{ numPerm: 0, shingleSize: 5, seed: 1 }, 'numPerm must be an integer in 1..4096, got 0'],
    [{ numPerm: 128, shingleSize: 2.5, seed: 1 }, 'shingleSize must be an integer in 1..32, got 2.5'],
    [{ numPerm: 128, shingleSize: 5, seed: -1 }, 'seed must be an integer in 0..4294967295, got -1'],
  ])('rejects invalid parameters %j', (params, message) => {
    expect(() => fingerprintText('x', params)).toThrow(`fingerprint: ${message}`);
  });
});

describe('serialization', () => {
  it('round-trips a fingerprint through one BLOB with its parameters', () => {
    const fp = fingerprintText('A short text about serialization of MinHash signatures.', { numPerm: 64, shingleSize: 3, seed: 0xfffffff0 });
    expect(deserializeFingerprint(serializeFingerprint(fp))).toEqual(fp);
  });

  it('reads a uint32 BLOB at an unaligned offset', () => {
    const values = Uint32Array.from([1, 0xffffffff, 123456789]);
    const padded = Buffer.concat([Buffer.from([9]), uint32ToBlob(values)]);
    expect(blobToUint32(padded.subarray(1))).toEqual(values);
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 1), /expected \d+ bytes/],
    ['not a fingerprint', (b: Buffer) => Buffer.concat([Buffer.from('JUNK'), b.subarray(4)]), /bad magic number/],
    ['too short', () => Buffer.alloc(3), /expected at least 56 bytes, got 3/],
  ])('rejects a %s BLOB with a store error', (_name, corrupt, message) => {
    const blob = serializeFingerprint(fingerprintText('some words to fingerprint here'));
    expect(() => deserializeFingerprint(corrupt(blob))).toThrow(message);
  });
});
