import { describe, expect, it } from 'vitest';
import { iterateExportRows } from '../../src/store/export-rows.js';
import { hour, seedStories } from '../helpers/story-fixture.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

describe('store/export-rows', () => {
  const open = tempDatabasePerTest();

  it('an empty database exports nothing', () => {
    expect([...iterateExportRows(open().db, true)]).toEqual([]);
  });

  it('exports every article in id order, with its text only when asked', () => {
    const { db } = open();
    seedStories(db);
    const rows = [...iterateExportRows(db, false)];
    expect(rows.map((r) => r.title)).toHaveLength(7);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    expect(rows[0]).toEqual({
      id: rows[0]?.id,
      external_id: null,
      url: 'https://alpha.example/wire',
      source: 'Alpha',
      title: 'Harbour budget approved',
      published: hour(1),
      lang: null,
      duplicate_group: 1,
      cluster: 1,
      version: 1,
    });
    expect(rows.at(-1)?.published).toBe(hour(11));
    expect([...iterateExportRows(db, true)][0]?.text).toBe('The council approved the harbour budget.');
  });
});
