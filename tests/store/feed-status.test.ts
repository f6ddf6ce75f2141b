import { describe, expect, it } from 'vitest';
import { listFeedStatus, neverFetched, statusOf, type FeedStatusRow } from '../../src/store/feed-status.js';
import { feedIdByName, saveFeedFetch, type FeedFetchRecord } from '../../src/store/feeds.js';
import { addArticle, addFeeds } from '../helpers/store-rows.js';
import { hour } from '../helpers/story-fixture.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

/** A fetch at hour 10 with `outcome`, next check at hour 11. */
const fetched = (outcome: FeedFetchRecord['outcome'], extra: Partial<FeedFetchRecord> = {}): FeedFetchRecord => ({
  now: new Date(hour(10)),
  status: outcome === 'error' ? 500 : outcome === 'not_modified' ? 304 : 200,
  outcome,
  conditional: null,
  nextCheckAt: new Date(hour(11)),
  itemsSeen: outcome === 'ok' ? 3 : null,
  error: outcome === 'error' ? { code: 'bad_status', message: 'HTTP 500' } : null,
  ...extra,
});

describe('store/feed-status', () => {
  const open = tempDatabasePerTest();

  it('an empty database has no feed rows', () => {
    expect(listFeedStatus(open().db)).toEqual([]);
  });

  it('feed status: every stored feed in name order, with its article count and last outcome', () => {
    const { db } = open();
    addFeeds(db, ['zeta', 'alpha']);
    saveFeedFetch(db, 1, fetched('error'));
    addArticle(db, 'a', { feedName: 'zeta' });
    expect(listFeedStatus(db)).toEqual([
      expect.objectContaining({ name: 'alpha', articles: 0, lastOutcome: null, errorCount: 0 }),
      expect.objectContaining({
        name: 'zeta',
        articles: 1,
        lastOutcome: 'error',
        lastStatus: 500,
        errorCount: 1,
        lastError: 'HTTP 500',
        nextCheckAt: hour(11),
      }),
    ]);
  });

  it('a configured feed never fetched: its URL as the effective one, nothing fetched, no errors, no articles', () => {
    const row = neverFetched('alpha', 'Alpha', 'https://alpha.example/feed');
    expect(row).toEqual({
      name: 'alpha',
      outlet: 'Alpha',
      url: 'https://alpha.example/feed',
      effectiveUrl: 'https://alpha.example/feed',
      lastFetchedAt: null,
      lastSuccessAt: null,
      lastStatus: null,
      lastOutcome: null,
      itemsLastSeen: null,
      errorCount: 0,
      lastError: null,
      nextCheckAt: null,
      disabledAt: null,
      disabledReason: null,
      articles: 0,
    });
    expect(statusOf(row)).toBe('new');
  });

  it('status words from the stored rows: new, ok, ok (304), failing, disabled', () => {
    const { db } = open();
    addFeeds(db, ['a-new', 'b-ok', 'c-304', 'd-failing', 'e-gone']);
    const id = (name: string) => feedIdByName(db, name) ?? -1;
    saveFeedFetch(db, id('b-ok'), fetched('ok'));
    saveFeedFetch(db, id('c-304'), fetched('not_modified'));
    saveFeedFetch(db, id('d-failing'), fetched('error'));
    saveFeedFetch(db, id('e-gone'), fetched('error', { status: 410, disable: 'HTTP 410 Gone' }));
    expect(listFeedStatus(db).map((row) => [row.name, statusOf(row)])).toEqual([
      ['a-new', 'new'],
      ['b-ok', 'ok'],
      ['c-304', 'ok (304)'],
      ['d-failing', 'failing'],
      ['e-gone', 'disabled'],
    ]);
  });

  it('a disabled feed reads disabled even before any fetch; an error count outweighs a 304', () => {
    const base = neverFetched('x', 'X', 'https://x.example/feed');
    const rows: Array<[Partial<FeedStatusRow>, string]> = [
      [{ disabledAt: hour(1) }, 'disabled'],
      [{ lastFetchedAt: hour(1), lastOutcome: 'not_modified', errorCount: 2 }, 'failing'],
      [{ lastFetchedAt: hour(1), lastOutcome: 'not_modified' }, 'ok (304)'],
    ];
    for (const [fields, word] of rows) expect(statusOf({ ...base, ...fields })).toBe(word);
  });
});
