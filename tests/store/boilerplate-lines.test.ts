import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  boilerplateLinesAt,
  MIN_BOILERPLATE_DOCS,
  MIN_BOILERPLATE_SPAN_DAYS,
  recordLines,
} from '../../src/store/boilerplate-lines.js';
import { openDatabase, SCHEMA_VERSION } from '../../src/store/database.js';
import { CLUSTER_SCHEMA_SQL } from '../../src/store/schema-clusters.js';
import { CORE_SCHEMA_SQL, PAGE_FAILURES_SQL } from '../../src/store/schema-core.js';
import { DUPLICATE_SCHEMA_SQL } from '../../src/store/schema-duplicates.js';
import { tempDir } from '../helpers/cli.js';

const day = (n: number): Date => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

describe('boilerplate line statistics', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  let db: Database.Database | null = null;
  afterEach(() => {
    db?.close();
    db = null;
    tmp?.cleanup();
    tmp = null;
  });
  const open = (): Database.Database => {
    tmp = tempDir();
    db = openDatabase(path.join(tmp.dir, 'news.db'));
    return db;
  };

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

  it('an existing version-2 database gets the table on open', () => {
    tmp = tempDir();
    const file = path.join(tmp.dir, 'v2.db');
    const old = new Database(file);
    old.exec([CORE_SCHEMA_SQL, DUPLICATE_SCHEMA_SQL, CLUSTER_SCHEMA_SQL].join('\n'));
    old.exec(PAGE_FAILURES_SQL);
    old.pragma('user_version = 2');
    old.close();
    db = openDatabase(file);
    expect(SCHEMA_VERSION).toBe(3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    recordLines(db, [1], day(0));
    expect(db.prepare('SELECT docs FROM boilerplate_lines WHERE hash = 1').pluck().get()).toBe(1);
  });
});
