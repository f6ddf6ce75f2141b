import { describe, expect, it } from 'vitest';
import {
  boilerplateLinesAt,
  MIN_BOILERPLATE_DOCS,
  MIN_BOILERPLATE_SPAN_DAYS,
  recordLines,
  storedText,
} from '../../src/store/boilerplate-lines.js';
import { insertArticle } from '../../src/store/articles.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';
import { articleInput } from '../helpers/article-input.js';

const day = (n: number): Date => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

describe('boilerplate line statistics', () => {
  const openStore = tempDatabasePerTest();
  const open = () => openStore().db;

  it('names the rule: 3 articles over at least 7 days', () => {
    expect([MIN_BOILERPLATE_DOCS, MIN_BOILERPLATE_SPAN_DAYS]).toEqual([3, 7]);
  });

  it.each([
    ['three articles over a week', [0, 3, 7], true],
    ['three articles within a day (a wire story)', [0, 0, 1], false],
    ['two articles over a month', [0, 30], false],
    ['many articles over six days', [0, 1, 2, 3, 4, 5, 6], false],
    ['three articles out of time order', [9, 0, 4], true],
  ])('%s', (_name, days, expected) => {
    const d = open();
    for (const n of days) recordLines(d, [1, 2], day(n));
    expect(boilerplateLinesAt(d, [1, 2, 3], day(40)).size).toBe(expected ? 2 : 0);
  });

  it('counts each record as one article and keeps the first and last time', () => {
    const d = open();
    recordLines(d, [7], day(5));
    recordLines(d, [7, 8], day(2));
    recordLines(d, [7], day(11));
    const rows = d.prepare('SELECT hash, docs, first_seen_at, last_seen_at FROM boilerplate_lines ORDER BY hash').all();
    expect(rows).toEqual([
      { hash: 7, docs: 3, first_seen_at: day(2).toISOString(), last_seen_at: day(11).toISOString() },
      { hash: 8, docs: 1, first_seen_at: day(2).toISOString(), last_seen_at: day(2).toISOString() },
    ]);
  });

  it('is not boilerplate at a time before the line was first seen', () => {
    const d = open();
    for (const n of [10, 14, 20]) recordLines(d, [4294967295], day(n));
    expect([...boilerplateLinesAt(d, [4294967295], day(21))]).toEqual([4294967295]);
    expect(boilerplateLinesAt(d, [4294967295], day(9)).size).toBe(0);
  });

  it('does nothing for no hashes', () => {
    const d = open();
    recordLines(d, [], day(0));
    expect(boilerplateLinesAt(d, [], day(0)).size).toBe(0);
    expect(d.prepare('SELECT count(*) FROM boilerplate_lines').pluck().get()).toBe(0);
  });

  it('counts the span in days, inclusive: exactly 7 days is enough, a minute less is not', () => {
    const d = open();
    for (const n of [0, 3]) recordLines(d, [1, 2], day(n));
    recordLines(d, [1], day(7));
    recordLines(d, [2], new Date(day(7).getTime() - 60_000));
    expect([...boilerplateLinesAt(d, [1, 2], day(40))]).toEqual([1]);
    // The first sighting at the asked time itself counts.
    expect([...boilerplateLinesAt(d, [1], day(0))]).toEqual([1]);
  });

  it('reads an article\'s stored text, and "" for an article that is not stored', () => {
    const d = open();
    const id = insertArticle(d, articleInput('a', { text: 'line one\nline two' }), 'h', day(0));
    expect(storedText(d, id)).toBe('line one\nline two');
    expect(storedText(d, id + 1)).toBe('');
  });
});
