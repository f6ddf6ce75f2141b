import { describe, expect, it } from 'vitest';
import { feedIdByName, getFeedStates, isDue, saveFeedFetch, syncFeeds, type FeedFetchRecord, type FeedState } from '../../src/store/feeds.js';
import { tempDatabasePerTest } from '../helpers/temp-db.js';

const T0 = new Date('2026-11-24T10:00:00.000Z');
const T1 = new Date('2026-11-24T11:00:00.000Z');
const FEED = { name: 'wire', url: 'https://wire.example/feed', outlet: 'Wire' };
const VALIDATORS = { etag: '"v1"', lastModified: 'Tue, 24 Nov 2026 10:00:00 GMT', bodyHash: 'b1' };

describe('store/feeds', () => {
  const open = tempDatabasePerTest();
  const setUp = () => {
    const { db } = open();
    syncFeeds(db, [FEED], T0);
    const state = (): FeedState => {
      const found = getFeedStates(db, ['wire']).get('wire');
      if (found === undefined) throw new Error('feed wire not stored');
      return found;
    };
    const fetch = (record: Partial<FeedFetchRecord>) =>
      saveFeedFetch(db, state().id, { now: T1, status: 200, outcome: 'ok', conditional: VALIDATORS, nextCheckAt: T1, itemsSeen: 3, ...record });
    return { db, state, fetch };
  };

  it('an empty database has no feed states; names not stored are left out', () => {
    const { db } = open();
    expect(getFeedStates(db, ['wire'])).toEqual(new Map());
    syncFeeds(db, [FEED], T0);
    expect([...getFeedStates(db, ['wire', 'missing']).keys()]).toEqual(['wire']);
  });

  it('finds a feed\'s id by name; null for a name not stored', () => {
    const { db, state } = setUp();
    expect(feedIdByName(db, 'wire')).toBe(state().id);
    expect(feedIdByName(db, 'missing')).toBeNull();
  });

  it('adds a new feed with its URL as the effective URL, never checked, enabled', () => {
    const { state } = setUp();
    expect(state()).toMatchObject({
      name: 'wire', url: FEED.url, effectiveUrl: FEED.url, outlet: 'Wire', lastFetchedAt: null, nextCheckAt: null, errorCount: 0, disabledAt: null,
      conditional: { etag: null, lastModified: null, bodyHash: null },
    });
  });

  it('re-syncing the same URL keeps the fetch state; a new outlet is taken; a changed URL starts afresh', () => {
    const { db, state, fetch } = setUp();
    fetch({ outcome: 'error', status: 500, conditional: null, error: { code: 'bad_status', message: 'HTTP 500' } });
    fetch({ outcome: 'error', status: 410, conditional: null, disable: 'HTTP 410 Gone' });
    syncFeeds(db, [{ ...FEED, outlet: 'Wire Service' }], T1);
    expect(state()).toMatchObject({ outlet: 'Wire Service', errorCount: 2, disabledReason: 'HTTP 410 Gone', nextCheckAt: T1.toISOString() });
    syncFeeds(db, [{ ...FEED, url: 'https://wire.example/rss' }], T1);
    expect(state()).toMatchObject({ url: 'https://wire.example/rss', effectiveUrl: 'https://wire.example/rss', errorCount: 0, disabledAt: null, disabledReason: null, nextCheckAt: null });
    // A feed that left the configuration keeps its row.
    syncFeeds(db, [], T1);
    expect(getFeedStates(db, ['wire']).size).toBe(1);
  });

  it('is due when never checked or its next check has come, never when disabled', () => {
    const { state, fetch } = setUp();
    expect(isDue(state(), T0)).toBe(true);
    fetch({ nextCheckAt: T1 });
    expect(isDue(state(), T0)).toBe(false);
    expect(isDue(state(), T1)).toBe(true);
    fetch({ outcome: 'error', status: 410, conditional: null, disable: 'gone', nextCheckAt: T0 });
    expect(isDue(state(), T1)).toBe(false);
  });

  it('records a success (validators, items, title) and counts errors in a row, keeping the validators', () => {
    const { state, fetch, db } = setUp();
    expect(fetch({ title: 'Wire News' })).toEqual({ movedTo: null, disabled: false });
    expect(state()).toMatchObject({ conditional: VALIDATORS, lastFetchedAt: T1.toISOString(), errorCount: 0 });
    fetch({ outcome: 'error', status: 503, conditional: null, itemsSeen: null, error: { code: 'bad_status', message: 'HTTP 503' } });
    fetch({ outcome: 'error', status: 503, conditional: null, itemsSeen: null, error: { code: 'bad_status', message: 'HTTP 503' } });
    expect(state()).toMatchObject({ conditional: VALIDATORS, errorCount: 2 });
    expect(db.prepare(`SELECT title, items_last_seen, last_error_code, last_success_at FROM feeds`).get()).toEqual({
      title: 'Wire News', items_last_seen: 3, last_error_code: 'bad_status', last_success_at: T1.toISOString(),
    });
    fetch({ outcome: 'not_modified', status: 304, conditional: VALIDATORS, itemsSeen: null });
    expect(state().errorCount).toBe(0);
  });

  it('moves the feed only after `redirectsToMove` fetches in a row redirect permanently to the same place', () => {
    const { state, fetch } = setUp();
    const to = 'https://new.example/feed';
    expect(fetch({ permanentRedirectTo: to }).movedTo).toBeNull();
    expect(fetch({ permanentRedirectTo: 'https://elsewhere.example/feed' }).movedTo).toBeNull();
    expect(state()).toMatchObject({ redirectTarget: 'https://elsewhere.example/feed', redirectCount: 1 });
    fetch({ permanentRedirectTo: to });
    // A failed fetch without a redirect neither counts nor resets.
    fetch({ outcome: 'error', status: null, conditional: null, error: { code: 'timeout', message: 'timed out' } });
    fetch({ permanentRedirectTo: to });
    expect(state()).toMatchObject({ effectiveUrl: FEED.url, redirectCount: 2 });
    expect(fetch({ permanentRedirectTo: to })).toEqual({ movedTo: to, disabled: false });
    expect(state()).toMatchObject({ effectiveUrl: to, redirectTarget: null, redirectCount: 0 });
    expect(fetch({ permanentRedirectTo: 'https://a.example/f', redirectsToMove: 1 }).movedTo).toBe('https://a.example/f');
  });

  it('saving the fetch of an unknown feed id changes nothing', () => {
    const { db } = setUp();
    expect(saveFeedFetch(db, 999, { now: T1, status: 200, outcome: 'ok', conditional: VALIDATORS, nextCheckAt: T1, itemsSeen: 1 })).toEqual({ movedTo: null, disabled: false });
    expect(db.prepare('SELECT last_fetched_at FROM feeds').pluck().get()).toBeNull();
  });
});
