import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runMinhashBench } from '../../src/bench/bench-minhash.js';
import { fingerprintText } from '../../src/fingerprint/fingerprint-text.js';
import { MAX_WORDS, normalizeWords } from '../../src/fingerprint/normalize-words.js';

describe('fingerprinting hostile text', () => {
  it.each([
    ['unclosed angle brackets', '<'.repeat(200_000) + ' words after'],
    ['a tag that never ends', `<div ${'a'.repeat(100_000)} and text`],
    ['lone surrogates and NUL bytes', 'broken \uD800 text \uDC00 with \u0000 nul'],
    ['bogus entities', '&#xFFFFFFF; &#0; &nosuch; &#99999999; &amp'],
    ['a single 3 MB word', 'x'.repeat(3_000_000)],
    ['only punctuation and emoji', '!!! ??? 👍👍👍 --- ...'],
  ])('fingerprints %s without throwing', (_name, text) => {
    const fp = fingerprintText(text);
    expect(fp.signature).toHaveLength(128);
    expect(fp.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('decodes entities and keeps the text around tags', () => {
    expect(normalizeWords('<p class="x">Tom &amp; Jerry&#39;s&nbsp;show</p>')).toEqual(['tom', 'jerrys', 'show']);
  });

  it('caps the words of a book-length text', () => {
    const fp = fingerprintText('lorem ipsum dolor sit amet '.repeat(30_000));
    expect(normalizeWords('a '.repeat(MAX_WORDS * 2))).toHaveLength(MAX_WORDS);
    expect(fp.shingles.length).toBeLessThanOrEqual(MAX_WORDS);
  });
});

describe('bench-minhash (smoke run on a tiny store)', () => {
  it('finds every edited copy and no unseen text, and prints the table', () => {
    let printed = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        printed += chunk.toString();
        done();
      },
    });
    const result = runMinhashBench({ documents: 200, packageDocuments: 5, storeSizes: [2_500], queries: 50, out });
    const store = result.stores[0];
    expect(store?.articles).toBe(2_500);
    expect(store?.copyRecall).toBe(1);
    expect(store?.unseenFalseMatches).toBe(0);
    expect(printed).toContain('signatures/s');
    expect(printed).toContain('DB bytes/article');
  });
});
