/**
 * normalizeWords skips Intl.Segmenter for plain tokens; these tests hold it to the segmenter's answer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_WORDS, normalizeWords, normalizeWordsBySegmenter } from '../../src/fingerprint/normalize-words.js';
import { needsPaths } from '../helpers/needs.js';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
const aebFile = path.join(dataDir, 'aeb-dev/ground-truth.json');
const ecbFile = path.join(dataDir, 'ecbplus-dev/docs.jsonl');

describe('normalizeWords fast path', () => {
  it.each([
    ['joining punctuation', "a:b 12:30 u.s. don't don’t 3,5 a,b a.b.c foo.bar. x''y"],
    ['edge punctuation', `said, 'tis dogs' (word) “quoted” «guillemets» 3.5% 1. #tag @user — dash… end!`],
    ['underscores and hyphens', 'a_b _x x_ e-mail well-known snake_case_name'],
    ['accented and other scripts', 'café naïve straße ÆSIR Привет, мир! Καλημέρα κόσμε שלום עולם مرحبا بالعالم'],
    ['dictionary scripts mixed with Latin', '东京Tokyo 2024年の五輪 ภาษาไทยง่าย และ English words 한국어 문장입니다'],
    ['marks, joiners and emoji', 'e\u0301te\u0301 co\u200Dop \u0301lead 👍🏽 family👨‍👩‍👧 x\u00ADy'],
    ['odd white space', 'tab\there\u00A0nbsp\u2003em\u3000ideographic\r\nwindows'],
  ])('matches the segmenter on %s', (_name, text) => {
    expect(normalizeWords(text)).toEqual(normalizeWordsBySegmenter(text));
  });

  it('matches the segmenter on long runs without spaces (CJK paragraphs are cut at sentence punctuation)', () => {
    const sentences = ['日本银行周三宣布维持超宽松货币政策不变。', '分析人士认为，央行可能在明年开始逐步退出刺激措施！', '东京股市（日经指数）收盘上涨了百分之一点五？'];
    const paragraph = Array.from({ length: 60 }, (_, i) => sentences[i % 3]).join('');
    expect(paragraph.length).toBeGreaterThan(1_000);
    expect(normalizeWords(paragraph)).toEqual(normalizeWordsBySegmenter(paragraph));
  });

  it('stays linear on a long run of punctuation (the segmenter alone is quadratic there)', () => {
    expect(normalizeWords(`${'<'.repeat(200_000)}word`)).toEqual(['word']);
    expect(normalizeWords(`${'-'.repeat(100_000)}`)).toEqual([]);
  });

  it('keeps at most MAX_WORDS words', () => {
    const text = 'word '.repeat(MAX_WORDS + 10);
    expect(normalizeWords(text)).toHaveLength(MAX_WORDS);
  });

  const realArticles = needsPaths('on real articles', [aebFile, ecbFile]);
  describe.skipIf(realArticles.skip)(realArticles.title, () => {
    it('matches the segmenter on every AEB and ECB+ article', () => {
      const aeb: unknown = JSON.parse(readFileSync(aebFile, 'utf8'));
      const texts: string[] = [];
      if (typeof aeb === 'object' && aeb !== null) {
        const entries: unknown[] = Object.values(aeb);
        for (const entry of entries) {
          if (typeof entry === 'object' && entry !== null && 'articleBody' in entry && typeof entry.articleBody === 'string') texts.push(entry.articleBody);
        }
      }
      for (const line of readFileSync(ecbFile, 'utf8').split('\n')) {
        const doc: unknown = line.trim() === '' ? null : JSON.parse(line);
        if (typeof doc === 'object' && doc !== null && 'text' in doc && typeof doc.text === 'string') texts.push(doc.text);
      }
      expect(texts.length).toBeGreaterThan(600);
      const differing = texts.filter((t) => JSON.stringify(normalizeWords(t)) !== JSON.stringify(normalizeWordsBySegmenter(t)));
      expect(differing).toEqual([]);
    });
  });
});
